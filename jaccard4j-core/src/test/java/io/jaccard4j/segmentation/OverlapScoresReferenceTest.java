package io.jaccard4j.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.segmentation.boundary.HausdorffReferenceTestAccess;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generalized Dice score against torchmetrics 1.9.0 ({@code GeneralizedDiceScore},
 * reference/torchmetrics-1.9.0.json; {@code DiceScore} is io.jaccard4j.torchmetrics.DiceScore's, tested there); pixel accuracy and mean class accuracy against scikit-learn
 * 1.9.1's {@code accuracy_score} and {@code balanced_accuracy_score} (reference/segmentation/sklearn-1.9.1.json).
 */
class OverlapScoresReferenceTest {

    private static ImageClassCounts counts(JsonObject c) {
        JsonObject kw = c.getAsJsonObject("kwargs");
        int[] spatial = ReferenceJson.ints(c.get("spatial_shape"));
        String format = kw.get("input_format").getAsString();
        int[] preds = HausdorffReferenceTestAccess.indexMaps(c.getAsJsonObject("preds"), format, spatial);
        int[] target = HausdorffReferenceTestAccess.indexMaps(c.getAsJsonObject("target"), format, spatial);
        int per = preds.length / c.get("batch").getAsInt();
        ImageClassCounts counts = ImageClassCounts.of(kw.get("num_classes").getAsInt(), ImageClassCounts.NO_IGNORE);
        for (int b = 0; b < c.get("batch").getAsInt(); b++) {
            counts.update(Arrays.copyOfRange(target, b * per, (b + 1) * per), Arrays.copyOfRange(preds, b * per, (b + 1) * per));
        }
        return counts;
    }

    private static double[] values(JsonObject result) {
        JsonElement v = result.get("value");
        return v.isJsonArray() ? ReferenceJson.doubles(v) : new double[] {ReferenceJson.number(v)};
    }

    private static void close(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), what + " [" + i + "] expected NaN, got " + actual[i]);
            } else {
                assertEquals(expected[i], actual[i], 2e-7 * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
            }
        }
    }

    /**
     * The generalized Dice score written from torchmetrics' description, with the replacement weight of a class
     * absent from a sample's truth taken either by the definition (the largest weight of the same class) or
     * torchmetrics 1.9.0's flat index {@code colmax[(n·C + c) / N]}.
     */
    private static double[] gdsFromDescription(ImageClassCounts k, String weightType, boolean background,
            boolean perClass, boolean torchmetricsIndex) {
        int c0 = background ? 0 : 1;
        int cs = k.numClasses() - c0;
        int n = k.images();
        double[][] w = new double[n][cs];
        boolean[][] inf = new boolean[n][cs];
        double[] colMax = new double[cs];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cs; j++) {
                double t = k.tp(i, c0 + j) + k.fn(i, c0 + j);
                double v = weightType.equals("linear") ? 1 : weightType.equals("simple") ? 1 / t : 1 / (t * t);
                inf[i][j] = Double.isInfinite(v);
                w[i][j] = inf[i][j] ? 0 : v;
                colMax[j] = Math.max(colMax[j], w[i][j]);
            }
        }
        double[] acc = new double[perClass ? cs : 1];
        for (int i = 0; i < n; i++) {
            double num = 0;
            double den = 0;
            for (int j = 0; j < cs; j++) {
                int c = c0 + j;
                double wt = !inf[i][j] ? w[i][j] : torchmetricsIndex ? colMax[(i * cs + j) / n] : colMax[j];
                double nu = 2.0 * k.tp(i, c) * wt;
                double de = (2.0 * k.tp(i, c) + k.fp(i, c) + k.fn(i, c)) * wt;
                if (perClass) {
                    acc[j] += de == 0 ? 0 : nu / de;
                }
                num += nu;
                den += de;
            }
            if (!perClass) {
                acc[0] += den == 0 ? 0 : num / den;
            }
        }
        for (int j = 0; j < acc.length; j++) {
            acc[j] /= n;
        }
        return acc;
    }

    @Test
    void generalizedDiceReplaysTorchmetricsWhereItsReplacementWeightIsRight() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/torchmetrics-1.9.0.json");
        int direct = 0;
        int definition = 0;
        for (JsonElement e : doc.getAsJsonArray("segmentation_cases")) {
            JsonObject c = e.getAsJsonObject();
            if (!c.get("metric").getAsString().equals("GeneralizedDiceScore")) {
                continue;
            }
            String id = c.get("id").getAsString();
            JsonObject kw = c.getAsJsonObject("kwargs");
            ImageClassCounts k = counts(c);
            String wt = kw.get("weight_type").getAsString();
            boolean bg = kw.get("include_background").getAsBoolean();
            boolean perClass = kw.get("per_class").getAsBoolean();
            GeneralizedDiceScore g = GeneralizedDiceScore.of(k, GeneralizedDiceScore.WeightType.parse(wt), bg);
            double[] ours = perClass ? g.perClass() : new double[] {g.score()};
            double[] tm = values(c.getAsJsonObject("result"));
            double[] tmByDescription = gdsFromDescription(k, wt, bg, perClass, true);
            close(tm, tmByDescription, id + " torchmetrics' own rule, as described");
            double[] byDefinition = gdsFromDescription(k, wt, bg, perClass, false);
            close(byDefinition, ours, id + " definition");
            if (Arrays.equals(tmByDescription, byDefinition)) {
                close(tm, ours, id + " torchmetrics");
                direct++;
            } else {
                definition++;
            }
        }
        assertEquals(32, direct + definition);
        assertTrue(direct >= 20 && definition >= 1, direct + " direct, " + definition + " by definition");
    }

    @Test
    void accuracyReplaysScikitLearn() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/segmentation/sklearn-1.9.1.json");
        int replayed = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String fn = c.get("function").getAsString();
            JsonObject kw = c.getAsJsonObject("kwargs");
            String kind = c.get("data_kind").getAsString();
            boolean plain = kw.keySet().isEmpty() || (kw.keySet().equals(java.util.Set.of("adjusted"))
                    && !kw.get("adjusted").getAsBoolean());
            if (!(fn.equals("accuracy_score") || fn.equals("balanced_accuracy_score")) || !plain
                    || kind.equals("multilabel") || !c.get("error").isJsonNull()) {
                continue;
            }
            JsonObject args = c.getAsJsonObject("args");
            List<JsonElement> yt = args.getAsJsonArray("y_true").asList();
            List<JsonElement> yp = args.getAsJsonArray("y_pred").asList();
            Map<String, Integer> index = new HashMap<>();
            yt.stream().map(JsonElement::getAsString).sorted().forEach(s -> index.putIfAbsent(s, index.size()));
            yp.stream().map(JsonElement::getAsString).sorted().forEach(s -> index.putIfAbsent(s, index.size()));
            int[] t = yt.stream().mapToInt(x -> index.get(x.getAsString())).toArray();
            int[] p = yp.stream().mapToInt(x -> index.get(x.getAsString())).toArray();
            ImageClassCounts k = ImageClassCounts.of(index.size(), ImageClassCounts.NO_IGNORE).update(t, p);
            double got = fn.equals("accuracy_score") ? PixelAccuracy.pixelAccuracy(k) : PixelAccuracy.meanClassAccuracy(k);
            assertEquals(ReferenceJson.number(c.get("result")), got, 1e-15, c.get("id").getAsString());
            replayed++;
        }
        assertTrue(replayed >= 15, "replayed " + replayed);
    }
}
