package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.PngMask;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    private static JsonObject json(CliRun run) {
        return run.json();
    }

    private static void assertCleanError(CliRun run, String... fragments) {
        InputRulesTest.assertOneError(run, fragments);
    }

    @Test
    void scoresTheShippedExampleLikeTheLibrary() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path t = root.resolve("examples/multiclass/y_true.csv");
        Path p = root.resolve("examples/multiclass/y_pred.csv");
        JsonObject o = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--average", "macro",
                "--format", "json"));
        assertEquals("jaccard", o.get("metric").getAsString());
        assertEquals("macro", o.get("average").getAsString());
        double expected = Scorer.score(LabelVector.parse(Files.readAllLines(t).toArray(new String[0])),
                LabelVector.parse(Files.readAllLines(p).toArray(new String[0])), null,
                ScoreOptions.builder().average(Average.MACRO).build()).score();
        assertEquals(expected, o.get("score").getAsDouble(), 0.0);
        CliRun text = CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--average", "macro");
        assertEquals(0, text.exit);
        assertTrue(text.out.contains("jaccard (average=macro) = " + expected), text.out);
        assertTrue(text.out.contains("background"), text.out);
    }

    @Test
    void averageNonePrintsAnArrayWithItsLabels() throws IOException {
        Path t = write("t.csv", "a", "b", "c", "a");
        Path p = write("p.csv", "a", "c", "c", "b");
        JsonObject o = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--average", "none",
                "--format", "json"));
        JsonArray labels = o.getAsJsonArray("labels");
        JsonArray scores = o.getAsJsonArray("score");
        assertEquals(3, labels.size());
        assertEquals(3, scores.size());
        assertEquals("a", labels.get(0).getAsString());
        assertEquals(0.5, scores.get(0).getAsDouble(), 0.0); // a: tp 1, fn 1
    }

    @Test
    void missingFileFailsCleanly() {
        assertCleanError(CliRun.of("score", "--y-true", dir.resolve("nope.csv").toString(), "--y-pred",
                dir.resolve("nope2.csv").toString()), "nope.csv");
    }

    @Test
    void raggedRowNamesItsLine() throws IOException {
        Path t = write("t.csv", "1,0,1", "0,1,1", "# comment", "1,1");
        Path p = write("p.csv", "1,0,1", "0,1,1", "1,1,0");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--average", "micro"),
                "line 4", "expected 3 fields, found 2");
    }

    @Test
    void shapeMismatchFails() throws IOException {
        Path t = write("t.csv", "1", "0", "1");
        Path p = write("p.csv", "1", "0");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString()),
                "shape mismatch", "(3,)", "(2,)");
    }

    @Test
    void nanScoreFails() throws IOException {
        Path t = write("t.npy");
        Npy.write(t, NpyArray.of(new long[] {1, 0, 1}, 3));
        Path p = dir.resolve("p.npy");
        Npy.write(p, NpyArray.of(new double[] {0.9, Double.NaN, 0.2}, 3));
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString()), "NaN");
    }

    @Test
    void unknownOptionValuesFail() throws IOException {
        Path t = write("t.csv", "1", "0");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--average", "mean"),
                "average must be one of");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--zero-division", "2"),
                "zero_division");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--metric", "iou2"),
                "metric");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--format", "xml"),
                "--format");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--bogus"),
                "--bogus");
    }

    @Test
    void averageThatDoesNotFitTheTargetFails() throws IOException {
        Path t = write("t.csv", "0", "1", "2");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString()),
                "Target is multiclass but average='binary'");
        assertCleanError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--average", "samples"),
                "Samplewise metrics are not available");
    }

    @Test
    void illDefinedWarningGoesToStderr() throws IOException {
        Path t = write("t.csv", "0", "0");
        CliRun run = CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--format", "json");
        JsonObject o = json(run);
        assertEquals(0.0, o.get("score").getAsDouble(), 0.0);
        assertTrue(run.err.contains("Jaccard is ill-defined"), run.err);
        // scikit-learn 1.9.1's jaccard_score rejects zero_division=nan; f1 / precision / recall accept it
        JsonObject nan = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--format", "json",
                "--metric", "f1", "--zero-division", "nan"));
        assertTrue(nan.get("score").isJsonNull(), "NaN is written as null: " + nan);
    }

    @Test
    void thresholdsScoresAndArgmaxesScoreMatrices() throws IOException {
        Path t = dir.resolve("t.npy");
        Npy.write(t, NpyArray.of(new long[] {1, 0, 1, 1}, 4));
        Path s = dir.resolve("s.npy");
        Npy.write(s, NpyArray.of(new double[] {0.7, 0.6, 0.2, 0.9}, 4));
        assertEquals(2.0 / 4, json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", s.toString(),
                "--format", "json")).get("score").getAsDouble(), 0.0);
        assertEquals(2.0 / 3, json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", s.toString(),
                "--threshold", "0.65", "--format", "json")).get("score").getAsDouble(), 0.0);
        Path m = dir.resolve("m.npy"); // argmax: 0, 2, 1, 1 against truth 1, 0, 1, 1 → micro = accuracy-like
        Npy.write(m, NpyArray.of(new float[] {.9f, .1f, 0f, .1f, .2f, .7f, 0f, 1f, 0f, .3f, .4f, .3f}, 4, 3));
        JsonObject o = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", m.toString(), "--average", "micro",
                "--metric", "precision", "--format", "json"));
        assertEquals(0.5, o.get("score").getAsDouble(), 0.0);
    }

    @Test
    void maskDirectoriesMatchInMemorySegmentationScores() throws IOException {
        Path tdir = Files.createDirectory(dir.resolve("true"));
        Path pdir = Files.createDirectory(dir.resolve("pred"));
        Random r = new Random(3);
        SegmentationIoU expected = SegmentationIoU.withIgnoreIndex(4, 255);
        for (int k = 0; k < 5; k++) {
            byte[] tm = new byte[12 * 10];
            byte[] pm = new byte[12 * 10];
            for (int i = 0; i < tm.length; i++) {
                tm[i] = (byte) (r.nextInt(10) == 0 ? 255 : r.nextInt(4));
                pm[i] = (byte) r.nextInt(4);
            }
            PngMask.writePalette(tdir.resolve("img" + k + ".png"), NpyArray.ofUint8(tm, 12, 10));
            Npy.write(pdir.resolve("img" + k + ".npy"), NpyArray.ofUint8(pm, 12, 10));
            expected.update(tm, pm);
        }
        JsonObject o = json(CliRun.of("score", "--y-true", tdir.toString(), "--y-pred", pdir.toString(), "--average",
                "macro", "--ignore-index", "255", "--format", "json"));
        assertEquals(expected.datasetMeanIoU(), o.get("score").getAsDouble(), 1e-15);
        JsonObject per = json(CliRun.of("score", "--y-true", tdir.toString(), "--y-pred", pdir.toString(),
                "--per-image", "--ignore-index", "255", "--format", "json"));
        assertEquals(expected.perImageMeanIoU(), per.get("score").getAsDouble(), 1e-15);
        assertEquals(5, per.get("images").getAsInt());
        Files.delete(pdir.resolve("img3.npy"));
        assertCleanError(CliRun.of("score", "--y-true", tdir.toString(), "--y-pred", pdir.toString(), "--average",
                "macro"), "img3");
    }

    /**
     * Integer NPY masks of every type the fast counting path reads (uint8, bool, int16, uint16, int32) score exactly
     * as the same labels stored as int64, which go through the general label path.
     */
    @Test
    void fastIntegerPathsScoreAsTheGeneralPath() throws IOException {
        Random r = new Random(4);
        int n = 40_000;
        long[] tl = new long[n];
        long[] pl = new long[n];
        for (int i = 0; i < n; i++) {
            tl[i] = i % 11 == 0 ? 255 : 3 + r.nextInt(6);
            pl[i] = r.nextInt(4) == 0 ? 3 + r.nextInt(7) : tl[i] == 255 ? 4 : tl[i];
        }
        Path t64 = dir.resolve("t64.npy");
        Path p64 = dir.resolve("p64.npy");
        Npy.write(t64, NpyArray.of(tl, 8, n / 8));
        Npy.write(p64, NpyArray.of(pl, 8, n / 8));
        byte[] tb = new byte[n];
        byte[] pb = new byte[n];
        short[] ts = new short[n];
        short[] ps = new short[n];
        int[] ti = new int[n];
        int[] pi = new int[n];
        for (int i = 0; i < n; i++) {
            tb[i] = (byte) tl[i];
            pb[i] = (byte) pl[i];
            ts[i] = (short) tl[i];
            ps[i] = (short) pl[i];
            ti[i] = (int) tl[i];
            pi[i] = (int) pl[i];
        }
        NpyArray[][] inputs = {
            {NpyArray.ofUint8(tb, 8, n / 8), NpyArray.ofUint8(pb, 8, n / 8)},
            {NpyArray.ofUint16(ts, 8, n / 8), NpyArray.ofUint16(ps, 8, n / 8)},
            {NpyArray.of(io.jaccard4j.io.NpyDtype.INT16, ts, 8, n / 8),
                NpyArray.of(io.jaccard4j.io.NpyDtype.INT16, ps, 8, n / 8)},
            {NpyArray.of(ti, 8, n / 8), NpyArray.of(pi, 8, n / 8)}};
        String[][] flags = {{"--average", "macro"}, {"--average", "none"}, {"--average", "weighted", "--metric", "f1"},
            {"--average", "micro", "--ignore-index", "255"}, {"--average", "macro", "--ignore-index", "255"},
            {"--average", "macro", "--labels", "3,4,9,300"}};
        for (String[] f : flags) {
            String want = json(CliRun.of(cat(new String[] {"score", "--y-true", t64.toString(), "--y-pred",
                p64.toString(), "--format", "json"}, f))).toString();
            for (NpyArray[] in : inputs) {
                Path t = dir.resolve("t.npy");
                Path p = dir.resolve("p.npy");
                Npy.write(t, in[0]);
                Npy.write(p, in[1]);
                String got = json(CliRun.of(cat(new String[] {"score", "--y-true", t.toString(), "--y-pred",
                    p.toString(), "--format", "json"}, f))).toString();
                assertEquals(want, got, in[0].dtype() + " " + String.join(" ", f));
            }
        }
        boolean[] tz = new boolean[n];
        boolean[] pz = new boolean[n];
        long[] tzl = new long[n];
        long[] pzl = new long[n];
        for (int i = 0; i < n; i++) {
            tz[i] = r.nextBoolean();
            pz[i] = r.nextInt(3) == 0 ? !tz[i] : tz[i];
            tzl[i] = tz[i] ? 1 : 0;
            pzl[i] = pz[i] ? 1 : 0;
        }
        Npy.write(t64, NpyArray.of(tzl, n));
        Npy.write(p64, NpyArray.of(pzl, n));
        Path tb1 = dir.resolve("tb.npy");
        Path pb1 = dir.resolve("pb.npy");
        Npy.write(tb1, NpyArray.ofBool(tz, n));
        Npy.write(pb1, NpyArray.ofBool(pz, n));
        assertEquals(json(CliRun.of("score", "--y-true", t64.toString(), "--y-pred", p64.toString(), "--format", "json")),
                json(CliRun.of("score", "--y-true", tb1.toString(), "--y-pred", pb1.toString(), "--format", "json")));
    }

    private static String[] cat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
