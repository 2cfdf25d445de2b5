package io.jaccard4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.segmentation.boundary.SurfaceMetric;
import io.jaccard4j.segmentation.boundary.SurfaceMetricOptions;
import io.jaccard4j.segmentation.boundary.SurfaceScores;
import io.jaccard4j.segmentation.distance.Grid;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The boundary evaluators accumulate exactly core's {@link SurfaceScores} of the arg-max masks, batch after batch
 * (core's Boundary IoU and Hausdorff distance replay the authors' definition and torchmetrics in core's tests),
 * 2-D and 3-D with spacing; a batch of the wrong shape fails with a message.
 */
class BoundaryEvaluatorTest {

    /** Logits whose arg-max is a noisy copy of blob-shaped labels, so that the masks have real boundaries. */
    private static float[] logitsNear(int[] labels, int n, int c, int per, Random r) {
        float[] z = new float[n * c * per];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < per; i++) {
                int target = r.nextInt(7) == 0 ? r.nextInt(c) : labels[b * per + i];
                for (int k = 0; k < c; k++) {
                    z[(b * c + k) * per + i] = (float) (r.nextGaussian() * 0.1 + (k == target ? 2 : 0));
                }
            }
        }
        return z;
    }

    private static int[] blobs(int n, int[] spatial, int c, Random r) {
        int per = Arrays.stream(spatial).reduce(1, (a, b) -> a * b);
        int[] y = new int[n * per];
        int[] coord = new int[spatial.length];
        for (int b = 0; b < n; b++) {
            double[][] centres = new double[c][spatial.length];
            for (double[] ctr : centres) {
                for (int a = 0; a < spatial.length; a++) {
                    ctr[a] = r.nextDouble() * spatial[a];
                }
            }
            for (int i = 0; i < per; i++) {
                for (int a = spatial.length - 1, rest = i; a >= 0; a--) {
                    coord[a] = rest % spatial[a];
                    rest /= spatial[a];
                }
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int k = 0; k < c; k++) {
                    double d = 0;
                    for (int a = 0; a < spatial.length; a++) {
                        d += (coord[a] - centres[k][a]) * (coord[a] - centres[k][a]);
                    }
                    if (d < bestD) {
                        bestD = d;
                        best = k;
                    }
                }
                y[b * per + i] = best;
            }
        }
        return y;
    }

    private static int[] argMax(float[] z, int n, int c, int per) {
        int[] p = new int[n * per];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < per; i++) {
                int best = 0;
                for (int k = 1; k < c; k++) {
                    if (z[(b * c + k) * per + i] > z[(b * c + best) * per + i]) {
                        best = k;
                    }
                }
                p[b * per + i] = best;
            }
        }
        return p;
    }

    private static void accumulatesLikeCore(BoundaryEvaluator e, int c, int[] spatial, double[] spacing, long seed) {
        Random r = new Random(seed);
        int n = 3;
        int per = Arrays.stream(spatial).reduce(1, (a, b) -> a * b);
        SurfaceScores expected = SurfaceScores.of(c, e.options());
        Grid grid = spacing == null ? Grid.of(spatial) : Grid.of(spatial, spacing);
        e.addAccumulator("val");
        long[] labelShape = new long[spatial.length + 1];
        long[] logitShape = new long[spatial.length + 2];
        labelShape[0] = n;
        logitShape[0] = n;
        logitShape[1] = c;
        for (int a = 0; a < spatial.length; a++) {
            labelShape[a + 1] = spatial[a];
            logitShape[a + 2] = spatial[a];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float batchValue = Float.NaN;
            for (int batch = 0; batch < 2; batch++) {
                int[] y = blobs(n, spatial, c, r);
                float[] z = logitsNear(y, n, c, per, r);
                int[] p = argMax(z, n, c, per);
                SurfaceScores one = SurfaceScores.of(c, e.options());
                for (int b = 0; b < n; b++) {
                    int[] t = Arrays.copyOfRange(y, b * per, (b + 1) * per);
                    int[] q = Arrays.copyOfRange(p, b * per, (b + 1) * per);
                    expected.update(t, q, grid);
                    one.update(t, q, grid);
                }
                NDList labels = new NDList(m.create(y, new Shape(labelShape)));
                NDList preds = new NDList(m.create(z, new Shape(logitShape)));
                e.updateAccumulator("val", labels, preds);
                batchValue = e.evaluate(labels, preds).getFloat();
                assertEquals((float) one.score(), batchValue, e.getName() + " batch " + batch);
            }
            assertTrue(Double.isFinite(expected.score()), "the test's masks define the metric");
            assertEquals((float) expected.score(), e.getAccumulator("val"), e.getName());
            assertEquals(6, e.state("val").images());
            assertEquals(Arrays.toString(expected.perLabel()), Arrays.toString(e.state("val").perLabel()));
            e.resetAccumulator("val");
            assertEquals(0, e.state("val").images());
        }
    }

    @Test
    void boundaryIoUAndHd95AccumulateLikeCore() {
        accumulatesLikeCore(BoundaryEvaluator.boundaryIoU("biou", 3, 0.02), 3, new int[] {24, 20}, null, 1);
        accumulatesLikeCore(BoundaryEvaluator.hausdorff95("hd95", 3), 3, new int[] {24, 20}, null, 2);
    }

    @Test
    void volumesWithSpacingAndTheOtherMetrics() {
        double[] spacing = {2.0, 1.0, 0.5};
        accumulatesLikeCore(new BoundaryEvaluator("hd95-3d", 3, SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF)
                .percentile(95).build(), spacing), 3, new int[] {6, 8, 7}, spacing, 3);
        accumulatesLikeCore(new BoundaryEvaluator("nsd", 4, SurfaceMetricOptions.builder(SurfaceMetric.NSD)
                .tolerance(1.5).build(), null), 4, new int[] {16, 16}, null, 4);
        accumulatesLikeCore(new BoundaryEvaluator("assd", 3, SurfaceMetricOptions.builder(SurfaceMetric.ASSD).build(),
                null), 3, new int[] {12, 14}, null, 5);
    }

    @Test
    void badBatchesFailWithAMessage() {
        BoundaryEvaluator e = BoundaryEvaluator.hausdorff95("hd95", 3);
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException classes = assertThrows(IllegalArgumentException.class, () -> e.evaluate(
                    new NDList(m.create(new int[8], new Shape(2, 2, 2))),
                    new NDList(m.create(new float[16], new Shape(2, 2, 2, 2)))));
            assertEquals("predictions have 2 classes; this evaluator scores 3", classes.getMessage());
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> e.evaluate(
                    new NDList(m.create(new int[6], new Shape(2, 3))),
                    new NDList(m.create(new float[24], new Shape(2, 3, 2, 2)))));
            assertTrue(shape.getMessage().startsWith("labels must have shape (2, 2, 2)"), shape.getMessage());
            IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> e.evaluate(
                    new NDList(m.create(new int[] {0, 1, 2, 7}, new Shape(1, 2, 2))),
                    new NDList(m.create(new float[12], new Shape(1, 3, 2, 2)))));
            assertTrue(label.getMessage().contains("label 7"), label.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> BoundaryEvaluator.hausdorff95("x", 1));
    }
}
