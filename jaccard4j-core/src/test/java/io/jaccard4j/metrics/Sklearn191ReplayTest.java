package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.ReferenceJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Replays every case of scikit-learn 1.9.1's reference file through core: values within 1e-12 relative, the
 * UndefinedMetricWarning / UserWarning texts in order, and errors by kind (IllegalArgumentException for
 * scikit-learn's ValueError, InvalidParameterError and ZeroDivisionError) and message.
 */
class Sklearn191ReplayTest {

    @Test
    void everyCaseMatchesScikitLearn191() throws Exception {
        List<Sklearn191Case> cases = Sklearn191Case.load();
        assertEquals(672, cases.size(), "the file holds 672 cases");
        replay(cases, 13);
    }

    @Test
    void everyFamilyCaseMatchesScikitLearn191() throws Exception {
        List<Sklearn191Case> cases = Sklearn191Case.load(Sklearn191Case.FAMILY);
        assertEquals(589, cases.size(), "the file holds 589 cases");
        replay(cases, 11);
    }

    private static void replay(List<Sklearn191Case> cases, int functions) {
        Map<String, Integer> perFunction = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Sklearn191Case c : cases) {
            perFunction.merge(c.function, 1, Integer::sum);
            String problem = check(c);
            if (problem != null) {
                failures.add(c + ": " + problem);
            }
        }
        assertEquals(functions, perFunction.size(), "every function is replayed: " + perFunction);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases differ from scikit-learn 1.9.1:\n"
                    + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        }
    }

    /**
     * The label metrics reduced from a confusion state (as a dataset of masks or Spark partitions give it) must
     * equal scikit-learn's value and warnings too: the state counted from the case's labels, with its classes.
     */
    @Test
    void confusionStatesGiveTheSameScores() throws Exception {
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        for (String resource : new String[] {Sklearn191Case.RESOURCE, Sklearn191Case.FAMILY}) {
            for (Sklearn191Case c : Sklearn191Case.load(resource)) {
                ClassificationMetric m = c.classificationMetric();
                boolean report = c.function.equals("classification_report");
                double[] w = c.sampleWeight();
                boolean zeroWeight = w != null && Arrays.stream(w).anyMatch(x -> x == 0);
                // a class whose samples all weigh 0 leaves no trace in a weighted state (documented); the report
                // prints weighted supports summed as numpy sums them, which a state does not keep
                if ((m == null && !report) || m == ClassificationMetric.TOP_K_ACCURACY || c.error != null
                        || zeroWeight || (report && w != null)
                        || !(c.truth() instanceof LabelVector) || !(c.prediction() instanceof LabelVector)) {
                    continue;
                }
                LabelVector t = (LabelVector) c.truth();
                LabelVector p = (LabelVector) c.prediction();
                List<Object> classes = LabelEncoder.unionSorted(t, p);
                MulticlassConfusion state = ClassificationScores.confusion(t, p, w, classes);
                JsonElement value;
                List<String> warnings;
                if (report) {
                    ClassificationReport r = ClassificationReport.of(state, LabelEncoder.of(classes), c.labels(),
                            c.options().zeroDivision());
                    boolean dict = c.has("output_dict") && c.kwargs.get("output_dict").getAsBoolean();
                    value = dict ? JsonParser.parseString(r.toJson()) : new com.google.gson.JsonPrimitive(
                            r.toText(c.has("digits") ? c.kwargs.get("digits").getAsInt() : 2));
                    warnings = r.warnings();
                } else {
                    MetricScore s = ClassificationScores.score(m, state, LabelEncoder.of(classes), c.options());
                    value = number(s.score());
                    warnings = s.warnings();
                }
                replayed++;
                String d = compare(c.result, value, "");
                if (d != null || !c.warnings.equals(warnings)) {
                    failures.add(c + ": " + (d != null ? d : "warnings " + warnings + " vs " + c.warnings));
                }
            }
        }
        assertTrue(replayed > 300, "replayed " + replayed);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + replayed + " state scores differ:\n" + String.join("\n", failures));
        }
    }

    /** Outcome of one call: a JSON value (scalar, array or dict) and the warnings. */
    private record Outcome(JsonElement value, List<String> warnings) {
    }

    static String check(Sklearn191Case c) {
        Outcome out;
        try {
            out = run(c);
        } catch (IllegalArgumentException e) {
            if (c.error == null) {
                return "unexpected error: " + e.getMessage();
            }
            return c.sameError(e.getMessage()) ? null
                    : "error '" + e.getMessage() + "' differs from scikit-learn's " + c.error.get("type").getAsString()
                    + " '" + c.error.get("message").getAsString() + "'";
        }
        if (c.error != null) {
            return "expected " + c.error.get("type").getAsString() + " '" + c.error.get("message").getAsString()
                    + "' but got " + out.value();
        }
        String diff = compare(c.result, out.value(), "");
        if (diff != null) {
            return diff + " (expected " + c.result + ", got " + out.value() + ")";
        }
        if (!c.warnings.equals(out.warnings())) {
            return "warnings " + out.warnings() + " differ from scikit-learn's " + c.warnings;
        }
        return null;
    }

    private static Outcome run(Sklearn191Case c) {
        ScoreOptions o = c.options();
        double[] w = c.sampleWeight();
        if (c.isOverlap()) {
            ScoreResult r = Scorer.score(c.truth(), c.prediction(), w, o);
            JsonElement v = o.average() == Average.NONE ? array(r.perLabel()) : number(r.score());
            return new Outcome(v, r.warnings());
        }
        switch (c.function) {
            case "multilabel_confusion_matrix": {
                double[][][] m = ClassificationScores.multilabelConfusionMatrix(c.truth(), c.prediction(), w,
                        c.labels(), c.has("samplewise") && c.kwargs.get("samplewise").getAsBoolean());
                JsonArray a = new JsonArray();
                for (double[][] cell : m) {
                    JsonArray rows = new JsonArray();
                    for (double[] row : cell) {
                        rows.add(array(row));
                    }
                    a.add(rows);
                }
                return new Outcome(a, List.of());
            }
            case "classification_report": {
                ClassificationReport r = ClassificationReport.of(c.truth(), c.prediction(), w, c.labels(),
                        o.zeroDivision());
                if (!c.has("output_dict") || !c.kwargs.get("output_dict").getAsBoolean()) {
                    int digits = c.has("digits") ? c.kwargs.get("digits").getAsInt() : 2;
                    return new Outcome(new com.google.gson.JsonPrimitive(r.toText(digits)), r.warnings());
                }
                return new Outcome(JsonParser.parseString(r.toJson()), r.warnings());
            }
            case "top_k_accuracy_score": {
                MetricScore s = ClassificationScores.score(ClassificationMetric.TOP_K_ACCURACY, c.truth(), c.scores(),
                        w, o);
                return new Outcome(number(s.score()), s.warnings());
            }
            default: {
                MetricScore s = ClassificationScores.score(c.classificationMetric(), c.truth(), c.prediction(), w, o);
                return new Outcome(number(s.score()), s.warnings());
            }
        }
    }

    private static JsonElement number(double v) {
        return new com.google.gson.JsonPrimitive(Double.isNaN(v) ? "NaN" : Double.isInfinite(v)
                ? (v > 0 ? "Infinity" : "-Infinity") : Double.toString(v));
    }

    private static JsonArray array(double[] v) {
        JsonArray a = new JsonArray();
        for (double x : v) {
            a.add(number(x));
        }
        return a;
    }

    /** Null when {@code actual} equals {@code expected} (numbers within 1e-12 relative), else where they differ. */
    static String compare(JsonElement expected, JsonElement actual, String path) {
        if (expected.isJsonArray()) {
            if (!actual.isJsonArray() || actual.getAsJsonArray().size() != expected.getAsJsonArray().size()) {
                return "shape differs at " + path;
            }
            for (int i = 0; i < expected.getAsJsonArray().size(); i++) {
                String d = compare(expected.getAsJsonArray().get(i), actual.getAsJsonArray().get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isJsonObject()) {
            if (!actual.isJsonObject()) {
                return "not a dict at " + path;
            }
            JsonObject e = expected.getAsJsonObject();
            JsonObject a = actual.getAsJsonObject();
            if (!new ArrayList<>(e.keySet()).equals(new ArrayList<>(a.keySet()))) {
                return "keys " + a.keySet() + " differ from " + e.keySet() + " at " + path;
            }
            for (String k : e.keySet()) {
                String d = compare(e.get(k), a.get(k), path + "." + k);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (!actual.isJsonPrimitive() && !actual.isJsonNull()) {
            return "not a value at " + path;
        }
        if (expected.getAsJsonPrimitive().isString() && expected.getAsString().contains("\n")) {
            return expected.getAsString().equals(actual.getAsString()) ? null : "text differs:\n"
                    + expected.getAsString() + "\n--- got ---\n" + actual.getAsString();
        }
        double x = ReferenceJson.number(expected);
        double y = actual.isJsonNull() ? Double.NaN : ReferenceJson.number(actual);
        return Sklearn191Case.close(x, y) ? null : "value at " + path + ": expected " + x + " got " + y;
    }

    @Test
    void theFileIsScikitLearn191() throws Exception {
        JsonObject doc = ReferenceJson.load(Sklearn191Case.RESOURCE);
        assertEquals("1.9.1", doc.getAsJsonObject("versions").get("scikit-learn").getAsString());
        assertTrue(Arrays.asList(1).contains(doc.get("seed").getAsInt()));
    }
}
