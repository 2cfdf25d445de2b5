package io.jaccard4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.segmentation.GeneralizedDiceScore;
import io.jaccard4j.segmentation.GeneralizedDiceScore.WeightType;
import org.junit.jupiter.api.Test;

/**
 * The generalized Dice loss against PyTorch autograd in float64 (tools/gen_generalized_dice_loss_reference.py):
 * value and gradient, softmax / sigmoid / probabilities, hard and soft labels, every weight type, both
 * cardinalities and reductions, with and without the background; the registry entry builds the same loss; and its
 * laws (0 at x = y for soft labels with norm 1).
 */
class GeneralizedDiceLossTest {

    @Test
    void matchesPyTorchAutograd() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/loss/generalized_dice.json");
        int n = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String id = c.get("id").getAsString();
            int[] shape = ReferenceJson.ints(c.get("shape"));
            double[] input = ReferenceJson.doubles(c.get("input"));
            String act = c.get("activation").getAsString();
            Predictions pred = act.equals("identity") ? Predictions.probabilities(input, shape)
                    : Predictions.logits(input, shape, act.equals("softmax") ? Activation.SOFTMAX : Activation.SIGMOID);
            JsonObject t = c.getAsJsonObject("target");
            Targets tgt;
            if (t.has("labels")) {
                tgt = Targets.hard(ReferenceJson.ints(t.get("labels")), new int[] {shape[0], shape[2], shape[3]},
                        t.get("ignore_index").getAsInt());
            } else {
                var keepJson = t.getAsJsonArray("keep");
                boolean[] keep = new boolean[keepJson.size()];
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = keepJson.get(i).getAsBoolean();
                }
                tgt = Targets.soft(ReferenceJson.doubles(t.get("soft")), shape, keep);
            }
            GeneralizedDiceLoss loss = GeneralizedDiceLoss.of(WeightType.parse(c.get("weight").getAsString()),
                    c.get("cardinality").getAsString().equals("product") ? Cardinality.product() : Cardinality.norm(1),
                    c.get("smooth").getAsDouble(), c.get("per_image").getAsBoolean(),
                    c.get("include_background").getAsBoolean());
            LossResult r = loss.compute(pred, tgt);
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12, id + " value");
            double[] grad = ReferenceJson.doubles(c.get("grad"));
            double[] ours = r.gradientAsDouble();
            for (int i = 0; i < grad.length; i++) {
                assertEquals(grad[i], ours[i], 1e-12, id + " grad " + i);
            }
            n++;
        }
        assertEquals(48, n);
    }

    @Test
    void theRegistryEntryBuildsTheConfiguredLoss() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/loss/generalized_dice.json");
        int checked = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (!c.get("activation").getAsString().equals("softmax") || !c.getAsJsonObject("target").has("labels")) {
                continue;
            }
            int[] shape = ReferenceJson.ints(c.get("shape"));
            Predictions pred = Predictions.logits(ReferenceJson.doubles(c.get("input")), shape, Activation.SOFTMAX);
            Targets tgt = Targets.hard(ReferenceJson.ints(c.getAsJsonObject("target").get("labels")),
                    new int[] {shape[0], shape[2], shape[3]}, 255);
            TrainingLoss loss = LossRegistry.build("gdl", java.util.Map.of("weight-type", c.get("weight").getAsString(),
                    "cardinality", c.get("cardinality").getAsString(), "smooth", c.get("smooth").getAsString(),
                    "perImage", c.get("per_image").getAsString(), "include_background",
                    c.get("include_background").getAsString()));
            assertEquals(c.get("value").getAsDouble(), loss.compute(pred, tgt).value(), 1e-12, c.get("id").getAsString());
            checked++;
        }
        assertTrue(checked >= 6, "softmax hard-label cases: " + checked);
        assertEquals(GeneralizedDiceScore.WeightType.SQUARE,
                ((GeneralizedDiceLoss) LossRegistry.build("generalized-dice", java.util.Map.of())).weightType());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LossRegistry.build("generalized-dice", java.util.Map.of("cardinality", "norm2")));
        assertEquals("cardinality 'norm2' is not recognised; expected norm1 or product", bad.getMessage());
    }

    @Test
    void withoutTheBackgroundNeedsTwoClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneralizedDiceLoss.of(WeightType.SQUARE, Cardinality.norm(1), 0, false, false)
                        .compute(Predictions.probabilities(new double[] {0.5, 0.5}, new int[] {1, 1, 1, 2}),
                                Targets.soft(new double[] {0, 1}, new int[] {1, 1, 1, 2}, null)));
        assertTrue(e.getMessage().contains("at least 2 classes"), e.getMessage());
    }

    @Test
    void isZeroAtTheSoftTargetWithTheNormOneCardinality() {
        int[] shape = {1, 3, 2, 2};
        double[] y = {0.2, 0.5, 0.1, 0.6, 0.3, 0.25, 0.8, 0.1, 0.5, 0.25, 0.1, 0.3};
        LossResult r = GeneralizedDiceLoss.of(WeightType.SQUARE, Cardinality.norm(1), 0, false)
                .compute(Predictions.probabilities(y, shape), Targets.soft(y, shape, null));
        assertEquals(0.0, r.value(), 1e-15);
        LossResult textbook = GeneralizedDiceLoss.of(WeightType.SQUARE, Cardinality.product(), 0, false)
                .compute(Predictions.probabilities(y, shape), Targets.soft(y, shape, null));
        assertTrue(textbook.value() > 0.1, "textbook GDL at x = y: " + textbook.value());
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GeneralizedDiceLoss.of(WeightType.SQUARE, Cardinality.norm(2), 0, false));
        assertThrows(IllegalArgumentException.class, () -> GeneralizedDiceLoss.of(WeightType.SQUARE, Cardinality.norm(1), -1, false));
        assertThrows(IllegalArgumentException.class, () -> WeightType.parse("cubic"));
    }
}
