package io.jaccard4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.ActiveClasses;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.Reduction;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TrainingLoss;
import io.jaccard4j.loss.TverskyLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL overlap losses equal core's (value and autograd gradient) on random inputs. */
class OverlapLossTest {
    static final int N = 2;
    static final int C = 4;
    static final int H = 5;
    static final int W = 6;
    static final long[] SHAPE = {N, C, H, W};

    static float[] logits(Random r) {
        float[] z = new float[N * C * H * W];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (1.5 * r.nextGaussian());
        }
        return z;
    }

    static int[] labels(Random r, int classes, boolean withIgnore) {
        int[] y = new int[N * H * W];
        for (int i = 0; i < y.length; i++) {
            y[i] = withIgnore && r.nextInt(8) == 0 ? 255 : r.nextInt(classes);
        }
        return y;
    }

    static float[] soft(Random r) {
        float[] y = new float[N * C * H * W];
        for (int b = 0; b < N; b++) {
            for (int i = 0; i < H * W; i++) {
                double s = 0;
                double[] v = new double[C];
                for (int k = 0; k < C; k++) {
                    v[k] = r.nextDouble();
                    s += v[k];
                }
                for (int k = 0; k < C; k++) {
                    y[(b * C + k) * H * W + i] = (float) (v[k] / s);
                }
            }
        }
        return y;
    }

    /** Runs the DJL loss with autograd and compares value and gradient with core's. */
    static void compare(Loss djl, TrainingLoss core, float[] z, int[] hard, float[] soft, boolean[] keep, String what) {
        int[] shape = {N, C, H, W};
        Targets t = hard != null ? Targets.hard(hard, new int[] {N, H, W}, 255, keep) : Targets.soft(soft, shape, keep);
        LossResult expected = core.compute(Predictions.logits(z, shape, Activation.SOFTMAX), t);
        check(djl, expected.value(), expected.gradient(), z, hard, soft, keep, what);
    }

    static void check(Loss djl, double expectedValue, float[] g, float[] z, int[] hard, float[] soft, boolean[] keep,
            String what) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(z, new Shape(SHAPE));
            x.setRequiresGradient(true);
            NDList labels = new NDList(hard != null ? m.create(hard, new Shape(N, H, W)) : m.create(soft, new Shape(SHAPE)));
            if (keep != null) {
                labels.add(m.create(keep, new Shape(N, H, W)));
            }
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = djl.evaluate(labels, new NDList(x));
                value = l.getFloat();
                FreedMemory.collectAndOverwrite();
                gc.backward(l);
            }
            float[] grad = x.getGradient().toFloatArray();
            assertEquals(expectedValue, value, 1e-5 * Math.abs(expectedValue) + 1e-6, what + " value");
            double scale = 0;
            for (float v : g) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < g.length; i++) {
                assertEquals(g[i], grad[i], 1e-5 * scale + 1e-7, what + " gradient " + i);
            }
        }
    }

    @Test
    void hardLabelsEveryReduction() {
        Random r = new Random(1);
        Reduction[] reductions = {Reduction.dataset(), Reduction.image(), Reduction.perClass(), Reduction.mix(0.5, 0.3, 0.2)};
        for (Reduction red : reductions) {
            float[] z = logits(r);
            int[] y = labels(r, 3, true); // class 3 absent: PRESENT skips it
            compare(OverlapLoss.jaccard().reduction(red).ignoreIndex(255).build(),
                    TverskyLoss.jaccard().reduction(red).build(), z, y, null, null, "JML " + red);
            compare(OverlapLoss.dice().reduction(red).ignoreIndex(255).activeClasses(ActiveClasses.ALL).build(),
                    TverskyLoss.dice().reduction(red).activeClasses(ActiveClasses.ALL).build(), z, y, null, null,
                    "DML all " + red);
        }
    }

    @Test
    void optionsMatchCore() {
        Random r = new Random(2);
        float[] z = logits(r);
        int[] y = labels(r, C, true);
        compare(OverlapLoss.tversky(0.3, 0.7).gamma(2).smooth(1).ignoreIndex(255).build(),
                TverskyLoss.tversky(0.3, 0.7).gamma(2).smooth(1).build(), z, y, null, null, "tversky gamma");
        compare(OverlapLoss.jaccard().logLoss(true).classWeights(1, 2, 0.5, 1).ignoreIndex(255).build(),
                TverskyLoss.jaccard().logLoss(true).classWeights(1, 2, 0.5, 1).build(), z, y, null, null, "log weights");
        compare(OverlapLoss.jaccard().norm(2).ignoreIndex(255).build(),
                TverskyLoss.jaccard().norm(2).build(), z, y, null, null, "norm 2");
        compare(OverlapLoss.softJaccard().ignoreIndex(255).build(), TverskyLoss.softJaccard().build(), z, y, null,
                null, "SJL");
        boolean[] keep = new boolean[y.length];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = r.nextInt(4) != 0;
        }
        compare(OverlapLoss.jaccard().reduction(Reduction.mix(0.5, 0.3, 0.2)).ignoreIndex(255).build(),
                TverskyLoss.jaccard().reduction(Reduction.mix(0.5, 0.3, 0.2)).build(), z, y, null, keep,
                "hard labels, ignore index and keep-mask");
        compare(OverlapLoss.softDice().ignoreIndex(255).build(), TverskyLoss.softDice().build(), z, y, null, keep,
                "soft Dice, hard labels, keep-mask");
    }

    @Test
    void softLabelsAndKeepMasks() {
        Random r = new Random(3);
        float[] z = logits(r);
        float[] s = soft(r);
        boolean[] keep = new boolean[N * H * W];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = r.nextInt(5) != 0;
        }
        compare(OverlapLoss.jaccard().build(), TverskyLoss.jaccard().build(), z, null, s, null, "soft JML");
        compare(OverlapLoss.jaccard().reduction(Reduction.mix(0.2, 0.4, 0.4)).build(),
                TverskyLoss.jaccard().reduction(Reduction.mix(0.2, 0.4, 0.4)).build(), z, null, s, keep, "soft masked");
        compare(OverlapLoss.softJaccard().build(), TverskyLoss.softJaccard().build(), z, null, s, keep, "soft SJL");
    }

    @Test
    void pixelLossesMatchCore() {
        Random r = new Random(4);
        float[] z = logits(r);
        int[] y = labels(r, C, true);
        compare(PixelCrossEntropyLoss.ignoring(255), io.jaccard4j.loss.CrossEntropyLoss.create(), z, y, null, null,
                "CE hard");
        float[] s = soft(r);
        compare(PixelCrossEntropyLoss.create(), io.jaccard4j.loss.CrossEntropyLoss.create(), z, null, s, null,
                "CE soft");
        Predictions p = Predictions.logits(z, new int[] {N, C, H, W}, Activation.SOFTMAX);
        Targets t = Targets.hard(y, new int[] {N, H, W}, 255);
        LossResult a = io.jaccard4j.loss.CrossEntropyLoss.create().compute(p, t);
        LossResult b = TverskyLoss.jaccard().build().compute(p, t);
        float[] g = new float[a.gradient().length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.25f * a.gradient()[i] + 0.75f * b.gradient()[i];
        }
        check(CombinedLoss.crossEntropyPlusJaccard(255), 0.25 * a.value() + 0.75 * b.value(), g, z, y, null, null,
                "CE+JML");
    }

    @Test
    void distillationMatchesCore() {
        Random r = new Random(5);
        float[] z = logits(r);
        float[] teacher = logits(r);
        int[] shape = {N, C, H, W};
        LossResult expected = io.jaccard4j.loss.KlDistillationLoss.withTemperature(2).compute(
                Predictions.logits(z, shape, Activation.SOFTMAX), Targets.teacherSoftmax(teacher, shape, 2, null));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(z, new Shape(SHAPE));
            x.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = new DistillationLoss(2).evaluate(new NDList(m.create(teacher, new Shape(SHAPE))),
                        new NDList(x));
                value = l.getFloat();
                FreedMemory.collectAndOverwrite();
                gc.backward(l);
            }
            assertEquals(expected.value(), value, 1e-5 * Math.abs(expected.value()) + 1e-6);
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < grad.length; i++) {
                assertEquals(expected.gradient()[i], grad[i], 1e-6, "gradient " + i);
            }
        }
    }

    @Test
    void lovaszSoftmaxMatchesCore() {
        Random r = new Random(9);
        for (boolean perImage : new boolean[] {false, true}) {
            for (io.jaccard4j.loss.ActiveClasses mode : io.jaccard4j.loss.ActiveClasses.values()) {
                float[] z = logits(r);
                int[] y = labels(r, 3, true);
                compare(new LovaszSoftmaxLoss(perImage, mode, 255),
                        io.jaccard4j.loss.LovaszSoftmaxLoss.of(perImage, mode), z, y, null, null,
                        "lovasz perImage=" + perImage + " " + mode);
            }
        }
    }
}
