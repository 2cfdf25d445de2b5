package io.jaccard4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.NpyArray;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the real torchmetrics 1.9.0 cases ({@code /reference/torchmetrics-1.9.0.json}, copied from
 * {@code shared/reference/}; see tools/README.md) through the scoring engine with {@code --semantics torchmetrics}:
 * every {@code classification_cases[]} case (Binary/Multiclass/Multilabel JaccardIndex and F1Score) and the
 * {@code MeanIoU} and {@code DiceScore} {@code segmentation_cases[]}. torchmetrics returns float32, so values
 * agree to 1e-6 relative; errors are matched by kind (torchmetrics' ValueError / RuntimeError are jaccard4j's
 * IllegalArgumentException, with one message naming the argument).
 */
class TorchmetricsReferenceTest {
    private static final String RESOURCE = "/reference/torchmetrics-1.9.0.json";
    /** Cases of tools/gen_torchmetrics_extra.py (same library, same schema) for rules the shared file leaves open. */
    private static final String EXTRA = "/reference/torchmetrics-extra.json";
    /** torchmetrics' outputs are float32. */
    private static final double FLOAT32_TOLERANCE = 1e-6;

    @TestFactory
    List<DynamicTest> classificationCases() throws Exception {
        JsonArray cases = ReferenceJson.load(RESOURCE).getAsJsonArray("classification_cases");
        assertEquals(166, cases.size());
        cases.addAll(ReferenceJson.load(EXTRA).getAsJsonArray("classification_cases"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            tests.add(DynamicTest.dynamicTest(c.get("id").getAsString() + " " + c.get("metric").getAsString(),
                    () -> replay(c, classificationRequest(c))));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> segmentationCases() throws Exception {
        JsonArray cases = ReferenceJson.load(RESOURCE).getAsJsonArray("segmentation_cases");
        int shared = cases.size();
        cases.addAll(ReferenceJson.load(EXTRA).getAsJsonArray("segmentation_cases"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            String metric = c.get("metric").getAsString();
            if (!metric.equals("MeanIoU") && !metric.equals("DiceScore")) {
                continue; // HausdorffDistance and GeneralizedDiceScore are replayed with those metrics
            }
            tests.add(DynamicTest.dynamicTest(c.get("id").getAsString() + " " + metric,
                    () -> replay(c, segmentationRequest(c))));
        }
        assertEquals(136, shared);
        assertEquals(64 + 18, tests.size());
        return tests;
    }

    /** The classification cases carry no warning, and neither does jaccard4j. */
    @TestFactory
    List<DynamicTest> warnings() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String group : List.of("classification_cases", "segmentation_cases")) {
            JsonArray all = ReferenceJson.load(RESOURCE).getAsJsonArray(group);
            all.addAll(ReferenceJson.load(EXTRA).getAsJsonArray(group));
            for (JsonElement e : all) {
                JsonObject c = e.getAsJsonObject();
                String metric = c.get("metric").getAsString();
                if (metric.equals("HausdorffDistance") || metric.equals("GeneralizedDiceScore")) {
                    continue;
                }
                JsonObject kw = c.getAsJsonObject("kwargs");
                boolean staleDiceNotice = metric.equals("DiceScore") && kw.has("average")
                        && "micro".equals(kw.get("average").getAsString());
                tests.add(DynamicTest.dynamicTest(c.get("id").getAsString(), () -> {
                    JsonArray w = c.getAsJsonArray("warnings");
                    if (staleDiceNotice) {
                        // torchmetrics' notice that DiceScore's default "will change" to macro (it already is);
                        // jaccard4j does not repeat it (docs/torchmetrics.md)
                        assertEquals(1, w.size());
                        assertTrue(w.get(0).getAsJsonObject().get("message").getAsString()
                                .contains("defaults to `average=micro`"));
                    } else {
                        assertEquals(0, w.size(), "reference warnings");
                    }
                    if (c.get("error").isJsonNull()) {
                        StringWriter err = new StringWriter();
                        outcome(c, request(c)).write(new PrintWriter(new StringWriter()), new PrintWriter(err),
                                OutputFormat.JSON);
                        assertEquals("", err.toString(), "jaccard4j warnings");
                    }
                }));
            }
        }
        return tests;
    }

    private static ScoreRequest request(JsonObject c) {
        return c.has("task") ? classificationRequest(c) : segmentationRequest(c);
    }

    static ScoreRequest classificationRequest(JsonObject c) {
        JsonObject kw = c.getAsJsonObject("kwargs");
        String metric = c.get("metric").getAsString();
        ScoreRequest.Builder b = ScoreRequest.builder().semantics("torchmetrics")
                .metric(metric.endsWith("F1Score") ? "f1" : "jaccard").task(c.get("task").getAsString());
        if (kw.has("average")) {
            b.average(kw.get("average").getAsString());
        }
        if (kw.has("zero_division")) {
            JsonElement z = kw.get("zero_division");
            b.zeroDivision(z.getAsDouble() == 0 || z.getAsDouble() == 1 ? z.getAsString() : "nan");
        }
        if (kw.has("threshold")) {
            b.threshold(kw.get("threshold").getAsDouble());
        }
        if (kw.has("ignore_index")) {
            b.ignoreIndex(kw.get("ignore_index").getAsLong());
        }
        for (String k : List.of("num_classes", "num_labels")) {
            if (kw.has(k)) {
                b.torchmetrics().numClasses(kw.get(k).getAsInt());
            }
        }
        return b.build();
    }

    static ScoreRequest segmentationRequest(JsonObject c) {
        JsonObject kw = c.getAsJsonObject("kwargs");
        boolean dice = c.get("metric").getAsString().equals("DiceScore");
        ScoreRequest.Builder b = ScoreRequest.builder().semantics("torchmetrics").metric(dice ? "dice" : "jaccard")
                .perImage(!dice);
        if (kw.has("num_classes")) {
            b.torchmetrics().numClasses(kw.get("num_classes").getAsInt());
        }
        if (kw.has("include_background")) {
            b.torchmetrics().includeBackground(kw.get("include_background").getAsBoolean());
        }
        b.torchmetrics().inputFormat(kw.get("input_format").getAsString());
        if (dice) {
            if (kw.has("average")) {
                b.average(kw.get("average").getAsString());
            }
            if (kw.has("aggregation_level")) {
                b.torchmetrics().aggregationLevel(kw.get("aggregation_level").getAsString());
            }
        } else {
            b.torchmetrics().perClass(kw.get("per_class").getAsBoolean());
        }
        return b.build();
    }

    static InputArray array(JsonObject tensor, String role) {
        int[] shape = ReferenceJson.ints(tensor.get("shape"));
        List<Double> flat = new ArrayList<>();
        flatten(tensor.get("values"), flat);
        if (tensor.get("dtype").getAsString().startsWith("float")) {
            double[] v = new double[flat.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = flat.get(i);
            }
            return InputArray.of(NpyArray.of(v, shape), role);
        }
        long[] v = new long[flat.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) (double) flat.get(i);
        }
        return InputArray.of(NpyArray.of(v, shape), role);
    }

    private static void flatten(JsonElement e, List<Double> out) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                flatten(x, out);
            }
        } else {
            out.add(ReferenceJson.number(e));
        }
    }

    private static ScoreOutcome outcome(JsonObject c, ScoreRequest r) {
        return ScoringEngine.score(array(c.getAsJsonObject("target"), "--y-true"),
                array(c.getAsJsonObject("preds"), "--y-pred"), null, r);
    }

    /** The JSON object a torchmetrics outcome prints. */
    static JsonObject json(ScoreOutcome o) {
        StringWriter out = new StringWriter();
        o.write(new PrintWriter(out), new PrintWriter(new StringWriter()), OutputFormat.JSON);
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    private static void replay(JsonObject c, ScoreRequest r) {
        String id = c.get("id").getAsString();
        if (!c.get("error").isJsonNull()) {
            JsonObject err = c.getAsJsonObject("error");
            assertTrue(Set.of("ValueError", "RuntimeError").contains(err.get("type").getAsString()), id);
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> outcome(c, r), id
                    + ": torchmetrics raised " + err);
            assertNotNull(ex.getMessage());
            assertTrue(!ex.getMessage().contains("\n"), "one line: " + ex.getMessage());
            return;
        }
        JsonObject got = json(outcome(c, r));
        JsonObject result = c.getAsJsonObject("result");
        JsonElement expected = result.get("value");
        JsonElement score = got.get("score");
        if (expected.isJsonArray()) {
            assertTrue(score.isJsonArray(), id + ": expected a list, got " + score);
            JsonArray ea = expected.getAsJsonArray();
            JsonArray ga = score.getAsJsonArray();
            assertEquals(ea.size(), ga.size(), id + " length");
            for (int i = 0; i < ea.size(); i++) {
                close(ReferenceJson.number(ea.get(i)), ga.get(i), id + "[" + i + "]");
            }
        } else {
            close(ReferenceJson.number(expected), score, id);
        }
    }

    private static void close(double expected, JsonElement actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(actual.isJsonNull(), what + ": expected NaN (null), got " + actual);
            return;
        }
        if (actual.isJsonNull()) {
            fail(what + ": expected " + expected + ", got NaN");
        }
        double a = actual.getAsDouble();
        assertEquals(expected, a, FLOAT32_TOLERANCE * Math.max(Math.abs(expected), 1e-300), what);
    }
}
