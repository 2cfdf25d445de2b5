package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.examples.segmentation.SyntheticScenes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @Test
    void trainsOnVocFoldersWithAndWithoutBoundarySmoothing(@TempDir Path dir) throws Exception {
        Path voc = dir.resolve("voc");
        SyntheticScenes.writeVocFolder(voc, 20, 32, 32, true);
        for (String recipe : new String[] {"none", "bls"}) {
            Path out = dir.resolve("out-" + recipe);
            CliRun run = CliRun.of("train", "--data", voc.toString(), "--loss", "jml", "--recipe", recipe, "--epochs",
                    "2", "--size", "32", "--out", out.toString());
            assertEquals(0, run.exit, run.toString());
            JsonObject doc = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
            assertEquals(2, doc.getAsJsonArray("epochs").size());
            assertEquals(4, doc.get("classes").getAsInt());
            assertTrue(Files.list(out.resolve("model")).findAny().isPresent(), "a checkpoint was saved");
            assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        }
        CliRun bad = CliRun.of("train", "--data", dir.resolve("missing").toString(), "--out", dir.toString());
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("JPEGImages"), bad.err);
    }
}
