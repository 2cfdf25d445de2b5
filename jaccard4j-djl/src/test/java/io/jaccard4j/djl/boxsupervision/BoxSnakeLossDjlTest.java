package io.jaccard4j.djl.boxsupervision;

import static io.jaccard4j.djl.LossGradients.assertClose;
import static io.jaccard4j.djl.LossGradients.f;
import static io.jaccard4j.djl.LossGradients.float32;
import static io.jaccard4j.djl.LossGradients.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.boxsupervision.Box;
import io.jaccard4j.boxsupervision.BoxSnakeLoss;
import io.jaccard4j.boxsupervision.DistanceAwarePairwiseLoss;
import io.jaccard4j.boxsupervision.SoftPolygonRasterizer;
import io.jaccard4j.loss.LossResult;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL BoxSnake loss equals core's: value and autograd gradient with respect to the vertices (1e-5 relative). */
class BoxSnakeLossDjlTest {
    static double[] star(Random r, int k, double cx, double cy, double radius) {
        double[] v = new double[2 * k];
        for (int i = 0; i < k; i++) {
            double a = 2 * Math.PI * (i + 0.3 * r.nextDouble()) / k;
            double rad = radius * (0.6 + 0.6 * r.nextDouble());
            v[2 * i] = cx + rad * Math.cos(a);
            v[2 * i + 1] = cy + rad * Math.sin(a);
        }
        return float32(v);
    }

    @Test
    void lossAndVertexGradientMatchCore() {
        Random r = new Random(21);
        int h = 12;
        int w = 14;
        int ch = 3;
        double[] img = new double[h * w * ch];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(5) * 0.5;
        }
        Box box = new Box(2, 1, 12, 10);
        double[][] settings = {{0.8, 2, 2.0, 1, 0.5, 0.03}, {0.4, 1, 1.0, 1, 2, 1}, {1.5, 2, 3.0, 0.5, 1, 0.2}};
        double[][] polygons = {star(r, 7, 7, 6, 4), star(r, 12, 6.5, 5.5, 4.5), float32(new double[] {2.3, 1.4,
            11.6, 1.2, 11.8, 9.7, 2.1, 9.9})};
        for (double[] s : settings) {
            BoxSnakeLoss config = BoxSnakeLoss.of(SoftPolygonRasterizer.of(s[0]),
                    DistanceAwarePairwiseLoss.of((int) s[1], s[2]), s[3], s[4], s[5]);
            for (double[] v : polygons) {
                LossResult core = config.compute(v, img, h, w, ch, box);
                float[][] got = run(new BoxSnakeLossDjl(config),
                        m -> new NDList(m.create(f(img), new Shape(h, w, ch)), m.create(new float[] {2, 1, 12, 10})),
                        new double[][] {v}, new Shape[] {new Shape(v.length / 2, 2)});
                assertEquals(core.value(), got[0][0], 1e-5 * Math.abs(core.value()), "value");
                assertClose(core.gradientAsDouble(), got[1], "vertices");
            }
        }
    }

    @Test
    void badShapesAreRejected() {
        BoxSnakeLoss config = BoxSnakeLoss.boxSnake(1);
        assertThrows(IllegalArgumentException.class, () -> run(new BoxSnakeLossDjl(config),
                m -> new NDList(m.create(new float[27], new Shape(3, 3, 3)), m.create(new float[] {0, 0, 2, 2})),
                new double[][] {{0, 0, 1, 1}}, new Shape[] {new Shape(2, 2)}));
        assertThrows(IllegalArgumentException.class, () -> run(new BoxSnakeLossDjl(config),
                m -> new NDList(m.create(new float[27], new Shape(3, 3, 3)), m.create(new float[] {0, 0, 4, 2})),
                new double[][] {{0, 0, 1, 1, 2, 0}}, new Shape[] {new Shape(3, 2)}));
    }
}
