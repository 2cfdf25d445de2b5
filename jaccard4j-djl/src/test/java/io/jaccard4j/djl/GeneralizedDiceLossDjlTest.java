package io.jaccard4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.Cardinality;
import io.jaccard4j.loss.LossRegistry;
import io.jaccard4j.segmentation.GeneralizedDiceScore.WeightType;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DJL generalized Dice loss equals core's (which replays PyTorch autograd, GeneralizedDiceLossTest): value and
 * autograd gradient, for every weight type, both cardinalities, per image and over the batch, with and without the
 * background, on hard labels with an ignore index and a class absent, and on soft labels with a keep-mask.
 */
class GeneralizedDiceLossDjlTest {

    @Test
    void equalsCoreOnHardAndSoftLabels() {
        Random r = new Random(20);
        int cases = 0;
        for (WeightType wt : WeightType.values()) {
            for (boolean product : new boolean[] {false, true}) {
                for (boolean perImage : new boolean[] {false, true}) {
                    for (boolean background : new boolean[] {true, false}) {
                        io.jaccard4j.loss.GeneralizedDiceLoss core = io.jaccard4j.loss.GeneralizedDiceLoss.of(wt,
                                product ? Cardinality.product() : Cardinality.norm(1), perImage ? 1e-5 : 0, perImage,
                                background);
                        Loss djl = GeneralizedDiceLoss.of(core, Activation.SOFTMAX, 255);
                        String what = core.describe();
                        float[] z = OverlapLossTest.logits(r);
                        int[] y = OverlapLossTest.labels(r, OverlapLossTest.C - 1, true); // class 3 absent
                        OverlapLossTest.compare(djl, core, z, y, null, null, what + " hard");
                        boolean[] keep = new boolean[OverlapLossTest.N * OverlapLossTest.H * OverlapLossTest.W];
                        for (int i = 0; i < keep.length; i++) {
                            keep[i] = r.nextInt(6) != 0;
                        }
                        OverlapLossTest.compare(djl, core, z, null, OverlapLossTest.soft(r), keep, what + " soft");
                        cases += 2;
                    }
                }
            }
        }
        assertEquals(48, cases);
    }

    @Test
    void theFactoryBuildsItFromTheRegistry() {
        Random r = new Random(21);
        float[] z = OverlapLossTest.logits(r);
        int[] y = OverlapLossTest.labels(r, OverlapLossTest.C, true);
        Map<String, String> opts = Map.of("weightType", "simple", "includeBackground", "false", "perImage", "false");
        Loss djl = DjlLossFactory.create("gdl", opts, Activation.SOFTMAX, 255);
        assertTrue(djl instanceof GeneralizedDiceLoss, djl.getClass().getName());
        OverlapLossTest.compare(djl, LossRegistry.build("generalized-dice", opts), z, y, null, null, "factory");
        assertTrue(DjlLossFactory.supported().contains("generalized-dice"));
    }

    @Test
    void oneChannelWithoutBackgroundIsRejected() {
        Loss djl = GeneralizedDiceLoss.of(io.jaccard4j.loss.GeneralizedDiceLoss.of(WeightType.SQUARE,
                Cardinality.norm(1), 0, false, false), Activation.SIGMOID, 255);
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> djl.evaluate(
                    new NDList(m.create(new float[] {0, 1}, new Shape(1, 1, 2))),
                    new NDList(m.create(new float[] {0.3f, -0.2f}, new Shape(1, 1, 2)))));
            assertTrue(e.getMessage().contains("at least 2 classes"), e.getMessage());
        }
    }
}
