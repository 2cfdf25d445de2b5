package io.jaccard4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 fast path of the overlap losses (scalar and Vector API tiles, one or several threads) against the
 * general double-precision path, which the reference tests check against PyTorch: same value to float rounding,
 * same gradient, the same bits for every thread count, and the same errors.
 */
class FusedOverlapKernelTest {
    static final List<OverlapTiles> IMPLEMENTATIONS = implementations();

    static List<OverlapTiles> implementations() {
        List<OverlapTiles> list = new ArrayList<>();
        list.add(new OverlapTiles.Scalar());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            list.add(new VectorOverlapTiles());
        }
        return list;
    }

    static float[] logits(Random r, int size, double scale) {
        float[] z = new float[size];
        for (int i = 0; i < size; i++) {
            z[i] = (float) (r.nextGaussian() * scale);
        }
        return z;
    }

    /** Soft labels: a smoothed one-hot per pixel (some exactly one-hot), normalised over classes. */
    static float[] softLabels(Random r, int n, int c, int p) {
        float[] y = new float[n * c * p];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                int hot = r.nextInt(c);
                double eps = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 0.5;
                for (int k = 0; k < c; k++) {
                    y[(b * c + k) * p + i] = (float) ((k == hot ? 1 - eps : 0) + eps / c);
                }
            }
        }
        return y;
    }

    /** Pixels per image of an N × C × spatial shape. */
    static int pixels(int[] shape) {
        int p = 1;
        for (int d = 2; d < shape.length; d++) {
            p *= shape[d];
        }
        return p;
    }

    /** The hard-label shape N × spatial of an N × C × spatial prediction shape. */
    static int[] labelShape(int[] shape) {
        int[] s = new int[shape.length - 1];
        s[0] = shape[0];
        System.arraycopy(shape, 2, s, 1, shape.length - 2);
        return s;
    }

    static void assertClose(LossResult want, LossResult got, String what) {
        assertEquals(want.value(), got.value(), 2e-6 * Math.max(1, Math.abs(want.value())), what + ": value");
        float[] a = want.gradient();
        float[] b = got.gradient();
        assertEquals(a.length, b.length);
        double scale = 0;
        for (float v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4 * scale + 1e-12, what + ": gradient " + i);
        }
    }

    @Test
    void fastPathMatchesTheGeneralPath() {
        Random r = new Random(11);
        int[][] shapes = {{2, 3, 7, 5}, {3, 21, 16, 40}, {1, 2, 1300}, {2, 5, 1025}, {4, 4, 3, 3}};
        TverskyLoss.Builder[] losses = {
            TverskyLoss.jaccard(), TverskyLoss.dice(), TverskyLoss.tversky(0.3, 0.7), TverskyLoss.softJaccard(),
            TverskyLoss.jaccard().gamma(2).smooth(0.5), TverskyLoss.jaccard().logLoss(true).smooth(1),
            TverskyLoss.jaccard().reduction(Reduction.mix(0.5, 0.3, 0.2)), TverskyLoss.dice().reduction(Reduction.image()),
            TverskyLoss.jaccard().reduction(Reduction.perClass()).activeClasses(ActiveClasses.ALL),
            TverskyLoss.jaccard().classWeights(null).threshold(0.3)};
        int cases = 0;
        for (int[] shape : shapes) {
            int n = shape[0], c = shape[1];
            int p = pixels(shape);
            int[] labelShape = labelShape(shape);
            float[] z = logits(r, n * c * p, 3);
            int[] hard = new int[n * p];
            boolean[] keep = new boolean[n * p];
            for (int i = 0; i < hard.length; i++) {
                hard[i] = r.nextInt(10) == 0 ? 255 : r.nextInt(Math.max(1, c - 1)); // class c-1 absent
                keep[i] = r.nextInt(7) != 0;
            }
            float[] soft = softLabels(r, n, c, p);
            Targets[] targets = {Targets.hard(hard, labelShape, 255), Targets.hard(hard, labelShape, 255, keep),
                Targets.soft(soft, shape), Targets.soft(soft, shape, keep)};
            for (TverskyLoss.Builder lb : losses) {
                for (Targets t : targets) {
                    Predictions pr = Predictions.logits(z, shape, Activation.SOFTMAX);
                    TverskyLoss loss = lb.threads(1).build();
                    LossResult general = loss.compute(pr, t, null);
                    for (OverlapTiles ops : IMPLEMENTATIONS) {
                        String what = loss.describe() + " " + ops.name() + " " + java.util.Arrays.toString(shape)
                                + (t.isHard() ? " hard" : " soft");
                        LossResult one = loss.compute(pr, t, ops);
                        assertClose(general, one, what);
                        LossResult three = lb.threads(3).build().compute(pr, t, ops);
                        assertEquals(one.value(), three.value(), 0.0, what + ": threads change the value");
                        assertArrayEquals(one.gradient(), three.gradient(), 0f, what + ": threads change the gradient");
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases >= 200, "cases: " + cases);
    }

    @Test
    void crossEntropyFastPathMatchesTheGeneralPath() {
        Random r = new Random(13);
        int[][] shapes = {{2, 3, 7, 5}, {3, 21, 16, 40}, {1, 2, 1300}, {2, 5, 1025}};
        int cases = 0;
        for (int[] shape : shapes) {
            int n = shape[0], c = shape[1];
            int p = pixels(shape);
            int[] labelShape = labelShape(shape);
            float[] z = logits(r, n * c * p, 6);
            z[0] = 800f; // a large logit gap: log-probabilities must stay finite
            int[] hard = new int[n * p];
            boolean[] keep = new boolean[n * p];
            for (int i = 0; i < hard.length; i++) {
                hard[i] = r.nextInt(10) == 0 ? 255 : r.nextInt(c);
                keep[i] = r.nextInt(7) != 0;
            }
            float[] soft = softLabels(r, n, c, p);
            double[] weights = new double[c];
            for (int k = 0; k < c; k++) {
                weights[k] = 0.5 + r.nextDouble();
            }
            Targets[] targets = {Targets.hard(hard, labelShape, 255), Targets.hard(hard, labelShape, 255, keep),
                Targets.soft(soft, shape), Targets.soft(soft, shape, keep)};
            for (CrossEntropyLoss loss : new CrossEntropyLoss[] {CrossEntropyLoss.create(),
                    CrossEntropyLoss.weighted(weights)}) {
                for (Targets t : targets) {
                    Predictions pr = Predictions.logits(z, shape, Activation.SOFTMAX);
                    LossResult general = loss.threads(1).compute(pr, t, null);
                    for (OverlapTiles ops : IMPLEMENTATIONS) {
                        String what = loss.describe() + " " + ops.name() + " " + java.util.Arrays.toString(shape)
                                + (t.isHard() ? " hard" : " soft");
                        LossResult one = loss.threads(1).compute(pr, t, ops);
                        assertTrue(Double.isFinite(one.value()), what);
                        assertClose(general, one, what);
                        LossResult three = loss.threads(3).compute(pr, t, ops);
                        assertEquals(one.value(), three.value(), 0.0, what + ": threads change the value");
                        assertArrayEquals(one.gradient(), three.gradient(), 0f, what + ": threads change the gradient");
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases >= 32, "cases: " + cases);
        int[] none = new int[6];
        java.util.Arrays.fill(none, 255);
        LossResult empty = CrossEntropyLoss.create().compute(Predictions.logits(new float[18], new int[] {1, 3, 6},
                Activation.SOFTMAX), Targets.hard(none, new int[] {1, 6}, 255));
        assertEquals(0.0, empty.value(), 0.0);
        assertArrayEquals(new float[18], empty.gradient(), 0f);
    }

    @Test
    void largeBatchAgreesAcrossImplementationsAndThreads() {
        Random r = new Random(5);
        int n = 2, c = 21, h = 64, w = 96;
        float[] z = logits(r, n * c * h * w, 4);
        int[] y = new int[n * h * w];
        for (int i = 0; i < y.length; i++) {
            y[i] = (i / 37) % c;
        }
        Predictions pr = Predictions.logits(z, new int[] {n, c, h, w}, Activation.SOFTMAX);
        Targets t = Targets.hard(y, new int[] {n, h, w});
        LossResult general = TverskyLoss.jaccard().build().compute(pr, t, null);
        for (OverlapTiles ops : IMPLEMENTATIONS) {
            for (int threads = 1; threads <= 4; threads++) {
                assertClose(general, TverskyLoss.jaccard().threads(threads).build().compute(pr, t, ops),
                        ops.name() + " threads " + threads);
            }
        }
        assertClose(general, TverskyLoss.jaccard().build().compute(pr, t), "default");
    }

    @Test
    void errorsAreThoseOfTheGeneralPath() {
        int[] shape = {2, 3, 600};
        float[] z = new float[2 * 3 * 600];
        int[] y = new int[2 * 600];
        Targets t = Targets.hard(y, new int[] {2, 600});
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] zz = z.clone();
            zz[3 * 600 + 600 + 599] = bad;
            zz[3 * 600 + 2 * 600 + 599] = bad;
            Predictions pr = Predictions.logits(zz, shape, Activation.SOFTMAX);
            String want = assertThrows(IllegalArgumentException.class,
                    () -> TverskyLoss.jaccard().build().compute(pr, t, null)).getMessage();
            for (OverlapTiles ops : IMPLEMENTATIONS) {
                String got = assertThrows(IllegalArgumentException.class,
                        () -> TverskyLoss.jaccard().threads(2).build().compute(pr, t, ops)).getMessage();
                assertEquals(want, got, ops.name());
            }
        }
        int[] yy = y.clone();
        yy[700] = 3;
        Targets bad = Targets.hard(yy, new int[] {2, 600});
        Predictions pr = Predictions.logits(z, shape, Activation.SOFTMAX);
        String want = assertThrows(IllegalArgumentException.class,
                () -> TverskyLoss.jaccard().build().compute(pr, bad, null)).getMessage();
        for (OverlapTiles ops : IMPLEMENTATIONS) {
            assertEquals(want, assertThrows(IllegalArgumentException.class,
                    () -> TverskyLoss.jaccard().build().compute(pr, bad, ops)).getMessage(), ops.name());
        }
        assertThrows(IllegalArgumentException.class, () -> TverskyLoss.jaccard().threads(0));
    }

    @Test
    void floatExpIsWithinTwoUlpOfExpAndTheSameInBothImplementations() {
        Random r = new Random(2);
        float[] x = new float[1 << 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 64 ? -i * 1.3f : (float) (-r.nextDouble() * (i % 2 == 0 ? 87.3 : 3));
        }
        x[1] = -0f;
        x[2] = -87.33f;
        x[3] = -88f;
        x[4] = -1e30f;
        for (float v : x) {
            double want = Math.exp(v);
            float got = OverlapTiles.expNonPositive(v);
            if (v < OverlapTiles.EXP_MIN) {
                assertEquals(0f, got, "exp(" + v + ")");
            } else {
                assertEquals(want, got, 2 * Math.ulp((float) want), "exp(" + v + ")");
            }
        }
        if (IMPLEMENTATIONS.size() == 2) {
            float[] y = new float[x.length];
            int l = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
            for (int i = 0; i < x.length; i += l) {
                VectorOverlapTiles.exp(jdk.incubator.vector.FloatVector.fromArray(
                        jdk.incubator.vector.FloatVector.SPECIES_PREFERRED, x, i)).intoArray(y, i);
            }
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToIntBits(OverlapTiles.expNonPositive(x[i])), Float.floatToIntBits(y[i]),
                        "exp(" + x[i] + ")");
            }
        }
    }

    @Test
    void bothImplementationsAreExercised() {
        assertTrue(IMPLEMENTATIONS.size() == 2 || !OverlapTiles.vectorized(),
                "the Vector API implementation is selected but could not be tested");
        assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), TverskyLoss.vectorized());
    }
}
