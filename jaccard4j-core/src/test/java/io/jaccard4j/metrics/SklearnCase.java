package io.jaccard4j.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One scikit-learn reference case, as written by tools/gen_sklearn_reference.py and
 * tools/gen_sklearn_examples.py: inputs, options, and either the expected score(s) and warning flag or the
 * expected error. Shared by the core replay test and the CLI replay test.
 */
public final class SklearnCase {
    public final int id;
    public final String name;
    public final String kind;
    public final JsonElement yTrue;
    public final JsonElement yPred;
    public final double[] sampleWeight;
    public final Metric metric;
    public final Average average;
    public final List<Object> labels;
    public final Object posLabel;
    public final ZeroDivision zeroDivision;
    /** Expected scalar score (NaN allowed) — when {@link #expectedPerLabel} is null and no error. */
    public final double expectedScore;
    public final double[] expectedPerLabel;
    public final boolean expectedWarning;
    /** scikit-learn's pos_label notes then its UndefinedMetricWarning texts, in order (empty for errors). */
    public final List<String> expectedWarnings = new ArrayList<>();
    public final String expectedError;

    private SklearnCase(JsonObject o) {
        id = o.get("id").getAsInt();
        name = o.has("name") ? o.get("name").getAsString() : "case " + id;
        kind = o.get("kind").getAsString();
        yTrue = o.get("y_true");
        yPred = o.get("y_pred");
        sampleWeight = o.has("sample_weight") && !o.get("sample_weight").isJsonNull()
                ? doubles(o.getAsJsonArray("sample_weight")) : null;
        metric = Metric.parse(o.get("metric").getAsString());
        average = Average.parse(o.get("average").getAsString());
        if (o.has("labels") && !o.get("labels").isJsonNull()) {
            labels = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("labels")) {
                labels.add(label(e));
            }
        } else {
            labels = null;
        }
        posLabel = o.has("pos_label") && !o.get("pos_label").isJsonNull() ? label(o.get("pos_label")) : 1L;
        zeroDivision = ZeroDivision.parse(o.get("zero_division").getAsString());
        JsonObject exp = o.getAsJsonObject("expected");
        if (exp.has("error")) {
            expectedError = exp.getAsJsonObject("error").get("message").getAsString();
            expectedScore = Double.NaN;
            expectedPerLabel = null;
            expectedWarning = false;
        } else {
            expectedError = null;
            JsonElement s = exp.get("score");
            if (s.isJsonArray()) {
                expectedPerLabel = doubles(s.getAsJsonArray());
                expectedScore = Double.NaN;
            } else {
                expectedPerLabel = null;
                expectedScore = number(s);
            }
            expectedWarning = exp.has("warning") && exp.get("warning").getAsBoolean();
            for (String key : new String[] {"notes", "warning_messages"}) {
                if (exp.has(key)) {
                    for (JsonElement m : exp.getAsJsonArray(key)) {
                        expectedWarnings.add(m.getAsString());
                    }
                }
            }
        }
    }

    /** Reads every case of a classpath resource (plain or .gz JSON with a "cases" array). */
    public static List<SklearnCase> load(String resource) throws IOException {
        InputStream in = SklearnCase.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing test resource " + resource);
        }
        if (resource.endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        List<SklearnCase> out = new ArrayList<>();
        try (InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            JsonObject doc = JsonParser.parseReader(r).getAsJsonObject();
            for (JsonElement e : doc.getAsJsonArray("cases")) {
                out.add(new SklearnCase(e.getAsJsonObject()));
            }
        }
        return out;
    }

    public Target truthTarget() {
        return target(yTrue);
    }

    public Target predictionTarget() {
        return target(yPred);
    }

    public ScoreOptions options() {
        return ScoreOptions.builder().metric(metric).average(average).labels(labels).posLabel(posLabel)
                .zeroDivision(zeroDivision).build();
    }

    /** A 2-D JSON array becomes an indicator matrix; a 1-D one integer or string labels. */
    public static Target target(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        if (a.size() > 0 && a.get(0).isJsonArray()) {
            int[][] rows = new int[a.size()][];
            for (int i = 0; i < rows.length; i++) {
                JsonArray r = a.get(i).getAsJsonArray();
                rows[i] = new int[r.size()];
                for (int j = 0; j < rows[i].length; j++) {
                    rows[i][j] = (int) r.get(j).getAsDouble();
                }
            }
            return IndicatorMatrix.of(rows);
        }
        boolean numeric = true;
        for (JsonElement x : a) {
            numeric &= x.getAsJsonPrimitive().isNumber();
        }
        if (numeric) {
            long[] v = new long[a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (long) a.get(i).getAsDouble();
            }
            return LabelVector.of(v);
        }
        String[] v = new String[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsString();
        }
        return LabelVector.of(v);
    }

    /** The text lines of a target as a CSV file would hold them (one sample a line). */
    public static List<String> csvLines(JsonElement e) {
        List<String> lines = new ArrayList<>();
        for (JsonElement row : e.getAsJsonArray()) {
            if (row.isJsonArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonElement x : row.getAsJsonArray()) {
                    if (sb.length() > 0) {
                        sb.append(',');
                    }
                    sb.append((long) x.getAsDouble());
                }
                lines.add(sb.toString());
            } else if (row.getAsJsonPrimitive().isNumber()) {
                lines.add(Long.toString((long) row.getAsDouble()));
            } else {
                lines.add(row.getAsString());
            }
        }
        return lines;
    }

    static Object label(JsonElement e) {
        if (e.getAsJsonPrimitive().isNumber()) {
            return (long) e.getAsDouble();
        }
        return e.getAsString();
    }

    static double number(JsonElement e) {
        return io.jaccard4j.ReferenceJson.number(e);
    }

    static double[] doubles(JsonArray a) {
        return io.jaccard4j.ReferenceJson.doubles(a);
    }

    /** Whether two scores agree: both NaN, or within 1e-12. */
    public static boolean close(double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        return Math.abs(expected - actual) <= 1e-12;
    }

    @Override
    public String toString() {
        return "#" + id + " " + name + " [" + kind + " " + metric + " average=" + average + " labels=" + labels
                + " pos_label=" + posLabel + " zero_division=" + zeroDivision + "]";
    }
}
