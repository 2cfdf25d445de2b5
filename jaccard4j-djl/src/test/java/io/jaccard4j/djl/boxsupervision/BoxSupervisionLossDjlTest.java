package io.jaccard4j.djl.boxsupervision;

import static io.jaccard4j.djl.LossGradients.assertClose;
import static io.jaccard4j.djl.LossGradients.f;
import static io.jaccard4j.djl.LossGradients.float32;
import static io.jaccard4j.djl.LossGradients.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.boxsupervision.Box;
import io.jaccard4j.boxsupervision.BoxProjectionLoss;
import io.jaccard4j.boxsupervision.ColorAffinityPairwiseLoss;
import io.jaccard4j.loss.LossResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL box-supervision losses equal core's: value and autograd gradient (1e-5 relative). */
class BoxSupervisionLossDjlTest {
    @Test
    void projectionLossMatchesCore() {
        Random r = new Random(8);
        int h = 9;
        int w = 11;
        double[] z = new double[h * w];
        for (int i = 0; i < z.length; i++) {
            z[i] = 2 * r.nextGaussian();
        }
        double[] zf = float32(z);
        Box box = new Box(2, 1, 8, 6);
        LossResult core = BoxProjectionLoss.compute(zf, h, w, box);
        float[][] got = run(new BoxProjectionLossDjl(), m -> new NDList(m.create(new float[] {2, 1, 8, 6})),
                new double[][] {zf}, new Shape[] {new Shape(h, w)});
        assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()), "value");
        assertClose(core.gradientAsDouble(), got[1], "logits");
    }

    @Test
    void colourAffinityLossMatchesCore() {
        Random r = new Random(9);
        int h = 10;
        int w = 12;
        int ch = 3;
        double[] z = new double[h * w];
        for (int i = 0; i < z.length; i++) {
            z[i] = 2 * r.nextGaussian();
        }
        double[] zf = float32(z);
        double[] img = new double[h * w * ch];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(4);
        }
        Box box = new Box(1, 2, 10, 9);
        for (int dilation : new int[] {1, 2}) {
            ColorAffinityPairwiseLoss config = ColorAffinityPairwiseLoss.of(dilation, 0.5, 0.3);
            LossResult core = config.compute(zf, img, h, w, ch, box);
            float[][] got = run(new ColorAffinityPairwiseLossDjl(config),
                    m -> new NDList(m.create(f(img), new Shape(h, w, ch)), m.create(new float[] {1, 2, 10, 9})),
                    new double[][] {zf}, new Shape[] {new Shape(h, w)});
            assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()), "value");
            assertClose(core.gradientAsDouble(), got[1], "logits");
        }
    }
}
