package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.command.CommandErrors;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command prints the library's warnings itself, as one {@code warning:} line each; the library's own logger must
 * then stay quiet, or the same warning reaches stderr again with a timestamp. That rule belongs to the error
 * contract every front end installs ({@link CommandErrors#install}), not to one front end's {@code main}: the Spark
 * job ({@code bin/jaccard4j-spark score}) printed each warning three times, the local command once.
 */
class LibraryLogTest {
    @CommandLine.Command(name = "probe")
    static final class Probe implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void installingTheErrorContractQuietsTheLibraryLogger() {
        // the tests' logging configuration (config/test-logging.properties) turns logging down for every test;
        // a real run starts from Java's default (INFO), which this test restores first
        java.util.logging.Logger library = java.util.logging.Logger.getLogger("io.jaccard4j");
        java.util.logging.Level saved = library.getLevel();
        library.setLevel(java.util.logging.Level.INFO);
        try {
            assertTrue(System.getLogger("io.jaccard4j.metrics").isLoggable(System.Logger.Level.WARNING));
            CommandErrors.install(new CommandLine(new Probe()), "probe", new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
            assertFalse(System.getLogger("io.jaccard4j.metrics").isLoggable(System.Logger.Level.WARNING));
            assertFalse(System.getLogger("io.jaccard4j.engine").isLoggable(System.Logger.Level.WARNING));
            assertTrue(System.getLogger("io.jaccard4j.metrics").isLoggable(System.Logger.Level.ERROR));
        } finally {
            library.setLevel(saved);
        }
    }
}
