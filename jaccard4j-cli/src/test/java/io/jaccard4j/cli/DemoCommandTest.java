package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jaccard4j demo --quick} (what CI runs): trains every configuration and writes parseable results. */
class DemoCommandTest {
    @Test
    void quickDemoRunsAndItsResultsParse(@TempDir Path dir) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        CliRun run = CliRun.of("demo", "--quick", "--out", dir.toString());
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("CE+JML") && run.out.contains("SSL + JML"), run.out);
        JsonObject doc = JsonParser.parseString(Files.readString(dir.resolve("results.json"))).getAsJsonObject();
        assertEquals(16, doc.getAsJsonArray("runs").size());
        assertTrue(doc.getAsJsonArray("runs").get(0).getAsJsonObject().has("miou"));
        assertTrue(doc.getAsJsonArray("runs").get(0).getAsJsonObject().has("ece"));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("<svg"));
        CliRun bad = CliRun.of("demo", "--quick", "--epochs", "0", "--out", dir.toString());
        assertEquals(2, bad.exit, bad.toString());
        for (String[] args : new String[][] {{"--seeds", "0"}, {"--threads", "0"}}) {
            CliRun b = CliRun.of("demo", "--quick", args[0], args[1], "--out", dir.toString());
            assertEquals(2, b.exit, b.toString());
            assertTrue(b.err.contains(args[0] + " must be >= 1"), b.err);
        }
        CliRun eps = CliRun.of("demo", "--quick", "--label-smoothing", "1.5", "--out", dir.toString());
        assertEquals(2, eps.exit, eps.toString());
        assertTrue(eps.err.contains("label smoothing epsilon is 1.5; expected a value in [0, 1]"), eps.err);
        CliRun task = CliRun.of("demo", "--quick", "--task", "fuzzy", "--out", dir.toString());
        assertEquals(2, task.exit, task.toString());
        assertTrue(task.err.contains("--task is 'fuzzy'; expected scenes or ambiguous"), task.err);
    }
}
