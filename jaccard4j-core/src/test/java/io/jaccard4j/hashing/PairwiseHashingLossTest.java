package io.jaccard4j.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import org.junit.jupiter.api.Test;

/** The DPSH-family hashing loss against torch autograd (tools/gen_papers_reference.py) and its laws. */
class PairwiseHashingLossTest {
    @Test
    void valueAndGradientMatchTorch() throws Exception {
        int checked = 0;
        for (JsonElement el : ReferenceJson.load("/reference/papers.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            if (!c.get("kind").getAsString().equals("hashing")) {
                continue;
            }
            LossResult r = PairwiseHashingLoss.of(c.get("eta").getAsDouble(), c.get("beta").getAsDouble())
                    .compute(ReferenceJson.doubles(c.get("codes")), c.get("n").getAsInt(), c.get("bits").getAsInt(),
                            ReferenceJson.ints(c.get("labels")));
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12);
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-12);
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void binaryCodesHaveNoQuantisationLossAndThetaIsTheHammingIdentity() {
        double[] b = {1, -1, 1, 1, 1, 1, -1, -1};
        LossResult r = PairwiseHashingLoss.of(1, 0).compute(b, 2, 4, new int[] {0, 1});
        assertEquals(0, r.part("quantization"), 0);
        // Θ = (bits − 2·Hamming)/2 = (4 − 2·3)/2 = −1 for both ordered pairs; s = 0 → softplus(−1)
        assertEquals(Math.log1p(Math.exp(-1)), r.part("pairwise"), 1e-15);
        assertArrayEquals(new double[] {1, 1, 1, -1}, PairwiseHashingLoss.binarize(new double[] {0, 2, 1e-9, -3}));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PairwiseHashingLoss.of(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> PairwiseHashingLoss.of(0, Double.NaN));
        PairwiseHashingLoss loss = PairwiseHashingLoss.of(0.1, 0.1);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[4], 1, 4, new int[1]));
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[5], 2, 2, new int[2]));
        assertThrows(IllegalArgumentException.class,
                () -> loss.compute(new double[] {0, Double.NaN}, 2, 1, new int[2]));
    }
}
