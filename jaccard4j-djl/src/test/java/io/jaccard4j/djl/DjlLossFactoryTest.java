package io.jaccard4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.LossRegistry;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.TverskyLoss;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The DJL losses picked by registry name compute what core's losses of the same configuration compute, and a
 * bad option fails with core's message (no fallback).
 */
class DjlLossFactoryTest {
    private static String message(Executable r) {
        return assertThrows(IllegalArgumentException.class, r).getMessage();
    }

    @Test
    void registryEntriesEqualTheirCoreLosses() {
        Random r = new Random(21);
        float[] z = OverlapLossTest.logits(r);
        int[] y = OverlapLossTest.labels(r, OverlapLossTest.C, true);
        float[] s = OverlapLossTest.soft(r);
        Map<String, String> opts = Map.of("reduction", "mix:0.5,0.3,0.2", "gamma", "2", "classWeights", "1,2,0.5,1");
        OverlapLossTest.compare(DjlLossFactory.create("jml", opts, Activation.SOFTMAX, 255),
                LossRegistry.build("jml", opts), z, y, null, null, "registry jml hard");
        OverlapLossTest.compare(DjlLossFactory.create("jml", opts, Activation.SOFTMAX, 255),
                LossRegistry.build("jml", opts), z, null, s, null, "registry jml soft");
        Map<String, String> tv = Map.of("alpha", "0.3", "beta", "0.7", "norm", "2");
        OverlapLossTest.compare(DjlLossFactory.create("tversky", tv, Activation.SOFTMAX, 255),
                LossRegistry.build("tversky", tv), z, y, null, null, "registry tversky norm 2");
        OverlapLossTest.compare(DjlLossFactory.create("ce+jml", Map.of(), Activation.SOFTMAX, 255),
                LossRegistry.build("ce+jml", Map.of()), z, y, null, null, "registry ce+jml");
        OverlapLossTest.compare(DjlLossFactory.create("ce", Map.of(), Activation.SOFTMAX, 255),
                LossRegistry.build("ce", Map.of()), z, null, s, null, "registry ce soft");
    }

    @Test
    void overlapLossIsBuiltFromCoresConfiguration() {
        TverskyLoss core = TverskyLoss.tversky(0.3, 0.7).gamma(2).smooth(1).build();
        OverlapLoss djl = OverlapLoss.tversky(0.3, 0.7).gamma(2).smooth(1).build();
        assertEquals(core.describe(), djl.core().describe());
        assertEquals("JaccardMetricLoss", OverlapLoss.jaccard().build().getName());
        assertEquals("SoftJaccardLoss", ((OverlapLoss) DjlLossFactory.create("sjl", Map.of(), Activation.SOFTMAX, 255))
                .getName());
    }

    @Test
    void badOptionsFailWithCoresMessage() {
        assertEquals(message(() -> TverskyLoss.jaccard().alpha(-0.5)), message(() -> OverlapLoss.jaccard().alpha(-0.5)));
        assertEquals(message(() -> TverskyLoss.jaccard().smooth(-1)), message(() -> OverlapLoss.jaccard().smooth(-1)));
        assertEquals(message(() -> TverskyLoss.tversky(-1, 1)), message(() -> OverlapLoss.tversky(-1, 1)));
        assertEquals(message(() -> TverskyLoss.jaccard().threshold(Double.NaN)),
                message(() -> OverlapLoss.jaccard().threshold(Double.NaN)));
        assertEquals(message(() -> LossRegistry.build("dice", Map.of("gamma", "0.5"))),
                message(() -> DjlLossFactory.create("dice", Map.of("gamma", "0.5"), Activation.SOFTMAX, 255)));
        assertEquals(message(() -> LossRegistry.entry("iou")),
                message(() -> DjlLossFactory.create("iou", Map.of(), Activation.SOFTMAX, 255)));
        assertEquals(message(() -> LossRegistry.build("kl", Map.of("temperature", "0"))),
                message(() -> new DistillationLoss(0)));
        String m = message(() -> DjlLossFactory.create("focal", Map.of(), Activation.SOFTMAX, 255));
        assertTrue(m.contains("focal") && m.contains(DjlLossFactory.supported().toString()), m);
    }

    @Test
    void softmaxOnOneChannelFailsAsInCore() {
        int[] shape = {2, 1, 3};
        String core = message(() -> Predictions.logits(new float[6], shape, Activation.SOFTMAX));
        Loss djl = OverlapLoss.jaccard().build();
        try (NDManager m = NDManager.newBaseManager()) {
            NDList labels = new NDList(m.create(new int[6], new Shape(2, 3)));
            NDList predictions = new NDList(m.create(new float[6], new Shape(2, 1, 3)));
            assertEquals(core, message(() -> djl.evaluate(labels, predictions)));
        }
    }
}
