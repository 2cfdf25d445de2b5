package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders cleanly. picocli reads descriptions as format strings, so a bare {@code %} (as in
 * "95% interval" or "worst 5 %") made it print a {@code [picocli WARN] Could not format} line on the process's
 * stderr, outside the command's streams, and show the raw text. The test walks the whole command tree (nested
 * commands such as {@code demo soft-labels} included), so a new command is covered without editing it.
 */
class HelpTextTest {

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!into.contains(sub)) {
                collect(sub, into);
            }
        }
    }

    @Test
    void everyCommandsHelpRendersWithoutPicocliFormatWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(Jaccard4j.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), all);
        assertTrue(all.size() > 10, "expected the whole command tree, got " + all.size() + " commands");
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> withWarnings = new ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine cl : all) {
                captured.reset();
                String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
                String err = captured.toString(StandardCharsets.UTF_8);
                assertFalse(usage.isBlank(), cl.getCommandName());
                if (err.contains("picocli WARN") || usage.contains("%n")) {
                    withWarnings.add(cl.getCommandSpec().qualifiedName() + ": " + err.strip());
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals(List.of(), withWarnings);
    }

    @Test
    void helpThroughTheCommandLineExitsZeroWithNothingOnStderr() {
        for (String name : List.of("score", "demo", "retrieval", "example", "report")) {
            CliRun run = CliRun.of(name, "--help");
            assertEquals(0, run.exit, name + ": " + run);
            assertEquals("", run.err, name + " --help wrote to stderr");
        }
    }
}
