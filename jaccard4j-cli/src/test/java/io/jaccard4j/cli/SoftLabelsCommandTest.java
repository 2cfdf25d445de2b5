package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jaccard4j demo soft-labels}: prints one row per target and loss and writes its files; bad options exit 2. */
class SoftLabelsCommandTest {
    @Test
    void printsTheTableAndWritesFiles(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("demo", "soft-labels", "--iterations", "30", "--out", dir.toString());
        assertEquals(0, run.exit, run.toString());
        assertEquals(18, run.out.lines().filter(l -> l.matches(".* (JML|DML|CE|KL|SJL|SDL) .*")).count(), run.out);
        assertTrue(Files.exists(dir.resolve("results.json")) && Files.exists(dir.resolve("report.html")));
        CliRun bad = CliRun.of("demo", "soft-labels", "--iterations", "0", "--out", dir.toString());
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("iterations must be >= 1"), bad.err);
    }
}
