package io.jaccard4j.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The error contract of every jaccard4j command (the local command and the Spark job alike): a problem a person
 * can act on — bad input, a missing file, a bad option value or an unknown option — prints exactly one line on
 * stderr, {@code <command> <subcommand>: error: <message>}, and exits with status {@value #EXIT_USAGE}; an
 * unexpected internal error prints one line and exits with status {@value #EXIT_INTERNAL}. No stack trace is
 * printed unless {@code JACCARD4J_DEBUG} is set.
 */
public final class CommandErrors {
    /** Exit status of bad input or usage. */
    public static final int EXIT_USAGE = 2;
    /** Exit status of an unexpected internal error. */
    public static final int EXIT_INTERNAL = 3;
    /**
     * The library's logger, held so that its level outlives garbage collection (java.util.logging keeps loggers
     * weakly).
     */
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("io.jaccard4j");

    private CommandErrors() {
    }

    /**
     * Gives a command line the streams and the error contract. The command prints the library's warnings itself
     * (one {@code warning:} line each), so the library's own logger is turned down to SEVERE here, for every front
     * end alike; otherwise each warning reached stderr again, with a timestamp.
     *
     * @param program the program name the messages start with (e.g. {@code jaccard4j})
     */
    public static CommandLine install(CommandLine cl, String program, PrintWriter out, PrintWriter err) {
        LIBRARY_LOG.setLevel(java.util.logging.Level.SEVERE);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Double.class, CommandErrors::decimal);
        cl.registerConverter(Double.TYPE, CommandErrors::decimal);
        cl.setExecutionExceptionHandler((thrown, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            Throwable ex = userError(thrown);
            e.println(prefix(program, commandLine) + "error: " + describe(ex));
            if (System.getenv("JACCARD4J_DEBUG") != null) {
                thrown.printStackTrace(e);
            }
            e.flush();
            return isUserError(ex) ? EXIT_USAGE : EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            String help = program + (c.getParent() == null ? "" : " " + c.getCommandName()) + " --help";
            e.println(prefix(program, c) + "error: " + ex.getMessage() + " (see '" + help + "')");
            e.flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    /** A decimal number as a person writes it: digits, an optional point and exponent, or NaN / Infinity. */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");

    /**
     * The value of a number option. Java's own parser also takes {@code 0.9d}, {@code 0.9f} and hexadecimal floats
     * such as {@code 0x1p-1}; those are refused, since a typo should not pass for a number. NaN and Infinity get
     * through to the option's own range check, which names them.
     */
    static Double decimal(String value) {
        String v = value.strip();
        if (!DECIMAL.matcher(v).matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a decimal number");
        }
        return Double.valueOf(v);
    }

    private static String prefix(String program, CommandLine c) {
        return c.getParent() == null && c.getCommandName().equals(program) ? program + ": "
                : program + " " + c.getCommandName() + ": ";
    }

    /**
     * The error to report: the first bad-input error in the cause chain (a distributed job wraps the executor's
     * IllegalArgumentException in its own exception), else the exception itself.
     */
    public static Throwable userError(Throwable ex) {
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

    /** Whether an exception reports bad input or a missing/unreadable file rather than a bug. */
    public static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IOException
                || ex instanceof UncheckedIOException || ex instanceof IllegalStateException;
    }

    /** The one-line message of an error. */
    public static String describe(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " is a file where a directory is needed (e.g. --out names an existing file)";
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage().replace('\n', ' ');
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; raise the heap with JACCARD4J_JAVA_OPTS=-Xmx8g or stream a directory of masks";
        }
        String m = e.getMessage();
        m = m == null ? e.getClass().getSimpleName() : m;
        return m.replace('\n', ' ');
    }
}
