package io.jaccard4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input fails fast with a message naming the argument, the value and what was expected. */
class LossValidationTest {
    private static final List<TrainingLoss> ALL_SOFTMAX = List.of(TverskyLoss.jaccard().build(),
            TverskyLoss.softJaccard().build(), LovaszSoftmaxLoss.of(true, ActiveClasses.PRESENT),
            CrossEntropyLoss.create(), FocalLoss.of(2), KlDistillationLoss.withTemperature(2));

    private static Predictions logits() {
        return Predictions.logits(new float[2 * 3 * 4], new int[]{2, 3, 4}, Activation.SOFTMAX);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void predictionShapeMustMatchData() {
        String m = message(() -> Predictions.logits(new float[23], new int[]{2, 3, 4}, Activation.SOFTMAX));
        assertTrue(m.contains("[2, 3, 4]") && m.contains("24") && m.contains("23"), m);
        m = message(() -> Predictions.probabilities(new float[3], new int[]{3}));
        assertTrue(m.contains("N x C"), m);
        m = message(() -> Predictions.logits(new float[4], new int[]{4, 1}, Activation.SOFTMAX));
        assertTrue(m.contains("C >= 2") && m.contains("SIGMOID"), m);
        m = message(() -> Predictions.logits(new float[4], new int[]{2, 2}, Activation.IDENTITY));
        assertTrue(m.contains("probabilities"), m);
    }

    @Test
    void targetShapeMustMatchPredictions() {
        Targets hard = Targets.hard(new int[2 * 5], new int[]{2, 5});
        Targets soft = Targets.soft(new float[2 * 3 * 5], new int[]{2, 3, 5});
        for (TrainingLoss loss : ALL_SOFTMAX) {
            Targets t = loss instanceof KlDistillationLoss ? soft : hard;
            String m = message(() -> loss.compute(logits(), t));
            assertTrue(m.contains("does not match predictions shape [2, 3, 4]"), loss.describe() + ": " + m);
        }
        String m = message(() -> Targets.hard(new int[3], new int[]{2, 2}));
        assertTrue(m.contains("holds 4 elements") && m.contains("3"), m);
        m = message(() -> Targets.soft(new float[8], new int[]{2, 2, 2}, new boolean[3]));
        assertTrue(m.contains("keepMask has 3 entries") && m.contains("4 pixels"), m);
    }

    @Test
    void labelOutOfRangeIsRejectedUnlessIgnored() {
        int[] labels = {0, 1, 2, 0, 1, 2, 3, 0};
        for (TrainingLoss loss : ALL_SOFTMAX) {
            String m = message(() -> loss.compute(logits(), Targets.hard(labels, new int[]{2, 4})));
            assertTrue(m.contains("label 3") && m.contains("0..2"), loss.describe() + ": " + m);
        }
        int[] ignored = {0, 1, 2, 0, 1, 2, 255, 0};
        for (TrainingLoss loss : ALL_SOFTMAX) {
            double v = loss.compute(logits(), Targets.hard(ignored, new int[]{2, 4}, 255)).value();
            assertTrue(Double.isFinite(v), loss.describe());
        }
        String m = message(() -> TverskyLoss.jaccard().build().compute(
                Predictions.logits(new float[4], new int[]{4, 1}, Activation.SIGMOID), Targets.hard(new int[]{0, 1, 2, 0}, new int[]{4})));
        assertTrue(m.contains("label 2") && m.contains("0 or 1"), m);
    }

    @Test
    void softLabelsOutsideUnitIntervalAreRejected() {
        String m = message(() -> Targets.soft(new float[]{0.5f, -0.1f}, new int[]{1, 2}));
        assertTrue(m.contains("-0.1") && m.contains("[0, 1]"), m);
        m = message(() -> Targets.soft(new float[]{0.5f, Float.NaN}, new int[]{1, 2}));
        assertTrue(m.contains("NaN"), m);
        m = message(() -> Targets.soft(new double[]{1.5, 0}, new int[]{1, 2}, null));
        assertTrue(m.contains("1.5"), m);
    }

    @Test
    void nonFiniteInputsAreRejected() {
        float[] data = new float[2 * 3 * 4];
        data[5] = Float.NaN;
        Predictions nan = Predictions.logits(data, new int[]{2, 3, 4}, Activation.SOFTMAX);
        Targets hard = Targets.hard(new int[8], new int[]{2, 4});
        for (TrainingLoss loss : ALL_SOFTMAX) {
            Targets t = loss instanceof KlDistillationLoss ? Targets.soft(new float[24], new int[]{2, 3, 4}) : hard;
            String m = message(() -> loss.compute(nan, t));
            assertTrue(m.contains("index 5") && m.contains("NaN"), loss.describe() + ": " + m);
        }
        float[] probs = new float[24];
        probs[7] = 1.5f;
        String m = message(() -> TverskyLoss.jaccard().build().compute(Predictions.probabilities(probs, new int[]{2, 3, 4}), hard));
        assertTrue(m.contains("probability at flat index 7 is 1.5"), m);
    }

    @Test
    void lovaszRejectsSoftLabels() {
        Targets soft = Targets.soft(new float[24], new int[]{2, 3, 4});
        String m = message(() -> LovaszSoftmaxLoss.of(true, ActiveClasses.PRESENT).compute(logits(), soft));
        assertTrue(m.contains("soft labels") && m.contains("TverskyLoss.jaccard()"), m);
        m = message(() -> LovaszHingeLoss.of(false).compute(
                Predictions.logits(new float[8], new int[]{2, 1, 4}, Activation.SIGMOID), Targets.soft(new float[8], new int[]{2, 1, 4})));
        assertTrue(m.contains("soft labels"), m);
        m = message(() -> LovaszHingeLoss.of(false).compute(logits(), Targets.hard(new int[8], new int[]{2, 4})));
        assertTrue(m.contains("one channel"), m);
    }

    @Test
    void configurationIsChecked() {
        assertTrue(message(() -> TverskyLoss.jaccard().gamma(0.5)).contains("gamma is 0.5"));
        assertTrue(message(() -> TverskyLoss.jaccard().smooth(-1)).contains("smooth is -1"));
        assertTrue(message(() -> TverskyLoss.tversky(-0.5, 1)).contains("alpha is -0.5"));
        assertTrue(message(() -> TverskyLoss.jaccard().norm(0)).contains("norm is 0"));
        assertTrue(message(() -> Reduction.mix(0, 0, 0)).contains("all 0"));
        assertTrue(message(() -> FocalLoss.of(-1)).contains("gamma is -1"));
        assertTrue(message(() -> KlDistillationLoss.withTemperature(0)).contains("temperature is 0"));
        String m = message(() -> TverskyLoss.jaccard().classWeights(1, 2).build()
                .compute(logits(), Targets.hard(new int[8], new int[]{2, 4})));
        assertTrue(m.contains("classWeights has 2 entries") && m.contains("3 classes"), m);
    }

    @Test
    void specParsesEveryForm() {
        assertEquals("mix:0.5,0.25,0.25", Reduction.parse(" MIX:0.5, 0.25,0.25").toString());
        assertEquals(1.0, Reduction.parse("image").imageWeight());
        assertEquals(1.0, Reduction.parse("class").classWeight());
        assertTrue(message(() -> Reduction.parse("mix:1,2")).contains("mix:wD,wI,wC"));
        assertEquals(ActiveClasses.ALL, ActiveClasses.parse("All"));
        assertTrue(message(() -> ActiveClasses.parse("some")).contains("present or all"));
        assertEquals(Activation.SIGMOID, Activation.parseMode("binary"));
        assertEquals(Activation.SIGMOID, LossSpec.of("jml").set("mode", "multilabel").activation());

        TrainingLoss l = LossSpec.of("dice").set("reduction", "mix:1,1,0").set("active", "all").set("gamma", "2")
                .set("log-loss", "true").set("class_weights", "1,2,3").build();
        assertTrue(l.describe().startsWith("dice(alpha=0.5, beta=0.5, gamma=2.0"), l.describe());
        assertTrue(l.describe().contains("log") && l.describe().contains("[1.0, 2.0, 3.0]"), l.describe());
        assertTrue(LossSpec.of("sjl").build().describe().contains("product"));
        assertTrue(LossSpec.of("lovasz-hinge").set("perImage", "false").build().describe().contains("perImage=false"));
        assertTrue(LossSpec.of("distillation").set("temperature", "4").build().describe().contains("T=4.0"));
        assertTrue(LossSpec.of("focal").build().describe().contains("gamma=2.0"));

        assertTrue(message(() -> LossSpec.of("iou")).contains("jaccard"));
        assertTrue(message(() -> LossSpec.of("ce").set("temprature", "2")).contains("not recognised"));
        String m = message(() -> LossSpec.of("ce").set("temperature", "2").build());
        assertTrue(m.contains("temperature") && m.contains("does not apply to loss ce"), m);
        assertTrue(message(() -> LossSpec.of("jaccard").set("smooth", "abc").build()).contains("expected a number"));
        assertTrue(message(() -> LossSpec.of("tversky").set("alpha", "0.3").build()).contains("alpha and beta"));
        assertTrue(message(() -> LossSpec.of("soft-dice").set("norm", "2").build()).contains("norm does not apply"));
    }
}
