package io.jaccard4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Edge cases that must give finite values and gradients: extreme logits, a class absent everywhere, an all-ignored
 * batch, a single pixel. The outcomes are stated in each loss's Javadoc.
 */
class NumericalSafetyTest {
    private static final int N = 2, C = 3, P = 6;
    private static final int[] SHAPE = {N, C, P};
    private static final int[] LABEL_SHAPE = {N, P};

    private static List<TrainingLoss> softmaxLosses() {
        return List.of(TverskyLoss.jaccard().build(), TverskyLoss.dice().logLoss(true).build(),
                TverskyLoss.jaccard().gamma(2).reduction(Reduction.mix(1, 1, 1)).build(),
                TverskyLoss.jaccard().norm(2).reduction(Reduction.image()).build(), TverskyLoss.softJaccard().build(),
                LovaszSoftmaxLoss.of(true, ActiveClasses.PRESENT), LovaszSoftmaxLoss.of(false, ActiveClasses.ALL),
                CrossEntropyLoss.create(), FocalLoss.of(2), FocalLoss.of(0.5), KlDistillationLoss.withTemperature(2));
    }

    private static Targets targetsFor(TrainingLoss loss, int[] labels, int ignore) {
        if (loss instanceof KlDistillationLoss) {
            float[] q = new float[N * C * P];
            boolean[] keep = new boolean[N * P];
            for (int b = 0; b < N; b++) {
                for (int i = 0; i < P; i++) {
                    int l = labels[b * P + i];
                    keep[b * P + i] = l != ignore;
                    if (l != ignore) {
                        q[(b * C + l) * P + i] = 1;
                    }
                }
            }
            return Targets.soft(q, SHAPE, keep);
        }
        return Targets.hard(labels, LABEL_SHAPE, ignore);
    }

    private static void assertFinite(LossResult r, String what) {
        assertTrue(Double.isFinite(r.value()), what + ": value " + r.value());
        for (float g : r.gradient()) {
            assertTrue(Float.isFinite(g), what + ": gradient " + g);
        }
    }

    private static float[] logits(long seed, double scale) {
        Random r = new Random(seed);
        float[] z = new float[N * C * P];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) ((r.nextBoolean() ? 1 : -1) * scale * (0.5 + r.nextDouble()));
        }
        return z;
    }

    @Test
    void extremeLogitsGiveFiniteValuesAndGradients() {
        int[] labels = {0, 1, 2, 0, 1, 2, 2, 2, 1, 0, 0, 1};
        for (TrainingLoss loss : softmaxLosses()) {
            for (double scale : new double[]{1e4, 1e-4}) {
                LossResult r = loss.compute(Predictions.logits(logits(7, scale), SHAPE, Activation.SOFTMAX),
                        targetsFor(loss, labels, 255));
                assertFinite(r, loss.describe() + " at logits ~" + scale);
            }
        }
        float[] z = logits(3, 1e4);
        Predictions binary = Predictions.logits(java.util.Arrays.copyOf(z, N * P), new int[]{N, 1, P}, Activation.SIGMOID);
        Targets bl = Targets.hard(new int[]{0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0}, LABEL_SHAPE);
        for (TrainingLoss loss : List.of(TverskyLoss.jaccard().build(), LovaszHingeLoss.of(true), CrossEntropyLoss.create())) {
            assertFinite(loss.compute(binary, bl), loss.describe() + " sigmoid at logits ~1e4");
        }
    }

    @Test
    void perfectSaturatedPredictionHasZeroJaccardLoss() {
        int[] labels = {0, 1, 2, 0, 1, 2, 2, 2, 1, 0, 0, 1};
        float[] z = new float[N * C * P];
        for (int b = 0; b < N; b++) {
            for (int i = 0; i < P; i++) {
                for (int k = 0; k < C; k++) {
                    z[(b * C + k) * P + i] = labels[b * P + i] == k ? 1e4f : -1e4f;
                }
            }
        }
        LossResult r = TverskyLoss.jaccard().reduction(Reduction.mix(1, 1, 1)).build()
                .compute(Predictions.logits(z, SHAPE, Activation.SOFTMAX), Targets.hard(labels, LABEL_SHAPE));
        assertEquals(0.0, r.value(), 1e-12);
        assertFinite(r, "saturated");
    }

    @Test
    void classAbsentEverywhere() {
        int[] labels = {0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1};
        for (TrainingLoss loss : softmaxLosses()) {
            LossResult r = loss.compute(Predictions.logits(logits(11, 2), SHAPE, Activation.SOFTMAX),
                    targetsFor(loss, labels, 255));
            assertFinite(r, loss.describe() + " with class 2 absent");
        }
        // With PRESENT the absent class does not count; with ALL it does, and pushes its probability down.
        Predictions pred = Predictions.logits(logits(11, 2), SHAPE, Activation.SOFTMAX);
        Targets t = Targets.hard(labels, LABEL_SHAPE);
        LossResult present = TverskyLoss.jaccard().build().compute(pred, t);
        LossResult all = TverskyLoss.jaccard().activeClasses(ActiveClasses.ALL).build().compute(pred, t);
        assertTrue(all.value() > present.value(), all.value() + " vs " + present.value());
        TverskyLoss onlyAbsent = TverskyLoss.jaccard().classWeights(0, 0, 1).activeClasses(ActiveClasses.ALL).build();
        float[] g = onlyAbsent.compute(pred, t).gradient();
        float[] z = logits(11, 2);
        for (int b = 0; b < N; b++) {
            for (int i = 0; i < P; i++) {
                assertTrue(g[(b * C + 2) * P + i] > 0, "gradient on the absent class's logit raises the loss");
            }
        }
        assertEquals(z.length, g.length);
    }

    @Test
    void allIgnoredBatchGivesZeroLossAndZeroGradient() {
        int[] labels = new int[N * P];
        java.util.Arrays.fill(labels, 255);
        for (TrainingLoss loss : softmaxLosses()) {
            LossResult r = loss.compute(Predictions.logits(logits(5, 3), SHAPE, Activation.SOFTMAX),
                    targetsFor(loss, labels, 255));
            assertEquals(0.0, r.value(), 0.0, loss.describe());
            for (float g : r.gradient()) {
                assertEquals(0.0f, g, 0.0f, loss.describe());
            }
        }
        LossResult masked = TverskyLoss.jaccard().build().compute(Predictions.logits(logits(5, 3), SHAPE, Activation.SOFTMAX),
                Targets.soft(new float[N * C * P], SHAPE, new boolean[N * P]));
        assertEquals(0.0, masked.value(), 0.0);
    }

    @Test
    void singlePixel() {
        Predictions one = Predictions.logits(new float[]{0.3f, -1.2f, 2.0f}, new int[]{1, 3}, Activation.SOFTMAX);
        Targets label = Targets.hard(new int[]{1}, new int[]{1});
        for (TrainingLoss loss : softmaxLosses()) {
            Targets t = loss instanceof KlDistillationLoss ? Targets.soft(new float[]{0, 1, 0}, new int[]{1, 3}) : label;
            LossResult r = loss.compute(one, t);
            assertFinite(r, loss.describe() + " single pixel");
            assertTrue(r.value() > 0, loss.describe());
            assertTrue(r.gradient()[1] < 0, loss.describe() + ": raising the true class's logit lowers the loss");
        }
    }
}
