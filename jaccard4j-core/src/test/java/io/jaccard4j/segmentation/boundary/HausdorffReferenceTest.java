package io.jaccard4j.segmentation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.segmentation.distance.DistanceMetric;
import io.jaccard4j.segmentation.distance.Grid;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * torchmetrics 1.9.0 {@code HausdorffDistance} (shared/reference/torchmetrics-1.9.0.json, the copy at
 * reference/torchmetrics-1.9.0.json): square 2-D images replay torchmetrics' value or error;
 * non-square images and 3-D volumes, which torchmetrics gets wrong or rejects, replay the definition computed
 * with scipy (tools/gen_segmentation_distance_reference.py).
 */
class HausdorffReferenceTest {

    static int[] indexMaps(JsonObject tensor, String inputFormat, int[] spatial) {
        JsonArray values = tensor.getAsJsonArray("values");
        int per = 1;
        for (int s : spatial) {
            per *= s;
        }
        int n = values.size();
        int[] out = new int[n * per];
        for (int b = 0; b < n; b++) {
            JsonElement sample = values.get(b);
            if (inputFormat.equals("index")) {
                flatten(sample, out, b * per);
            } else {
                JsonArray channels = sample.getAsJsonArray();
                int[] one = new int[per];
                for (int c = 0; c < channels.size(); c++) {
                    flatten(channels.get(c), one, 0);
                    for (int i = 0; i < per; i++) {
                        if (one[i] != 0) {
                            out[b * per + i] = c;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static int flatten(JsonElement e, int[] out, int pos) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                pos = flatten(x, out, pos);
            }
            return pos;
        }
        out[pos] = e.getAsInt();
        return pos + 1;
    }

    private static SurfaceScores run(JsonObject c, EmptyMaskRule rule) {
        JsonObject kw = c.getAsJsonObject("kwargs");
        int[] spatial = ReferenceJson.ints(c.get("spatial_shape"));
        String format = kw.get("input_format").getAsString();
        int[] preds = indexMaps(c.getAsJsonObject("preds"), format, spatial);
        int[] target = indexMaps(c.getAsJsonObject("target"), format, spatial);
        double[] spacing = kw.get("spacing").isJsonNull() ? null : ReferenceJson.doubles(kw.get("spacing"));
        Grid grid = spacing == null || spacing.length != spatial.length ? Grid.of(spatial) : Grid.of(spatial, spacing);
        SurfaceScores s = SurfaceScores.of(kw.get("num_classes").getAsInt(),
                SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF)
                        .distance(DistanceMetric.parse(kw.get("distance_metric").getAsString()))
                        .directed(kw.get("directed").getAsBoolean())
                        .includeBackground(kw.get("include_background").getAsBoolean())
                        .emptyMaskRule(rule).threads(2).build());
        int per = grid.size();
        for (int b = 0; b < preds.length / per; b++) {
            int[] t = java.util.Arrays.copyOfRange(target, b * per, (b + 1) * per);
            int[] p = java.util.Arrays.copyOfRange(preds, b * per, (b + 1) * per);
            s.update(t, p, grid);
        }
        return s;
    }

    private static void close(double expected, double actual, double relTol, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, relTol * Math.max(1, Math.abs(expected)), what);
        }
    }

    @Test
    void squareImagesReplayTorchmetrics() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/torchmetrics-1.9.0.json");
        int replayed = 0;
        for (JsonElement e : doc.getAsJsonArray("segmentation_cases")) {
            JsonObject c = e.getAsJsonObject();
            int[] spatial = ReferenceJson.ints(c.get("spatial_shape"));
            if (!c.get("metric").getAsString().equals("HausdorffDistance") || spatial.length != 2
                    || spatial[0] != spatial[1]) {
                continue;
            }
            String id = c.get("id").getAsString();
            if (!c.get("error").isJsonNull()) {
                String type = c.getAsJsonObject("error").get("type").getAsString();
                assertEquals("RuntimeError", type, id);
                IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                        () -> run(c, EmptyMaskRule.TORCHMETRICS), id);
                assertTrue(ex.getMessage().contains("absent from both"), ex.getMessage());
            } else {
                double expected = ReferenceJson.number(c.getAsJsonObject("result").get("value"));
                close(expected, run(c, EmptyMaskRule.TORCHMETRICS).score(), 1e-6, id);
            }
            replayed++;
        }
        assertEquals(10, replayed);
    }

    @Test
    void nonSquareImagesAndVolumesFollowTheDefinition() throws Exception {
        JsonObject tm = ReferenceJson.load("/reference/torchmetrics-1.9.0.json");
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonElement e : tm.getAsJsonArray("segmentation_cases")) {
            byId.put(e.getAsJsonObject().get("id").getAsString(), e.getAsJsonObject());
        }
        JsonObject doc = ReferenceJson.load("/reference/segmentation/distance.json");
        int replayed = 0;
        for (JsonElement e : doc.getAsJsonArray("hausdorff_definition_cases")) {
            JsonObject d = e.getAsJsonObject();
            String id = d.get("id").getAsString();
            SurfaceScores s = run(byId.get(id), EmptyMaskRule.NAN);
            double[][] values = s.values();
            JsonArray rows = d.getAsJsonArray("per_sample_class");
            double sum = 0;
            int n = 0;
            boolean inf = false;
            for (int i = 0; i < rows.size(); i++) {
                double[] expected = ReferenceJson.doubles(rows.get(i));
                for (int j = 0; j < expected.length; j++) {
                    String what = id + " sample " + i + " class column " + j;
                    if (Double.isInfinite(expected[j])) {
                        // one mask empty: NaN under the nan rule, +inf under torchmetrics' rule
                        assertTrue(Double.isNaN(values[i][j]), what);
                        inf = true;
                    } else {
                        close(expected[j], values[i][j], 1e-12, what);
                        if (!Double.isNaN(expected[j])) {
                            sum += expected[j];
                            n++;
                        }
                    }
                }
            }
            close(n == 0 ? Double.NaN : sum / n, s.score(), 1e-12, id + " mean over defined pairs");
            // torchmetrics' rule on the same data: +inf where a mask is empty, an error where both are
            try {
                double tmRule = run(byId.get(id), EmptyMaskRule.TORCHMETRICS).score();
                assertEquals(s.undefinedPairs(), inf ? s.undefinedPairs() : 0, id);
                if (inf) {
                    assertEquals(Double.POSITIVE_INFINITY, tmRule, id);
                }
            } catch (IllegalArgumentException ex) {
                assertTrue(ex.getMessage().contains("absent from both"), id + ": " + ex.getMessage());
            }
            replayed++;
        }
        assertEquals(30, replayed);
    }
}
