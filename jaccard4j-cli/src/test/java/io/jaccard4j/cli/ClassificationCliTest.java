package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.metrics.Sklearn191Case;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jaccard4j score --metric accuracy | balanced-accuracy | hamming-loss | zero-one-loss | mcc | cohen-kappa |
 * top-k-accuracy} and {@code score --report}, replayed against the real scikit-learn 1.9.1 cases: each case is
 * written as CSV files and scored through the command; the printed score (or report) must match, warnings must
 * reach stderr, and errors must exit with status 2 and scikit-learn's message on one stderr line.
 */
class ClassificationCliTest {
    private static final Map<String, String> METRICS = Map.of("accuracy_score", "accuracy",
            "balanced_accuracy_score", "balanced-accuracy", "hamming_loss", "hamming-loss", "zero_one_loss",
            "zero-one-loss", "matthews_corrcoef", "mcc", "cohen_kappa_score", "cohen-kappa", "top_k_accuracy_score",
            "top-k-accuracy");

    @TempDir
    Path dir;

    @Test
    void commandMatchesScikitLearn191() throws Exception {
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        for (String resource : new String[] {Sklearn191Case.RESOURCE, Sklearn191Case.FAMILY}) {
            for (Sklearn191Case c : Sklearn191Case.load(resource)) {
                boolean report = c.function.equals("classification_report");
                if (!METRICS.containsKey(c.function) && !report) {
                    continue;
                }
                if (c.first.getAsJsonArray().size() == 0) {
                    continue; // an empty file holds no samples: the command rejects it before scikit-learn's check
                }
                if (c.first.toString().matches(".*\"[^\"]*\\s[^\"]*\".*")) {
                    continue; // a label with a blank is two CSV fields
                }
                replayed++;
                String problem = check(c, report);
                if (problem != null) {
                    failures.add(c + ": " + problem);
                }
            }
        }
        assertTrue(replayed > 500, "replayed " + replayed);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + replayed + " cases differ through the command:\n"
                    + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        }
    }

    private String check(Sklearn191Case c, boolean report) throws IOException {
        String tag = c.id;
        List<String> args = new ArrayList<>(List.of("score", "--y-true", write(tag + "t", c.first),
                "--y-pred", write(tag + "p", c.second)));
        boolean json = !report || (c.has("output_dict") && c.kwargs.get("output_dict").getAsBoolean());
        if (json) {
            args.addAll(List.of("--format", "json"));
        }
        if (report) {
            args.add("--report");
            if (c.has("digits")) {
                args.addAll(List.of("--digits", c.kwargs.get("digits").getAsString()));
            }
            args.addAll(List.of("--zero-division", c.zeroDivisionText()));
        } else {
            args.addAll(List.of("--metric", METRICS.get(c.function)));
        }
        if (c.first.getAsJsonArray().get(0).isJsonArray()) {
            args.addAll(List.of("--task", "multilabel"));
        }
        if (c.has("labels")) {
            List<String> ls = new ArrayList<>();
            for (Object l : c.labels()) {
                ls.add(String.valueOf(l));
            }
            if (ls.isEmpty()) {
                return null; // --labels takes at least one label
            }
            args.addAll(List.of("--labels", String.join(",", ls)));
        }
        if (c.has("sample_weight")) {
            args.addAll(List.of("--sample-weight", write(tag + "w", c.kwargs.get("sample_weight"))));
        }
        if (c.has("normalize")) {
            args.addAll(List.of("--normalize", c.kwargs.get("normalize").getAsString()));
        }
        if (c.has("adjusted") && c.kwargs.get("adjusted").getAsBoolean()) {
            args.add("--adjusted");
        }
        if (c.has("weights")) {
            args.addAll(List.of("--kappa-weights", c.kwargs.get("weights").getAsString()));
        }
        if (c.has("k")) {
            args.addAll(List.of("--k", c.kwargs.get("k").getAsString()));
        }
        CliRun run = CliRun.of(args.toArray(new String[0]));
        if (c.error != null) {
            String message = c.error.get("message").getAsString();
            if (run.exit != 2 || !run.out.isBlank() || run.err.lines().count() != 1 || !c.sameError(errorText(run))) {
                return "expected a clean exit 2 with '" + message + "', got " + run;
            }
            return null;
        }
        if (run.exit != 0) {
            return "unexpected failure: " + run;
        }
        for (String w : c.warnings) {
            if (!run.err.contains("warning: " + w)) {
                return "stderr lacks the warning '" + w + "': " + run.err;
            }
        }
        if (report && !json) {
            return c.result.getAsString().equals(run.out) ? null : "report differs:\n" + c.result.getAsString()
                    + "--- got ---\n" + run.out;
        }
        JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        if (report) {
            return compareDict(c.result.getAsJsonObject(), o);
        }
        if (!o.get("metric").getAsString().equals(METRICS.get(c.function))) {
            return "metric " + o.get("metric");
        }
        double expected = ReferenceJson.number(c.result);
        JsonElement got = o.get("score");
        if (got.isJsonNull()) {
            return Double.isFinite(expected) ? "expected " + expected + " got null" : null;
        }
        return Sklearn191Case.close(expected, got.getAsDouble()) ? null : "expected " + expected + " got " + run.out;
    }

    private static String errorText(CliRun run) {
        String line = run.err.trim();
        int k = line.indexOf("error: ");
        return k < 0 ? line : line.substring(k + "error: ".length());
    }

    private static String compareDict(JsonObject expected, JsonObject got) {
        if (!new ArrayList<>(expected.keySet()).equals(new ArrayList<>(got.keySet()))) {
            return "keys " + got.keySet() + " differ from " + expected.keySet();
        }
        for (String k : expected.keySet()) {
            JsonElement e = expected.get(k);
            JsonElement g = got.get(k);
            if (e.isJsonObject()) {
                String d = compareDict(e.getAsJsonObject(), g.getAsJsonObject());
                if (d != null) {
                    return k + "." + d;
                }
                continue;
            }
            double x = ReferenceJson.number(e);
            double y = g.isJsonNull() ? Double.NaN : g.getAsDouble();
            if (!Sklearn191Case.close(x, y)) {
                return k + ": expected " + x + " got " + y;
            }
        }
        return null;
    }

    /** A JSON array as a CSV file: one value (label, score or weight) a line, or one comma-separated row a line. */
    private String write(String name, JsonElement values) throws IOException {
        List<String> lines = new ArrayList<>();
        for (JsonElement row : values.getAsJsonArray()) {
            if (row.isJsonArray()) {
                List<String> cells = new ArrayList<>();
                for (JsonElement x : row.getAsJsonArray()) {
                    cells.add(cell(x));
                }
                lines.add(String.join(",", cells));
            } else {
                lines.add(cell(row));
            }
        }
        Path f = dir.resolve(name + ".csv");
        Files.write(f, lines);
        return f.toString();
    }

    private static String cell(JsonElement x) {
        if (x.getAsJsonPrimitive().isString()) {
            return x.getAsString();
        }
        double d = x.getAsDouble();
        return d == Math.rint(d) && !x.getAsString().contains(".") ? Long.toString((long) d) : Double.toString(d);
    }

    @Test
    void optionsOutsideTheirMetricAreRejected() throws IOException {
        Path t = dir.resolve("t.csv");
        Files.write(t, List.of("0", "1", "2", "1"));
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "accuracy",
                "--adjusted"), "--adjusted applies to --metric balanced-accuracy only");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "mcc",
                "--k", "3"), "--k applies to --metric top-k-accuracy only");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "cohen-kappa",
                "--kappa-weights", "cubic"), "kappa weights must be one of none, linear, quadratic; got 'cubic'");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "accuracy",
                "--normalize", "maybe"), "--normalize must be true or false; got 'maybe'");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "f1",
                "--normalize", "false"), "--normalize applies to --metric accuracy, zero-one-loss or top-k-accuracy");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "accuracy",
                "--report"), "--report prints precision, recall and F1 of every label");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "mcc",
                "--semantics", "torchmetrics"), "--semantics torchmetrics scores --metric jaccard, f1 or dice; got mcc");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--digits", "3"),
                "--digits applies to --report only");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "auc"),
                "--metric must be one of jaccard, f1, dice, precision, recall, accuracy, balanced-accuracy");
        assertError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric",
                "top-k-accuracy"), "`y_score` needs to be of shape `(n_samples, n_classes)`");
    }

    @Test
    void labelMetricsArgmaxScoreMatricesAndTopKRanksThem() throws IOException {
        Path t = dir.resolve("t.csv");
        Files.write(t, List.of("0", "1", "2", "2"));
        Path s = dir.resolve("s.csv"); // arg-max 1, 1, 2, 0; top-2 holds the truth in rows 0..2
        Files.write(s, List.of("0.3,0.6,0.1", "0.2,0.5,0.3", "0.1,0.2,0.7", "0.5,0.1,0.4"));
        JsonObject acc = JsonParser.parseString(CliRun.of("score", "--y-true", t.toString(), "--y-pred", s.toString(),
                "--metric", "accuracy", "--format", "json").out).getAsJsonObject();
        assertEquals("accuracy", acc.get("metric").getAsString());
        assertEquals(2.0 / 4, acc.get("score").getAsDouble(), 0.0); // rows 1 and 2 are right, by definition
        JsonObject top = JsonParser.parseString(CliRun.of("score", "--y-true", t.toString(), "--y-pred", s.toString(),
                "--metric", "top-k-accuracy", "--k", "2", "--normalize", "false", "--format", "json").out)
                .getAsJsonObject();
        assertEquals(4.0, top.get("score").getAsDouble(), 0.0); // row 3: truth 2 has the second-highest score
        CliRun text = CliRun.of("score", "--y-true", t.toString(), "--y-pred", s.toString(), "--metric", "mcc");
        assertEquals(0, text.exit, text.toString());
        assertTrue(text.out.startsWith("mcc = "), text.out);
    }

    /** A directory of masks is scored from its confusion state exactly as the same pixels given as labels. */
    @Test
    void masksGiveTheReportAndScoresOfTheirPixels() throws IOException {
        byte[][] truth = {{0, 1, 1, 2, 0, 0}, {2, 2, 1, 0, 0, 3}};
        byte[][] pred = {{0, 1, 2, 2, 0, 1}, {2, 1, 1, 0, 3, 3}};
        Path td = Files.createDirectories(dir.resolve("truth"));
        Path pd = Files.createDirectories(dir.resolve("pred"));
        List<String> tl = new ArrayList<>();
        List<String> pl = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            io.jaccard4j.io.Npy.write(td.resolve("m" + i + ".npy"), io.jaccard4j.io.NpyArray.ofUint8(truth[i], 2, 3));
            io.jaccard4j.io.Npy.write(pd.resolve("m" + i + ".npy"), io.jaccard4j.io.NpyArray.ofUint8(pred[i], 2, 3));
            for (int k = 0; k < truth[i].length; k++) {
                tl.add(Integer.toString(truth[i][k]));
                pl.add(Integer.toString(pred[i][k]));
            }
        }
        Path t = dir.resolve("pixels_t.csv");
        Path p = dir.resolve("pixels_p.csv");
        Files.write(t, tl);
        Files.write(p, pl);
        for (List<String> extra : List.of(List.of("--report"), List.of("--report", "--format", "json"),
                List.of("--metric", "mcc"), List.of("--metric", "cohen-kappa", "--kappa-weights", "linear"),
                List.of("--metric", "balanced-accuracy", "--adjusted"))) {
            List<String> onMasks = new ArrayList<>(List.of("score", "--y-true", td.toString(), "--y-pred", pd.toString()));
            List<String> onLabels = new ArrayList<>(List.of("score", "--y-true", t.toString(), "--y-pred", p.toString()));
            onMasks.addAll(extra);
            onLabels.addAll(extra);
            CliRun a = CliRun.of(onMasks.toArray(new String[0]));
            CliRun b = CliRun.of(onLabels.toArray(new String[0]));
            assertEquals(0, a.exit, a.toString());
            assertEquals(b.out, a.out, String.join(" ", extra));
        }
        assertError(CliRun.of("score", "--y-true", td.toString(), "--y-pred", pd.toString(), "--metric",
                "top-k-accuracy"), "--metric top-k-accuracy needs a score matrix in --y-pred, not masks");
    }

    private static void assertError(CliRun run, String message) {
        assertEquals(2, run.exit, run.toString());
        assertTrue(run.out.isBlank(), run.toString());
        assertTrue(run.err.contains(message), run.toString());
        assertEquals(1, run.err.lines().count(), run.toString());
    }
}
