package io.jaccard4j.boxsupervision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import org.junit.jupiter.api.Test;

/** BoxInst's projection and colour-affinity losses against torch autograd (tools/gen_papers_reference.py). */
class BoxSupervisionLossesTest {
    static Box box(JsonObject c) {
        int[] b = ReferenceJson.ints(c.get("box"));
        return new Box(b[0], b[1], b[2], b[3]);
    }

    @Test
    void valuesAndGradientsMatchTorch() throws Exception {
        int projection = 0;
        int affinity = 0;
        for (JsonElement el : ReferenceJson.load("/reference/papers.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            String kind = c.get("kind").getAsString();
            LossResult r;
            if (kind.equals("box_projection")) {
                r = BoxProjectionLoss.compute(ReferenceJson.doubles(c.get("logits")), c.get("h").getAsInt(),
                        c.get("w").getAsInt(), box(c));
                projection++;
            } else if (kind.equals("color_affinity")) {
                r = ColorAffinityPairwiseLoss.of(c.get("dilation").getAsInt(), c.get("theta").getAsDouble(),
                        c.get("threshold").getAsDouble()).compute(ReferenceJson.doubles(c.get("logits")),
                        ReferenceJson.doubles(c.get("image")), c.get("h").getAsInt(), c.get("w").getAsInt(),
                        c.get("channels").getAsInt(), box(c));
                affinity++;
            } else {
                continue;
            }
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12, kind);
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-12, kind);
        }
        assertEquals(6, projection);
        assertEquals(6, affinity);
    }

    @Test
    void aMaskEqualToTheBoxHasNearlyZeroProjectionLoss() {
        int h = 6;
        int w = 7;
        Box b = new Box(1, 2, 5, 4);
        double[] z = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                z[y * w + x] = b.contains(y, x) ? 30 : -30;
            }
        }
        assertEquals(0, BoxProjectionLoss.compute(z, h, w, b).value(), 1e-5);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BoxProjectionLoss.compute(new double[6], 2, 3,
                new Box(0, 0, 4, 1)));
        assertThrows(IllegalArgumentException.class, () -> BoxProjectionLoss.compute(new double[5], 2, 3,
                new Box(0, 0, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> ColorAffinityPairwiseLoss.of(0, 0.5, 0.3));
        assertThrows(IllegalArgumentException.class, () -> ColorAffinityPairwiseLoss.boxInst()
                .compute(new double[4], new double[5], 2, 2, 1, new Box(0, 0, 1, 1)));
    }
}
