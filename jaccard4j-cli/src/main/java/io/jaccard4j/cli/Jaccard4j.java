package io.jaccard4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code jaccard4j} command. Errors a person can act on (bad input, missing files, bad
 * option values) print one line on stderr and exit with status 2; an unexpected internal error prints one
 * line and exits with status 3 (set {@code JACCARD4J_DEBUG=1} for its stack trace).
 */
@Command(name = "jaccard4j", mixinStandardHelpOptions = true, version = "jaccard4j 0.1.0",
        description = "Set-overlap metrics (Jaccard/IoU, Dice/F1, precision, recall) and overlap losses.",
        subcommands = {ScoreCommand.class, SweepCommand.class, LossCommand.class, MetricLossCommand.class, ExampleCommand.class, DemoCommand.class, TrainCommand.class, ReportCommand.class, AvgKCommand.class, RetrievalCommand.class,
            CommandLine.HelpCommand.class})
public final class Jaccard4j implements Runnable {
    /** Exit status of bad input or usage. */
    public static final int EXIT_USAGE = 2;
    /** Exit status of an unexpected internal error. */
    public static final int EXIT_INTERNAL = 3;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Builds the command line with jaccard4j's error handling, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return withErrorHandling(new CommandLine(new Jaccard4j()), out, err);
    }

    /** Gives any command line jaccard4j's streams and error handling (one message, status 2 or 3). */
    public static CommandLine withErrorHandling(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((thrown, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            Throwable ex = userError(thrown);
            e.println("jaccard4j " + commandLine.getCommandName() + ": error: " + describe(ex));
            if (System.getenv("JACCARD4J_DEBUG") != null) {
                thrown.printStackTrace(e);
            }
            e.flush();
            return isUserError(ex) ? EXIT_USAGE : EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("jaccard4j " + ex.getCommandLine().getCommandName() + ": error: " + ex.getMessage());
            e.println("Try 'jaccard4j " + (ex.getCommandLine().getParent() == null ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help' for the options.");
            e.flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    /**
     * The error to report: the first bad-input error in the cause chain (a distributed job wraps the
     * executor's IllegalArgumentException in its own exception), else the exception itself.
     */
    static Throwable userError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (isUserError(t)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ex;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IOException
                || ex instanceof UncheckedIOException || ex instanceof IllegalStateException;
    }

    static String describe(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; raise the heap with JACCARD4J_JAVA_OPTS=-Xmx8g or stream a directory of masks";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
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
        // the command reports warnings itself; keep the library's logger from printing them twice
        java.util.logging.Logger.getLogger("io.jaccard4j").setLevel(java.util.logging.Level.SEVERE);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }
}
