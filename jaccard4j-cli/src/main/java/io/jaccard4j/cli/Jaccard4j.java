package io.jaccard4j.cli;

import io.jaccard4j.command.CommandErrors;
import io.jaccard4j.command.ScoreCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code jaccard4j} command. Errors follow {@link CommandErrors}: a problem a person can act
 * on (bad input, missing files, bad option values) prints one line on stderr and exits with status 2; an
 * unexpected internal error prints one line and exits with status 3 (set {@code JACCARD4J_DEBUG=1} for its
 * stack trace).
 */
@Command(name = "jaccard4j", mixinStandardHelpOptions = true, version = "jaccard4j 0.1.0",
        description = "Set-overlap metrics (Jaccard/IoU, Dice/F1, precision, recall) and overlap losses.",
        subcommands = {ScoreCommand.class, SweepCommand.class, LossCommand.class, MetricLossCommand.class, ExampleCommand.class, DemoCommand.class, TrainCommand.class, ReportCommand.class, AvgKCommand.class, RetrievalCommand.class,
            CommandLine.HelpCommand.class})
public final class Jaccard4j implements Runnable {
    /** Exit status of bad input or usage. */
    public static final int EXIT_USAGE = CommandErrors.EXIT_USAGE;
    /** Exit status of an unexpected internal error. */
    public static final int EXIT_INTERNAL = CommandErrors.EXIT_INTERNAL;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Builds the command line with jaccard4j's error handling, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return withErrorHandling(new CommandLine(new Jaccard4j()), out, err);
    }

    /** Gives any command line jaccard4j's streams and error contract ({@link CommandErrors}). */
    public static CommandLine withErrorHandling(CommandLine cl, PrintWriter out, PrintWriter err) {
        return CommandErrors.install(cl, "jaccard4j", out, err);
    }

    /** Runs the command with arguments and returns its exit status (what {@link #main} exits with). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(out, err).execute(args);
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
