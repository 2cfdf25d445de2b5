package io.jaccard4j.cli;

import io.jaccard4j.command.CommandErrors;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code jaccard4j} command. Errors follow {@link CommandErrors}: a problem a person can act
 * on (bad input, missing files, bad option values) prints one line on stderr and exits with status 2; an
 * unexpected internal error prints one line and exits with status 3 (set {@code JACCARD4J_DEBUG=1} for its
 * stack trace).
 */
@Command(name = "jaccard4j", mixinStandardHelpOptions = true, version = "jaccard4j 0.1.0",
        description = "Set-overlap metrics (Jaccard/IoU, Dice/F1, precision, recall) and overlap losses.")
public final class Jaccard4j implements Runnable {
    /** Exit status of bad input or usage. */
    public static final int EXIT_USAGE = CommandErrors.EXIT_USAGE;
    /** Exit status of an unexpected internal error. */
    public static final int EXIT_INTERNAL = CommandErrors.EXIT_INTERNAL;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * The subcommands by name (their classes by name, loaded when added), in the order the usage lists them. picocli
     * reads a command's options by reflection when it is added, about 80 ms for all of them on a cold JVM; {@link #run}
     * adds only the one named, when one is.
     */
    private static final Map<String, String> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("score", "io.jaccard4j.command.ScoreCommand");
        SUBCOMMANDS.put("sweep", "io.jaccard4j.cli.SweepCommand");
        SUBCOMMANDS.put("loss", "io.jaccard4j.cli.LossCommand");
        SUBCOMMANDS.put("metric-loss", "io.jaccard4j.cli.MetricLossCommand");
        SUBCOMMANDS.put("example", "io.jaccard4j.cli.ExampleCommand");
        SUBCOMMANDS.put("demo", "io.jaccard4j.cli.DemoCommand");
        SUBCOMMANDS.put("train", "io.jaccard4j.cli.TrainCommand");
        SUBCOMMANDS.put("report", "io.jaccard4j.cli.ReportCommand");
        SUBCOMMANDS.put("avgk", "io.jaccard4j.cli.AvgKCommand");
        SUBCOMMANDS.put("retrieval", "io.jaccard4j.cli.RetrievalCommand");
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class.getName());
    }

    /** Builds the command line with every subcommand and jaccard4j's error handling, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(SUBCOMMANDS.keySet(), out, err);
    }

    /**
     * The command line for these arguments: with only the subcommand the first argument names (other than help,
     * which needs them all), else with every one. Either parses and reports the same.
     */
    static CommandLine commandLine(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help")) {
            return commandLine(java.util.List.of(args[0]), out, err);
        }
        return commandLine(out, err);
    }

    private static CommandLine commandLine(java.util.Collection<String> names, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Jaccard4j());
        for (String name : names) {
            try {
                cl.addSubcommand(name, Class.forName(SUBCOMMANDS.get(name)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("subcommand class missing from the build: " + SUBCOMMANDS.get(name), e);
            }
        }
        return withErrorHandling(cl, out, err);
    }

    /** Gives any command line jaccard4j's streams and error contract ({@link CommandErrors}). */
    public static CommandLine withErrorHandling(CommandLine cl, PrintWriter out, PrintWriter err) {
        return CommandErrors.install(cl, "jaccard4j", out, err);
    }

    /** Runs the command with arguments and returns its exit status (what {@link #main} exits with). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(args, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        // DJL must never reach for the network: its engine comes from the Maven artifacts in the jar
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // the command reports warnings itself; CommandErrors.install turns the library's logger down
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }
}
