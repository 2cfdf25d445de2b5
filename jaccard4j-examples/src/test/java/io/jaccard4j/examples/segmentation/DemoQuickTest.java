package io.jaccard4j.examples.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's quick mode runs end to end and writes parseable results and a report, and it is reproducible: two
 * runs with the same seed and thread count in one process (so on one CPU kind) write byte-identical results.json.
 */
class DemoQuickTest {
    @Test
    void quickDemoWritesResultsAndReportAndRepeatsBitForBit(@TempDir Path dir) throws Exception {
        SegmentationDemo.Options o = SegmentationDemo.Options.quick();
        o.out = dir.resolve("a");
        new SegmentationDemo(o, new PrintWriter(new StringWriter())).run();
        SegmentationDemo.Options again = SegmentationDemo.Options.quick();
        again.out = dir.resolve("b");
        new SegmentationDemo(again, new PrintWriter(new StringWriter())).run();
        assertEquals(Files.readString(o.out.resolve("results.json")), Files.readString(again.out.resolve("results.json")),
                "two quick runs with seed 7 and 2 threads");
        dir = o.out;
        JsonObject doc = JsonParser.parseString(Files.readString(dir.resolve("results.json"))).getAsJsonObject();
        assertTrue(!doc.getAsJsonObject("config").has("task"), "the default task's config is as it was");
        JsonArray runs = doc.getAsJsonArray("runs");
        assertEquals(16, runs.size());
        for (JsonElement e : runs) {
            JsonObject r = e.getAsJsonObject();
            double miou = r.get("miou").getAsDouble();
            double ece = r.get("ece").getAsDouble();
            assertTrue(miou >= 0 && miou <= 1, r.toString());
            assertTrue(ece >= 0 && ece <= 1, r.toString());
            assertEquals(4, r.getAsJsonArray("per_class").size());
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("Training curves") && html.contains("reliability"));
    }

    @Test
    void quickAmbiguousTaskAddsThePosteriorRecipeAndRepeatsBitForBit(@TempDir Path dir) throws Exception {
        String[] results = new String[2];
        for (int k = 0; k < 2; k++) {
            SegmentationDemo.Options o = SegmentationDemo.Options.quick();
            o.task = SegmentationDemo.TASK_AMBIGUOUS;
            o.out = dir.resolve("run" + k);
            new SegmentationDemo(o, new PrintWriter(new StringWriter())).run();
            results[k] = Files.readString(o.out.resolve("results.json"));
        }
        assertEquals(results[0], results[1], "two quick ambiguous runs with seed 7 and 2 threads");
        JsonObject doc = JsonParser.parseString(results[0]).getAsJsonObject();
        assertEquals("ambiguous", doc.getAsJsonObject("config").get("task").getAsString());
        JsonArray runs = doc.getAsJsonArray("runs");
        assertEquals(19, runs.size());
        assertEquals("POST + JML", runs.get(18).getAsJsonObject().get("name").getAsString());
        JsonArray paired = doc.getAsJsonArray("paired");
        assertEquals("POST", paired.get(paired.size() - 1).getAsJsonObject().get("recipe").getAsString());
    }

    @Test
    void unknownTaskAndTaskWithDataAreRefused(@TempDir Path dir) {
        SegmentationDemo.Options o = SegmentationDemo.Options.quick();
        o.out = dir;
        o.task = "fuzzy";
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SegmentationDemo(o, null).run());
        assertEquals("--task is 'fuzzy'; expected scenes or ambiguous", e.getMessage());
        o.task = SegmentationDemo.TASK_AMBIGUOUS;
        o.data = dir;
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SegmentationDemo(o, null).run());
        assertTrue(e.getMessage().startsWith("--task ambiguous generates its data"), e.getMessage());
    }

    @Test
    void quickDemoRunsOnVocFolders(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("voc");
        SyntheticScenes.writeVocFolder(root, 20, 40, 48, true);
        SegmentationDemo.Options o = SegmentationDemo.Options.quick();
        o.out = dir.resolve("out");
        o.data = root;
        new SegmentationDemo(o, new PrintWriter(new StringWriter())).run();
        JsonObject doc = JsonParser.parseString(Files.readString(o.out.resolve("results.json"))).getAsJsonObject();
        assertEquals(16, doc.getAsJsonArray("runs").size());
        assertEquals(16, doc.getAsJsonObject("config").get("train_images").getAsInt());
    }

}
