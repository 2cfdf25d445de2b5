package io.jaccard4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void meanIoUAccumulatesLikeCore() {
        Random r = new Random(6);
        int n = 3;
        int c = 4;
        int h = 6;
        int w = 5;
        MeanIoUEvaluator dataset = new MeanIoUEvaluator("miou", c, 255, MeanIoUEvaluator.Mode.DATASET);
        MeanIoUEvaluator perImage = new MeanIoUEvaluator("miou-img", c, 255, MeanIoUEvaluator.Mode.PER_IMAGE);
        dataset.addAccumulator("val");
        perImage.addAccumulator("val");
        SegmentationIoU expected = SegmentationIoU.withIgnoreIndex(c, 255);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int batch = 0; batch < 2; batch++) {
                float[] z = new float[n * c * h * w];
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) r.nextGaussian();
                }
                int[] y = new int[n * h * w];
                for (int i = 0; i < y.length; i++) {
                    y[i] = r.nextInt(9) == 0 ? 255 : r.nextInt(c);
                }
                for (int b = 0; b < n; b++) {
                    int[] t = new int[h * w];
                    int[] p = new int[h * w];
                    for (int i = 0; i < h * w; i++) {
                        t[i] = y[b * h * w + i];
                        int best = 0;
                        for (int k = 1; k < c; k++) {
                            if (z[((b * c + k) * h * w) + i] > z[((b * c + best) * h * w) + i]) {
                                best = k;
                            }
                        }
                        p[i] = best;
                    }
                    expected.update(t, p);
                }
                NDList labels = new NDList(m.create(y, new Shape(n, h, w)));
                NDList preds = new NDList(m.create(z, new Shape(n, c, h, w)));
                dataset.updateAccumulator("val", labels, preds);
                perImage.updateAccumulator("val", labels, preds);
            }
        }
        assertEquals((float) expected.datasetMeanIoU(), dataset.getAccumulator("val"), 0f);
        assertEquals((float) expected.perImageMeanIoU(), perImage.getAccumulator("val"), 1e-7f);
        assertArrayEquals(expected.confusion().toMatrix(), dataset.state("val").confusion().toMatrix());
    }

    @Test
    void expectedCalibrationErrorMatchesTorch() throws Exception {
        JsonObject doc;
        try (InputStreamReader r = new InputStreamReader(getClass().getResourceAsStream("/reference/ece.json"),
                StandardCharsets.UTF_8)) {
            doc = JsonParser.parseReader(r).getAsJsonObject();
        }
        JsonArray cases = doc.getAsJsonArray("cases");
        assertTrue(cases.size() >= 10);
        try (NDManager m = NDManager.newBaseManager()) {
            for (JsonElement e : cases) {
                JsonObject c = e.getAsJsonObject();
                JsonArray s = c.getAsJsonArray("shape");
                long[] shape = {s.get(0).getAsLong(), s.get(1).getAsLong(), s.get(2).getAsLong(), s.get(3).getAsLong()};
                JsonArray zs = c.getAsJsonArray("logits");
                float[] z = new float[zs.size()];
                for (int i = 0; i < z.length; i++) {
                    z[i] = zs.get(i).getAsFloat();
                }
                JsonArray ys = c.getAsJsonArray("labels");
                int[] y = new int[ys.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = ys.get(i).getAsInt();
                }
                ExpectedCalibrationError ece = new ExpectedCalibrationError("ece", 15, 255);
                ece.addAccumulator("k");
                ece.updateAccumulator("k", new NDList(m.create(y, new Shape(shape[0], shape[2], shape[3]))),
                        new NDList(m.create(z, new Shape(shape))));
                assertEquals(c.get("ece").getAsDouble(), ece.getAccumulator("k"), 2e-6, c.toString().substring(0, 40));
            }
        }
    }
}
