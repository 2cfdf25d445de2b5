package io.jaccard4j.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of {@code /reference/sklearn-1.9.1.json} (copied from {@code ../shared/reference/}, produced by the real
 * scikit-learn 1.9.1; see tools/README.md): the function called, its arguments, and what it returned, warned and
 * raised. Shared by the core replay test and the CLI replay test.
 */
public final class Sklearn191Case {
    public static final String RESOURCE = "/reference/sklearn-1.9.1.json";
    /** More cases of the family, from tools/gen_sklearn_family.py (real scikit-learn 1.9.1, same schema). */
    public static final String FAMILY = "/reference/sklearn_family.json";

    public final String id;
    public final String function;
    public final String dataKind;
    public final JsonElement first;
    public final JsonElement second;
    public final JsonObject kwargs;
    public final JsonElement result;
    /** The exception scikit-learn raised (null if none): {@code type} and {@code message}. */
    public final JsonObject error;
    /** The UndefinedMetricWarning and UserWarning texts, in order (numpy's RuntimeWarnings are left out). */
    public final List<String> warnings = new ArrayList<>();

    private Sklearn191Case(JsonObject o) {
        id = o.get("id").getAsString();
        function = o.get("function").getAsString();
        dataKind = o.get("data_kind").getAsString();
        JsonObject args = o.getAsJsonObject("args");
        List<String> keys = new ArrayList<>(args.keySet());
        first = args.get(keys.get(0));
        second = args.get(keys.get(1));
        kwargs = o.getAsJsonObject("kwargs");
        result = o.get("result");
        error = o.get("error").isJsonNull() ? null : o.getAsJsonObject("error");
        for (JsonElement w : o.getAsJsonArray("warnings")) {
            String category = w.getAsJsonObject().get("category").getAsString();
            if (category.equals("UndefinedMetricWarning") || category.equals("UserWarning")) {
                warnings.add(w.getAsJsonObject().get("message").getAsString());
            }
        }
    }

    /** Every case of the shared file. */
    public static List<Sklearn191Case> load() throws IOException {
        return load(RESOURCE);
    }

    /** Every case of a file in this schema. */
    public static List<Sklearn191Case> load(String resource) throws IOException {
        List<Sklearn191Case> out = new ArrayList<>();
        for (JsonElement e : ReferenceJson.load(resource).getAsJsonArray("cases")) {
            out.add(new Sklearn191Case(e.getAsJsonObject()));
        }
        return out;
    }

    public boolean has(String key) {
        return kwargs.has(key) && !kwargs.get(key).isJsonNull();
    }

    public double[] sampleWeight() {
        return has("sample_weight") ? ReferenceJson.doubles(kwargs.get("sample_weight")) : null;
    }

    /** {@code labels}: null when not passed; integers as {@link Long}, strings as {@link String}. */
    public List<Object> labels() {
        if (!has("labels")) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (JsonElement e : kwargs.getAsJsonArray("labels")) {
            out.add(SklearnCase.label(e));
        }
        return out;
    }

    /** {@code zero_division} as text: warn, 0, 1, nan or whatever else was passed (e.g. 2). */
    public String zeroDivisionText() {
        if (!has("zero_division")) {
            return "warn";
        }
        JsonElement z = kwargs.get("zero_division");
        if (z.getAsJsonPrimitive().isString()) {
            String s = z.getAsString();
            return s.equals("NaN") ? "nan" : s;
        }
        double d = z.getAsDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The metric of an f1 / precision / recall / jaccard function. */
    public Metric overlapMetric() {
        return Metric.parse(function.replace("_score", ""));
    }

    public boolean isOverlap() {
        return function.equals("jaccard_score") || function.equals("f1_score") || function.equals("precision_score")
                || function.equals("recall_score");
    }

    /** The ScoreOptions the kwargs stand for (zero_division parsed, so an invalid one throws as it would). */
    public ScoreOptions options() {
        ScoreOptions.Builder b = ScoreOptions.builder().labels(labels());
        if (isOverlap()) {
            b.metric(overlapMetric());
            b.average(kwargs.has("average") && !kwargs.get("average").isJsonNull()
                    ? Average.parse(kwargs.get("average").getAsString()) : kwargs.has("average") ? Average.NONE
                    : Average.BINARY);
        }
        if (has("pos_label")) {
            b.posLabel(SklearnCase.label(kwargs.get("pos_label")));
        }
        b.zeroDivision(ZeroDivision.parse(zeroDivisionText()));
        if (has("normalize")) {
            b.normalize(kwargs.get("normalize").getAsBoolean());
        }
        if (has("adjusted")) {
            b.adjusted(kwargs.get("adjusted").getAsBoolean());
        }
        if (has("weights")) {
            b.kappaWeights(KappaWeights.parse(kwargs.get("weights").getAsString()));
        }
        if (has("k")) {
            b.k(kwargs.get("k").getAsInt());
        }
        return b.build();
    }

    public Target truth() {
        return SklearnCase.target(first);
    }

    public Target prediction() {
        return SklearnCase.target(second);
    }

    /** {@code y_score} of top_k_accuracy_score. */
    public ScoreMatrix scores() {
        JsonArray a = second.getAsJsonArray();
        if (a.size() > 0 && a.get(0).isJsonArray()) {
            int c = a.get(0).getAsJsonArray().size();
            double[] v = new double[a.size() * c];
            for (int i = 0; i < a.size(); i++) {
                double[] row = ReferenceJson.doubles(a.get(i));
                System.arraycopy(row, 0, v, i * c, c);
            }
            return ScoreMatrix.of(v, a.size(), c);
        }
        return ScoreMatrix.vector(ReferenceJson.doubles(a));
    }

    /** The ClassificationMetric of one of the non-overlap scalar functions, or null. */
    public ClassificationMetric classificationMetric() {
        switch (function) {
            case "accuracy_score": return ClassificationMetric.ACCURACY;
            case "balanced_accuracy_score": return ClassificationMetric.BALANCED_ACCURACY;
            case "hamming_loss": return ClassificationMetric.HAMMING_LOSS;
            case "zero_one_loss": return ClassificationMetric.ZERO_ONE_LOSS;
            case "matthews_corrcoef": return ClassificationMetric.MCC;
            case "cohen_kappa_score": return ClassificationMetric.COHEN_KAPPA;
            case "top_k_accuracy_score": return ClassificationMetric.TOP_K_ACCURACY;
            default: return null;
        }
    }

    /**
     * Whether a value agrees with scikit-learn's: both NaN, equal, or within 1e-12 relative — and within 1e-12
     * absolute near 0 (pytest.approx's floor), where scikit-learn's own rounding leaves e.g. 1.8e-15 for an exact 0.
     */
    public static boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        double d = Math.abs(expected - actual);
        return d <= 1e-12 * Math.max(Math.abs(expected), Math.abs(actual)) || d <= 1e-12;
    }

    /**
     * Whether an error message carries scikit-learn's: the same text, or for an invalid parameter value
     * (InvalidParameterError) one naming the parameter and the value given.
     */
    public boolean sameError(String message) {
        String expected = error.get("message").getAsString();
        if (expected.equals(message)) {
            return true;
        }
        if (error.get("type").getAsString().equals("InvalidParameterError") && message != null) {
            int p = expected.indexOf("The '");
            String param = expected.substring(p + 5, expected.indexOf('\'', p + 5));
            String got = expected.substring(expected.lastIndexOf("Got ") + 4, expected.lastIndexOf(" instead"));
            return message.contains(param) && message.contains(got);
        }
        return false;
    }

    @Override
    public String toString() {
        return id + " " + function + " " + dataKind + " " + kwargs.keySet();
    }
}
