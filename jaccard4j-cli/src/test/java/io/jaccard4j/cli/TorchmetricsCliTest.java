package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jaccard4j score --semantics torchmetrics} against the real torchmetrics 1.9.0 cases (core's test resources
 * {@code reference/torchmetrics-1.9.0.json} and {@code torchmetrics-extra.json}; provenance in tools/README.md):
 * a sample of the cases is written to NPY files and replayed through the command with the flags that spell the
 * metric's arguments; every error case must exit 2 with one message. Bad flag combinations exit 2 with one line.
 */
class TorchmetricsCliTest {
    private static final Path RESOURCES = Path.of("..").toAbsolutePath().normalize()
            .resolve("jaccard4j-core/src/test/resources/reference");

    @TempDir
    Path dir;

    private static JsonObject load(String name) throws IOException {
        try (Reader r = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    @TestFactory
    List<DynamicTest> replaysASampleOfTheCasesThroughTheCommand() throws IOException {
        List<JsonObject> sample = new ArrayList<>();
        for (String file : List.of("torchmetrics-1.9.0.json", "torchmetrics-extra.json")) {
            JsonObject doc = load(file);
            JsonArray cls = doc.getAsJsonArray("classification_cases");
            for (int i = 0; i < cls.size(); i++) {
                JsonObject c = cls.get(i).getAsJsonObject();
                if (i % 4 == 0 || !c.get("error").isJsonNull()) {
                    sample.add(c);
                }
            }
            int k = 0;
            for (JsonElement e : doc.getAsJsonArray("segmentation_cases")) {
                JsonObject c = e.getAsJsonObject();
                String m = c.get("metric").getAsString();
                if ((m.equals("MeanIoU") || m.equals("DiceScore")) && k++ % 3 == 0) {
                    sample.add(c);
                }
            }
        }
        assertTrue(sample.size() > 80, "sample size " + sample.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonObject c : sample) {
            tests.add(DynamicTest.dynamicTest(c.get("id").getAsString() + " " + c.get("metric").getAsString(),
                    () -> replay(c)));
        }
        return tests;
    }

    private void replay(JsonObject c) throws IOException {
        String id = c.get("id").getAsString();
        Path t = dir.resolve(id + "-target.npy");
        Path p = dir.resolve(id + "-preds.npy");
        Npy.write(t, array(c.getAsJsonObject("target")));
        Npy.write(p, array(c.getAsJsonObject("preds")));
        List<String> args = new ArrayList<>(List.of("score", "--y-true", t.toString(), "--y-pred", p.toString(),
                "--semantics", "torchmetrics", "--format", "json"));
        args.addAll(flags(c));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        if (!c.get("error").isJsonNull()) {
            InputRulesTest.assertOneError(run);
            return;
        }
        assertEquals(0, run.exit, id + ": " + run);
        JsonObject got = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        assertEquals("torchmetrics", got.get("semantics").getAsString());
        JsonElement expected = c.getAsJsonObject("result").get("value");
        JsonElement score = got.get("score");
        if (expected.isJsonArray()) {
            JsonArray ea = expected.getAsJsonArray();
            assertEquals(ea.size(), score.getAsJsonArray().size(), id);
            for (int i = 0; i < ea.size(); i++) {
                close(ea.get(i), score.getAsJsonArray().get(i), id + "[" + i + "]");
            }
        } else {
            close(expected, score, id);
        }
    }

    /** The command-line spelling of a case's constructor arguments. */
    private static List<String> flags(JsonObject c) {
        JsonObject kw = c.getAsJsonObject("kwargs");
        String metric = c.get("metric").getAsString();
        List<String> f = new ArrayList<>();
        if (c.has("task")) {
            f.addAll(List.of("--metric", metric.endsWith("F1Score") ? "f1" : "jaccard", "--task",
                    c.get("task").getAsString()));
        } else if (metric.equals("DiceScore")) {
            f.addAll(List.of("--metric", "dice"));
        } else {
            f.add("--per-image");
        }
        for (String k : kw.keySet()) {
            JsonElement v = kw.get(k);
            switch (k) {
                case "num_classes": case "num_labels":
                    f.addAll(List.of("--num-classes", v.getAsString()));
                    break;
                case "per_class":
                    if (v.getAsBoolean()) {
                        f.add("--per-class");
                    }
                    break;
                default:
                    f.addAll(List.of("--" + k.replace('_', '-'), v.getAsString()));
            }
        }
        return f;
    }

    private static NpyArray array(JsonObject tensor) {
        int[] shape = new int[tensor.getAsJsonArray("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.getAsJsonArray("shape").get(i).getAsInt();
        }
        List<Double> flat = new ArrayList<>();
        flatten(tensor.get("values"), flat);
        if (tensor.get("dtype").getAsString().startsWith("float")) {
            return NpyArray.of(flat.stream().mapToDouble(Double::doubleValue).toArray(), shape);
        }
        return NpyArray.of(flat.stream().mapToLong(Double::longValue).toArray(), shape);
    }

    private static void flatten(JsonElement e, List<Double> out) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                flatten(x, out);
            }
        } else {
            out.add(e.getAsDouble());
        }
    }

    private static void close(JsonElement expected, JsonElement actual, String what) {
        if (expected.getAsJsonPrimitive().isString()) {
            assertEquals("NaN", expected.getAsString(), what);
            assertTrue(actual.isJsonNull(), what + ": expected NaN (null), got " + actual);
            return;
        }
        double e = expected.getAsDouble();
        assertFalse(actual.isJsonNull(), what + ": expected " + e + ", got NaN");
        assertEquals(e, actual.getAsDouble(), 1e-6 * Math.max(Math.abs(e), 1e-300), what);
    }

    // ------------------------------------------------------------------ bad input

    private Path csv(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    private CliRun score(String... extra) throws IOException {
        Path t = csv("t.csv", "0", "1", "2", "1");
        Path p = csv("p.csv", "0", "2", "2", "1");
        List<String> args = new ArrayList<>(List.of("score", "--y-true", t.toString(), "--y-pred", p.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void rejectsBadOptionsWithOneMessage() throws IOException {
        InputRulesTest.assertOneError(score("--semantics", "pytorch"), "--semantics", "pytorch");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics"), "--task");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--task", "multiclass", "--average", "samples"),
                "--average", "samples");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--task", "multiclass", "--zero-division", "nan"),
                "--zero-division");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--task", "binary", "--threshold", "1.5"),
                "--threshold", "1.5");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--task", "binary"), "--y-true", "2");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--task", "multiclass", "--num-classes", "2"),
                "label 2", "0..1");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--task", "multiclass", "--metric", "precision"),
                "--metric");
        InputRulesTest.assertOneError(score("--num-classes", "3"), "--num-classes", "--semantics torchmetrics");
        InputRulesTest.assertOneError(score("--per-class"), "--per-class", "--semantics torchmetrics");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--task", "multiclass", "--per-class"), "--per-image");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--metric", "dice", "--aggregation-level", "pixel"),
                "--aggregation-level", "pixel");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--per-image", "--include-background", "maybe"),
                "--include-background", "maybe");
        InputRulesTest.assertOneError(score("--semantics", "torchmetrics", "--per-image", "--input-format", "rle"),
                "--input-format", "rle");
    }

    @Test
    void rejectsBadMasksWithOneMessage() throws IOException {
        Path t = dir.resolve("t.npy");
        Path p = dir.resolve("p.npy");
        Npy.write(t, NpyArray.of(new long[] {0, 1, 2, 1, 0, 0}, 1, 2, 3));
        Npy.write(p, NpyArray.of(new long[] {0, 1, 3, 1, 0, 0}, 1, 2, 3));
        InputRulesTest.assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--semantics",
                "torchmetrics", "--per-image", "--num-classes", "3"), "class index 3", "--num-classes");
        // a one-hot array with two channels set at one pixel
        Npy.write(t, NpyArray.of(new long[] {1, 0, 0, 1, 0, 1}, 1, 2, 3));
        Npy.write(p, NpyArray.of(new long[] {1, 0, 1, 0, 1, 1}, 1, 2, 3));
        InputRulesTest.assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--semantics",
                "torchmetrics", "--metric", "dice", "--input-format", "one-hot"), "not one-hot");
    }

    /** Two directories of PNG masks score as the same masks stacked in one (N, H, W) array. */
    @Test
    void directoriesOfMasksScoreAsTheStackedArray() throws IOException {
        java.util.Random rnd = new java.util.Random(3);
        int n = 3;
        int h = 6;
        int w = 5;
        Path td = Files.createDirectories(dir.resolve("truth"));
        Path pd = Files.createDirectories(dir.resolve("pred"));
        long[] ta = new long[n * h * w];
        long[] pa = new long[n * h * w];
        for (int k = 0; k < n; k++) {
            byte[] tm = new byte[h * w];
            byte[] pm = new byte[h * w];
            for (int i = 0; i < h * w; i++) {
                tm[i] = (byte) rnd.nextInt(k == 0 ? 2 : 4);
                pm[i] = (byte) rnd.nextInt(3);
                ta[k * h * w + i] = tm[i];
                pa[k * h * w + i] = pm[i];
            }
            io.jaccard4j.io.PngMask.write(td.resolve("m" + k + ".png"), NpyArray.ofUint8(tm, h, w));
            io.jaccard4j.io.PngMask.write(pd.resolve("m" + k + ".png"), NpyArray.ofUint8(pm, h, w));
        }
        Path t = dir.resolve("t.npy");
        Path p = dir.resolve("p.npy");
        Npy.write(t, NpyArray.of(ta, n, h, w));
        Npy.write(p, NpyArray.of(pa, n, h, w));
        for (List<String> flags : List.of(List.of("--per-image"), List.of("--per-image", "--per-class",
                "--include-background", "false"), List.of("--metric", "dice", "--average", "weighted"),
                List.of("--metric", "dice", "--aggregation-level", "global", "--average", "none",
                        "--num-classes", "5"))) {
            List<String> a = new ArrayList<>(List.of("score", "--semantics", "torchmetrics", "--format", "json"));
            a.addAll(flags);
            List<String> fromDirs = new ArrayList<>(a);
            fromDirs.addAll(List.of("--y-true", td.toString(), "--y-pred", pd.toString()));
            List<String> fromArrays = new ArrayList<>(a);
            fromArrays.addAll(List.of("--y-true", t.toString(), "--y-pred", p.toString()));
            CliRun d = CliRun.of(fromDirs.toArray(new String[0]));
            CliRun r = CliRun.of(fromArrays.toArray(new String[0]));
            assertEquals(0, d.exit, d.toString());
            assertEquals(r.out, d.out, flags.toString());
        }
    }

    /** MeanIoU's and DiceScore's own options select them without --semantics torchmetrics. */
    @Test
    void segmentationOptionsSelectTheTorchmetricsMetric() throws IOException {
        Path t = dir.resolve("t.npy");
        Path p = dir.resolve("p.npy");
        Npy.write(t, NpyArray.of(new long[] {0, 1, 2, 1, 0, 0, 2, 2, 1, 0, 0, 0}, 2, 2, 3));
        Npy.write(p, NpyArray.of(new long[] {0, 1, 1, 1, 0, 2, 2, 0, 1, 0, 0, 1}, 2, 2, 3));
        for (List<String> flags : List.of(List.of("--per-image", "--per-class"),
                List.of("--per-image", "--include-background", "false"),
                List.of("--metric", "dice", "--aggregation-level", "global"))) {
            List<String> a = new ArrayList<>(List.of("score", "--y-true", t.toString(), "--y-pred", p.toString(),
                    "--format", "json"));
            a.addAll(flags);
            CliRun plain = CliRun.of(a.toArray(new String[0]));
            a.addAll(List.of("--semantics", "torchmetrics"));
            CliRun tm = CliRun.of(a.toArray(new String[0]));
            assertEquals(0, plain.exit, plain.toString());
            assertEquals(tm.out, plain.out, flags.toString());
        }
    }

    @Test
    void printsTextToo() throws IOException {
        CliRun run = score("--semantics", "torchmetrics", "--task", "multiclass", "--average", "none");
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.startsWith("jaccard = ["), run.out);
        assertTrue(run.out.contains("torchmetrics: MulticlassJaccardIndex"), run.out);
    }
}
