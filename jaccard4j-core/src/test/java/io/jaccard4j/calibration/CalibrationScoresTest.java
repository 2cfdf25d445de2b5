package io.jaccard4j.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Calibration scores against their definitions computed with PyTorch (tools/gen_segmentation_calibration_reference.py). */
class CalibrationScoresTest {

    private static CalibrationScores load(JsonObject c, Binning binning) {
        int[] shape = ReferenceJson.ints(c.get("shape"));
        double[] probs = ReferenceJson.doubles(c.get("probs"));
        int[] labels = ReferenceJson.ints(c.get("labels"));
        int classes = shape[1];
        CalibrationScores s = CalibrationScores.of(classes, c.get("bins").getAsInt(), binning,
                c.get("ignore_index").getAsInt());
        if (c.get("kind").getAsString().equals("scores")) {
            s.updateSamples(probs, labels);
        } else {
            int per = shape[2] * shape[3];
            for (int i = 0; i < shape[0]; i++) {
                s.updateImage(Arrays.copyOfRange(probs, i * classes * per, (i + 1) * classes * per),
                        Arrays.copyOfRange(labels, i * per, (i + 1) * per));
            }
        }
        return s;
    }

    @Test
    void matchesTheDefinitionsComputedWithPyTorch() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/segmentation/calibration.json");
        int n = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String id = c.get("id").getAsString();
            CalibrationScores w = load(c, Binning.WIDTH);
            CalibrationScores m = load(c, Binning.MASS);
            assertEquals(c.get("ece_width").getAsDouble(), w.ece(), 1e-12, id + " ece width");
            assertEquals(c.get("ece_mass").getAsDouble(), m.ece(), 1e-12, id + " ece mass");
            assertEquals(c.get("classwise_ece").getAsDouble(), w.classwiseEce(), 1e-12, id + " classwise");
            assertEquals(c.get("brier").getAsDouble(), w.brier(), 1e-12, id + " brier");
            assertEquals(c.get("nll").getAsDouble(), w.nll(), 1e-12, id + " nll");
            n++;
        }
        assertEquals(14, n);
    }

    @Test
    void reliabilityAndPerImageValuesAreConsistent() throws Exception {
        JsonObject c = ReferenceJson.load("/reference/segmentation/calibration.json").getAsJsonArray("cases").get(0)
                .getAsJsonObject();
        CalibrationScores s = load(c, Binning.WIDTH);
        double[][] r = s.reliability();
        double total = Arrays.stream(r[2]).sum();
        assertEquals(s.samples(), (long) total);
        double ece = 0;
        for (int b = 0; b < r[2].length; b++) {
            if (r[2][b] > 0) {
                ece += r[2][b] / total * Math.abs(r[0][b] - r[1][b]);
            }
        }
        assertEquals(s.ece(), ece, 1e-15);
        double[] per = s.perImage("brier");
        assertEquals(s.images(), per.length);
        CalibrationScores all = s.select(new int[] {0, 1, 2});
        assertEquals(s.brier(), all.brier(), 0);
    }

    @Test
    void invalidProbabilitiesAreRejected() {
        CalibrationScores s = CalibrationScores.of(2, 10, Binning.WIDTH, 255);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.updateSamples(new double[] {0.5, 0.6}, new int[] {0}));
        assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.updateSamples(new double[] {1.5, -0.5}, new int[] {0}));
        assertTrue(e.getMessage().contains("not in [0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.updateSamples(new double[] {0.5, 0.5}, new int[] {2}));
        assertTrue(e.getMessage().contains("label 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.updateImage(new double[] {0.5, 0.5, 1}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("expected 2 classes x 2 pixels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CalibrationScores.of(3, 0, Binning.WIDTH, 255));
        assertThrows(IllegalArgumentException.class, () -> Binning.parse("quantile"));
    }
}
