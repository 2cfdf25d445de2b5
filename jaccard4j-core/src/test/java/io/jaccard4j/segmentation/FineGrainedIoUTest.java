package io.jaccard4j.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fine-grained scores against the JML authors' JDTLosses {@code metrics/AccuracyMetric} run on 24 seeded cases
 * (tools/gen_segmentation_finegrained_reference.py). JDTLosses computes in float32, so values agree to ~1e-6.
 * Where JDTLosses gives NaN or its 1e6 placeholder (a class never active), the documented rule leaves the class out.
 */
class FineGrainedIoUTest {

    static ImageClassCounts counts(JsonObject c) {
        int[] shape = ReferenceJson.ints(c.get("shape"));
        int per = shape[1] * shape[2];
        int[] truth = ReferenceJson.ints(c.get("truth"));
        int[] pred = ReferenceJson.ints(c.get("pred"));
        int classes = c.get("num_classes").getAsInt();
        ImageClassCounts counts = ImageClassCounts.of(classes,
                c.get("ignore_index").isJsonNull() ? ImageClassCounts.NO_IGNORE : c.get("ignore_index").getAsInt());
        for (int i = 0; i < shape[0]; i++) {
            counts.update(Arrays.copyOfRange(truth, i * per, (i + 1) * per), Arrays.copyOfRange(pred, i * per, (i + 1) * per));
        }
        return counts;
    }

    @Test
    void replaysJdtLosses() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/segmentation/finegrained.json");
        int compared = 0;
        int leftOut = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String id = c.get("id").getAsString();
            FineGrainedIoU f = FineGrainedIoU.of(counts(c), c.get("binary").getAsBoolean());
            Map<String, Double> ours = f.all(c.get("q").getAsInt());
            JsonObject expected = c.getAsJsonObject("jdtlosses");
            assertEquals(expected.keySet(), ours.keySet(), id);
            for (String key : expected.keySet()) {
                double want = ReferenceJson.number(expected.get(key));
                double got = ours.get(key);
                if (Double.isNaN(want) || want > 1.0 + 1e-6) {
                    assertTrue(got >= 0 && got <= 1, id + " " + key + " = " + got);
                    leftOut++;
                    continue;
                }
                assertEquals(want, got, 2e-6, id + " " + key);
                compared++;
            }
        }
        assertTrue(compared > 450, "compared " + compared);
        assertTrue(leftOut > 0);
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageClassCounts.of(3, 1));
        assertTrue(e.getMessage().contains("ignore index 1"), e.getMessage());
        ImageClassCounts c = ImageClassCounts.of(3, 255);
        e = assertThrows(IllegalArgumentException.class, () -> c.update(new int[] {0, 3}, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("truth has label 3 at pixel 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.update(new int[] {0, 255}, new int[] {0, 7}));
        assertTrue(e.getMessage().contains("prediction has label 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FineGrainedIoU.of(c, true));
        assertTrue(e.getMessage().contains("2 classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FineGrainedIoU.of(c, false).imageWorst(FineGrainedIoU.Measure.IOU, 0));
        assertTrue(e.getMessage().contains("(0, 100]"), e.getMessage());
    }
}
