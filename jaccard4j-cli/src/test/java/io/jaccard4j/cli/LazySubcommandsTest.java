package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link Jaccard4j#run} builds only the subcommand its first argument names; that must parse, print and fail exactly
 * as the whole command tree does, and the names it looks up must be the commands' own.
 */
class LazySubcommandsTest {
    private static String[] runBoth(String... args) {
        StringWriter lazyOut = new StringWriter();
        StringWriter lazyErr = new StringWriter();
        int lazy = Jaccard4j.commandLine(args, new PrintWriter(lazyOut, true), new PrintWriter(lazyErr, true))
                .execute(args);
        StringWriter fullOut = new StringWriter();
        StringWriter fullErr = new StringWriter();
        int full = Jaccard4j.commandLine(new PrintWriter(fullOut, true), new PrintWriter(fullErr, true)).execute(args);
        assertEquals(full, lazy, String.join(" ", args));
        assertEquals(fullOut.toString(), lazyOut.toString(), String.join(" ", args));
        assertEquals(fullErr.toString(), lazyErr.toString(), String.join(" ", args));
        return new String[] {Integer.toString(lazy), lazyOut.toString(), lazyErr.toString()};
    }

    @Test
    void namesAreTheCommandsOwn() {
        CommandLine all = Jaccard4j.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Map<String, CommandLine> subs = all.getSubcommands();
        assertTrue(subs.size() >= 11, subs.keySet().toString());
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            Object user = e.getValue().getCommandSpec().userObject();
            CommandLine.Command c = user.getClass().getAnnotation(CommandLine.Command.class);
            assertEquals(e.getKey(), c.name(), user.getClass().getName());
        }
    }

    @Test
    void oneSubcommandBehavesAsTheWholeTree() {
        for (List<String> args : List.of(List.of("retrieval", "--help"), List.of("score", "--help"),
                List.of("retrieval", "--embeddings"), List.of("retrieval", "--threads", "0"),
                List.of("score", "--no-such-flag"), List.of("avgk", "--help"), List.of("help", "retrieval"),
                List.of("retreival"), List.of("--help"))) {
            runBoth(args.toArray(new String[0]));
        }
        String[] r = runBoth("retrieval", "--threads", "0", "--embeddings", "x.npy", "--labels", "y.npy");
        assertEquals("2", r[0], r[2]);
    }
}
