package io.jaccard4j.examples.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.djl.train.SegmentationTrainer;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.recipes.BoundaryLabelSmoothing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared recipe of {@code train} and {@code demo}: its loss names, its soft labels and the run it writes. */
class SegmentationRecipeTest {
    @Test
    void everyListedLossBuildsInAnyCaseAndAnUnknownNameListsThem() {
        for (String name : SegmentationRecipe.LOSSES) {
            assertNotNull(SegmentationRecipe.loss(name, 255));
            assertNotNull(SegmentationRecipe.loss(name.toUpperCase(Locale.ROOT), Targets.NO_IGNORE));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationRecipe.loss("nope", 255));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        for (String name : SegmentationRecipe.LOSSES) {
            assertTrue(e.getMessage().contains(name), "the message lists " + name + ": " + e.getMessage());
        }
        // a registry loss without a DJL form says so
        IllegalArgumentException focal = assertThrows(IllegalArgumentException.class,
                () -> SegmentationRecipe.loss("focal", 255));
        assertTrue(focal.getMessage().contains("focal"), focal.getMessage());
    }

    @Test
    void boundarySmoothingStacksCoresSoftLabelsImageByImageWithTheLabelledPixelsAsKeepMask() {
        int size = 16;
        int classes = 4;
        int n = 3;
        int p = size * size;
        int[] masks = new int[n * p];
        for (int i = 0; i < n; i++) {
            SyntheticScenes.Scene s = SyntheticScenes.generate(40 + i, size, size);
            System.arraycopy(s.mask, 0, masks, i * p, p);
        }
        for (int i = 0; i < p; i += 7) {
            masks[i] = 255;
        }
        SegmentationRecipe r = new SegmentationRecipe(classes, size, 2, 1, 1e-3, 4, 255, null);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = r.boundarySmoothing(m, masks, n);
            float[] soft = out.get(0).toFloatArray();
            float[] keep = out.get(1).toFloatArray();
            assertEquals(n * classes * p, soft.length);
            for (int i = 0; i < n; i++) {
                float[] expected = BoundaryLabelSmoothing.defaults().apply(
                        java.util.Arrays.copyOfRange(masks, i * p, (i + 1) * p), size, size, classes, 255);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(soft, i * classes * p, (i + 1) * classes * p));
            }
            for (int i = 0; i < n * p; i++) {
                assertEquals(masks[i] == 255 ? 0f : 1f, keep[i]);
            }
        }
    }

    @Test
    void trainsAndWritesTheCurveItRecorded(@TempDir Path dir) throws Exception {
        int size = 16;
        SegmentationRecipe r = new SegmentationRecipe(SyntheticScenes.CLASSES, size, 2, 2, 5e-3, 4,
                Targets.NO_IGNORE, new PrintWriter(new StringWriter()));
        try (NDManager m = NDManager.newBaseManager()) {
            NDList train = SyntheticScenes.batch(m, 1, 5, size, size);
            NDList val = SyntheticScenes.batch(m, 100, 2, size, size);
            try (SegmentationTrainer t = r.train(SegmentationRecipe.loss("jml", Targets.NO_IGNORE), train.get(0),
                    new NDList(train.get(1)), val, 3)) {
                List<SegmentationTrainer.Epoch> curve = t.curve();
                assertEquals(2, curve.size());
                SegmentationRecipe.writeRun(dir, "title", "description", "JML", 4, curve);
                JsonObject doc = JsonParser.parseString(Files.readString(dir.resolve("results.json")))
                        .getAsJsonObject();
                JsonArray epochs = doc.getAsJsonArray("epochs");
                for (int i = 0; i < curve.size(); i++) {
                    JsonObject e = epochs.get(i).getAsJsonObject();
                    assertEquals(curve.get(i).epoch, e.get("epoch").getAsInt());
                    assertEquals(curve.get(i).trainLoss, e.get("train_loss").getAsDouble());
                    assertEquals(curve.get(i).valMeanIoU, e.get("val_miou").getAsDouble());
                    assertEquals(curve.get(i).valEce, e.get("val_ece").getAsDouble());
                }
                assertEquals("JML", doc.get("loss").getAsString());
                assertEquals(4, doc.get("classes").getAsInt());
                assertTrue(Files.readString(dir.resolve("report.html")).contains("<svg"));
            }
        }
    }
}
