package io.jaccard4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.command.CommandErrors;
import io.jaccard4j.command.ScoreCommand;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.PngMask;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The parity matrix of issue 14: {@code jaccard4j score} (the local command, {@link ScoreCommand}) and
 * {@code jaccard4j-spark score --master local[2]} ({@link ScoreJob#run}) print byte-identical stdout and stderr
 * on every input kind, for every average that fits it, in both output formats; on bad input both exit with the
 * same status and one stderr line holding the same message (after each program's own name). The segmentation
 * metrics of issue 20 (hausdorff, boundary-iou, nsd, generalized-dice, assd with a bootstrap interval, ece) are
 * checked the same way; the boundary and distance metrics are also shown to run as Spark tasks (the per-image
 * states computed on the executors) with the same bytes, on NPY stacks and on mask directories, for any number of
 * partitions, and to fail on bad input with the same message.
 */
class ScoreParityTest {
    @TempDir
    static Path dir;

    static Path t;
    static Path p;
    static Path ts;
    static Path ps;
    static Path bt;
    static Path scores;
    static Path nt;
    static Path matrix;
    static Path w;
    static Path mt;
    static Path mp;
    static Path masksT;
    static Path masksP;
    static Path broken;
    static Path segT;
    static Path segP;
    static Path segLabels;
    static Path segProbs;

    @BeforeAll
    static void inputs() throws IOException {
        Random r = new Random(41);
        int n = 400;
        List<String> tl = new ArrayList<>();
        List<String> pl = new ArrayList<>();
        List<String> tsl = new ArrayList<>();
        List<String> psl = new ArrayList<>();
        List<String> btl = new ArrayList<>();
        List<String> sl = new ArrayList<>();
        List<String> wl = new ArrayList<>();
        List<String> mtl = new ArrayList<>();
        List<String> mpl = new ArrayList<>();
        String[] names = {"cat", "dog", "eel", "fox"};
        long[] ntv = new long[n];
        double[] m = new double[n * 4];
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(4);
            int b = r.nextInt(3) == 0 ? r.nextInt(5) : a;
            tl.add(Integer.toString(a));
            pl.add(Integer.toString(b));
            tsl.add(names[a]);
            psl.add(names[b % 4]);
            int y = r.nextInt(2);
            btl.add(Integer.toString(y));
            sl.add(Double.toString(Math.min(1, Math.max(0, 0.35 * y + 0.65 * r.nextDouble()))));
            wl.add(r.nextInt(5) == 0 ? "0" : Double.toString(0.1 + r.nextDouble() * 2));
            StringBuilder x = new StringBuilder();
            StringBuilder z = new StringBuilder();
            for (int j = 0; j < 3; j++) {
                int v = r.nextInt(2);
                x.append(j == 0 ? "" : ",").append(v);
                z.append(j == 0 ? "" : ",").append(r.nextInt(4) == 0 ? 1 - v : v);
            }
            mtl.add(x.toString());
            mpl.add(z.toString());
            ntv[i] = a;
            for (int k = 0; k < 4; k++) {
                m[i * 4 + k] = r.nextDouble() + (k == a && r.nextBoolean() ? 0.7 : 0);
            }
        }
        t = write("t.csv", tl);
        p = write("p.csv", pl);
        ts = write("ts.csv", tsl);
        ps = write("ps.csv", psl);
        bt = write("bt.csv", btl);
        scores = write("scores.csv", sl);
        w = write("w.csv", wl);
        mt = write("mt.csv", mtl);
        mp = write("mp.csv", mpl);
        nt = dir.resolve("nt.npy");
        Npy.write(nt, NpyArray.of(ntv, n));
        matrix = dir.resolve("matrix.npy");
        Npy.write(matrix, NpyArray.of(m, n, 4));
        masksT = dir.resolve("masks-t");
        masksP = dir.resolve("masks-p");
        Files.createDirectories(masksT);
        Files.createDirectories(masksP);
        for (int k = 0; k < 7; k++) {
            int side = 24 + k;
            byte[] a = new byte[side * side];
            byte[] b = new byte[side * side];
            for (int i = 0; i < a.length; i++) {
                int c = (i / side) < side / 2 ? k % 3 : 3 + k % 2;
                a[i] = (byte) (r.nextInt(15) == 0 ? 255 : c);
                b[i] = (byte) (r.nextInt(6) == 0 ? r.nextInt(5) : c);
            }
            PngMask.write(masksT.resolve("m" + k + ".png"), NpyArray.ofUint8(a, side, side));
            PngMask.write(masksP.resolve("m" + k + ".png"), NpyArray.ofUint8(b, side, side));
        }
        broken = dir.resolve("broken-p");
        Files.createDirectories(broken);
        for (int k = 0; k < 7; k++) {
            Files.copy(masksP.resolve("m" + k + ".png"), broken.resolve("m" + k + ".png"));
        }
        Files.write(broken.resolve("m5.png"), new byte[] {1, 2, 3, 4});
        segmentationInputs(r);
    }

    /** Mask stacks (N, H, W) with square objects, a noisy prediction, and probabilities (N, C) for ece. */
    static void segmentationInputs(Random r) throws IOException {
        int n = 4;
        int h = 20;
        int w = 18;
        int[] t = new int[n * h * w];
        int[] p = new int[n * h * w];
        for (int b = 0; b < n; b++) {
            for (int k = 1; k <= 2; k++) {
                int y0 = r.nextInt(h - 6);
                int x0 = r.nextInt(w - 6);
                int dy = 1 - r.nextInt(3);
                int dx = 1 - r.nextInt(3);
                for (int y = 0; y < 6; y++) {
                    for (int x = 0; x < 6; x++) {
                        t[(b * h + y0 + y) * w + x0 + x] = k;
                        int py = Math.min(h - 1, Math.max(0, y0 + y + dy));
                        int px = Math.min(w - 1, Math.max(0, x0 + x + dx));
                        p[(b * h + py) * w + px] = k;
                    }
                }
            }
        }
        segT = dir.resolve("seg_t.npy");
        segP = dir.resolve("seg_p.npy");
        Npy.write(segT, NpyArray.of(t, n, h, w));
        Npy.write(segP, NpyArray.of(p, n, h, w));
        int m = 120;
        long[] labels = new long[m];
        double[] probs = new double[m * 3];
        for (int i = 0; i < m; i++) {
            labels[i] = r.nextInt(3);
            double a = r.nextDouble();
            double b = r.nextDouble() * (1 - a);
            probs[i * 3] = a;
            probs[i * 3 + 1] = b;
            probs[i * 3 + 2] = 1 - a - b;
        }
        segLabels = dir.resolve("seg_labels.npy");
        segProbs = dir.resolve("seg_probs.npy");
        Npy.write(segLabels, NpyArray.of(labels, m));
        Npy.write(segProbs, NpyArray.of(probs, m, 3));
    }

    static Path write(String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, lines);
        return f;
    }

    /** Exit status, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
    }

    static Run local(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = CommandErrors.install(new CommandLine(new ScoreCommand()), "jaccard4j", new PrintWriter(o),
                new PrintWriter(e));
        int code = cl.execute(args);
        return new Run(code, o.toString(), e.toString());
    }

    static Run spark(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "score";
        all[1] = "--master";
        all[2] = "local[2]";
        System.arraycopy(args, 0, all, 3, args.length);
        int code = ScoreJob.run(all, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    static String[] args(Object... parts) {
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].toString();
        }
        return out;
    }

    static String[] with(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Both commands agree byte for byte, for each average and in JSON (every digit), and the first also in text. */
    static void parity(String[] base, String... averages) {
        boolean text = true;
        for (String average : averages) {
            String[] a = with(base, "--average", average, "--format", "json");
            assertSame(a);
            if (text) {
                assertSame(with(base, "--average", average));
                text = false;
            }
        }
    }

    static Run assertSame(String... a) {
        Run l = local(a);
        Run s = spark(a);
        String what = String.join(" ", a);
        if (l.code() == 0) {
            assertEquals(l, s, what);
            return l;
        }
        assertEquals(l.code(), s.code(), what + "\n" + l + "\n" + s);
        assertEquals(1, s.err().lines().count(), "one stderr line: " + s.err());
        // the same message; only a usage hint names each program
        assertEquals(message(l.err()), message(s.err()).replace(ScoreJob.PROGRAM + " --help", "jaccard4j --help"),
                what);
        assertTrue(s.err().startsWith(ScoreJob.PROGRAM + " score: error: "), s.err());
        return l;
    }

    static String message(String err) {
        int k = err.indexOf("error: ");
        return k < 0 ? err : err.substring(k);
    }

    @Test
    void integerLabels() {
        parity(args("--y-true", t, "--y-pred", p), "micro", "macro", "weighted", "none");
        assertEquals(2, assertSame(args("--y-true", t, "--y-pred", p)).code(), "binary on a multiclass target");
        parity(args("--y-true", t, "--y-pred", p, "--labels", "3,1,7", "--zero-division", "1"), "macro", "none");
        parity(args("--y-true", t, "--y-pred", p, "--ignore-index", "0", "--metric", "f1"), "micro", "macro");
        assertSame(args("--y-true", t, "--y-pred", p, "--metric", "accuracy", "--format", "json"));
    }

    @Test
    void stringLabels() {
        parity(args("--y-true", ts, "--y-pred", ps), "micro", "macro", "weighted", "none");
        parity(args("--y-true", ts, "--y-pred", ps, "--metric", "precision", "--pos-label", "dog", "--labels",
                "dog,cat"), "macro", "none");
    }

    @Test
    void floatScoresWithAThreshold() {
        parity(args("--y-true", bt, "--y-pred", scores, "--threshold", "0.3"), "binary", "micro", "macro",
                "weighted", "none");
        parity(args("--y-true", bt, "--y-pred", scores), "binary", "macro");
    }

    @Test
    void scoreMatrixArgMax() {
        parity(args("--y-true", nt, "--y-pred", matrix), "micro", "macro", "weighted", "none");
        assertEquals(2, assertSame(args("--y-true", nt, "--y-pred", matrix, "--threshold", "0.3", "--average",
                "macro")).code());
    }

    @Test
    void sampleWeightsWithZeros() {
        parity(args("--y-true", t, "--y-pred", p, "--sample-weight", w), "micro", "macro", "weighted", "none");
        parity(args("--y-true", ts, "--y-pred", ps, "--sample-weight", w, "--metric", "recall"), "macro", "weighted");
    }

    @Test
    void multilabelCsv() {
        parity(args("--y-true", mt, "--y-pred", mp), "micro", "macro", "weighted", "samples", "none");
        parity(args("--y-true", mt, "--y-pred", mp, "--sample-weight", w), "micro", "samples");
    }

    @Test
    void maskDirectoriesWithAnIgnoreIndex() {
        parity(args("--y-true", masksT, "--y-pred", masksP, "--ignore-index", "255"), "micro", "macro", "weighted",
                "none");
    }

    @Test
    void maskDirectoriesPerImage() {
        parity(args("--y-true", masksT, "--y-pred", masksP, "--ignore-index", "255", "--per-image"), "macro");
        parity(args("--y-true", masksT, "--y-pred", masksP, "--per-image"), "macro");
        assertSame(args("--y-true", masksT, "--y-pred", masksP, "--semantics", "torchmetrics", "--per-image",
                "--format", "json"));
    }

    @Test
    void segmentationMetricsThroughTheEngine() throws IOException {
        for (String[] metric : List.of(args("--metric", "hausdorff", "--percentile", "95"),
                args("--metric", "boundary-iou"), args("--metric", "nsd", "--tolerance", "1.5"),
                args("--metric", "generalized-dice", "--weight-type", "simple"),
                args("--metric", "assd", "--ci", "0.9", "--bootstrap", "200", "--seed", "3"))) {
            String[] base = with(args("--y-true", segT, "--y-pred", segP), metric);
            assertEquals(0, assertSame(with(base, "--format", "json")).code(), String.join(" ", base));
            assertSame(base);
        }
        assertEquals(0, assertSame(args("--y-true", segLabels, "--metric", "ece", "--probs", segProbs, "--bins", "10",
                "--format", "json")).code());
        assertEquals(2, assertSame(args("--y-true", segT, "--y-pred", segP, "--metric", "nsd")).code(),
                "nsd needs a tolerance");
        assertEquals(2, assertSame(args("--y-true", segT, "--y-pred", segP, "--metric", "hausdorff", "--spacing",
                "1,0")).code(), "bad spacing");
        Run table = spark(args("--input", dir.resolve("t.csv"), "--metric", "hausdorff"));
        assertEquals(2, table.code(), table.toString());
        assertTrue(table.err().contains("not from --input tables"), table.err());
    }

    @Test
    void labelVectorIntervalsAreTheSameBytesForAnyPartitioning() {
        List<String[]> cases = List.of(
                args("--y-true", t, "--y-pred", p, "--metric", "jaccard", "--average", "macro"),
                args("--y-true", t, "--y-pred", p, "--sample-weight", w, "--metric", "f1", "--average", "weighted",
                        "--ignore-index", "0", "--labels", "3,1,7", "--zero-division", "1"),
                args("--y-true", ts, "--y-pred", ps, "--metric", "precision", "--average", "micro"),
                args("--y-true", bt, "--y-pred", scores, "--threshold", "0.3", "--metric", "recall"),
                args("--y-true", nt, "--y-pred", matrix, "--average", "macro"),
                args("--y-true", mt, "--y-pred", mp, "--sample-weight", w, "--average", "samples"),
                args("--y-true", mt, "--y-pred", mp, "--metric", "f1", "--average", "macro"),
                args("--y-true", t, "--y-pred", p, "--sample-weight", w, "--metric", "mcc"),
                args("--y-true", ts, "--y-pred", ps, "--metric", "cohen-kappa", "--kappa-weights", "linear"),
                args("--y-true", mt, "--y-pred", mp, "--metric", "accuracy"));
        for (String[] c : cases) {
            String[] base = with(c, "--ci", "0.9", "--bootstrap", "150", "--seed", "11");
            Run text = assertSame(base);
            assertEquals(0, text.code(), String.join(" ", base) + "\n" + text);
            assertTrue(text.out().contains("ci: ["), text.out());
            String[] json = with(base, "--format", "json");
            Run l = local(json);
            assertTrue(l.out().contains("\"ci\": ["), l.out());
            for (String parts : List.of("1", "3", "7", "150")) {
                assertEquals(l, spark(with(json, "--partitions", parts)), parts + " partitions: " + String.join(" ",
                        json));
            }
        }
        // the resamples are computed on the executors: local[2] gives two slices, one task each
        assertEquals(2, sparkTasks(with(cases.get(0), "--ci", "0.9", "--bootstrap", "50", "--format", "json")));
    }

    @Test
    void labelVectorIntervalsRejectBadInputAlike() throws IOException {
        Path nan = write("nan.csv", List.of("1", "nan", "0"));
        Path two = write("two.csv", List.of("1", "0"));
        List<String[]> cases = List.of(
                args("--y-true", t, "--y-pred", p, "--average", "none", "--ci", "0.9"),
                args("--y-true", t, "--y-pred", p, "--average", "macro", "--ci", "0.9", "--bootstrap", "2000000"),
                args("--y-true", t, "--y-pred", p, "--average", "macro", "--ci", "1.5"),
                args("--y-true", t, "--y-pred", p, "--report", "--ci", "0.9"),
                args("--y-true", nt, "--y-pred", matrix, "--metric", "top-k-accuracy", "--ci", "0.9"),
                args("--y-true", nan, "--y-pred", nan, "--average", "none", "--ci", "0.9"),
                args("--y-true", t, "--y-pred", two, "--average", "macro", "--ci", "0.9"));
        for (String[] c : cases) {
            assertEquals(2, assertSame(c).code(), String.join(" ", c));
        }
    }

    /** Counts the Spark tasks that end in this JVM; installed in the jobs' sessions through spark.extraListeners. */
    public static final class TaskCount extends SparkListener {
        static final AtomicInteger TASKS = new AtomicInteger();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            TASKS.incrementAndGet();
        }
    }

    /** The number of Spark tasks that {@code spark(a)} ran (the listener bus is drained when the session stops). */
    static int sparkTasks(String... a) {
        System.setProperty("spark.extraListeners", TaskCount.class.getName());
        try {
            int before = TaskCount.TASKS.get();
            Run s = spark(a);
            assertEquals(local(a), s, String.join(" ", a));
            return TaskCount.TASKS.get() - before;
        } finally {
            System.clearProperty("spark.extraListeners");
        }
    }

    @Test
    void boundaryAndDistanceMetricsRunOnTheExecutors() throws IOException {
        List<String[]> metrics = List.of(args("--metric", "boundary-iou"),
                args("--metric", "boundary-f1", "--tolerance", "2"),
                args("--metric", "hausdorff", "--percentile", "95", "--distance", "taxicab"),
                args("--metric", "assd", "--ci", "0.9", "--bootstrap", "200", "--seed", "3"),
                args("--metric", "nsd", "--tolerance", "1.5", "--spacing", "0.5,2", "--ci", "0.8", "--bootstrap",
                        "100", "--seed", "5"));
        for (String[] metric : metrics) {
            for (String[] in : List.of(args("--y-true", segT, "--y-pred", segP),
                    args("--y-true", masksT, "--y-pred", masksP))) {
                String[] base = with(in, metric);
                assertEquals(0, assertSame(base).code(), String.join(" ", base));
                // local[2]: two slices, a job for the class count and one for the states
                assertEquals(4, sparkTasks(with(base, "--format", "json")), String.join(" ", base));
            }
        }
        // any number of slices gives the same bytes (7 mask pairs in 3 and in 7 partitions)
        for (String parts : List.of("3", "7")) {
            String[] base = args("--y-true", masksT, "--y-pred", masksP, "--metric", "hausdorff", "--format", "json");
            Run s = spark(with(base, "--partitions", parts));
            assertEquals(local(base), s, parts + " partitions");
        }
        // the rest stays on the driver: no Spark task
        assertEquals(0, sparkTasks("--y-true", segT.toString(), "--y-pred", segP.toString(), "--metric",
                "generalized-dice", "--format", "json"));
    }

    @Test
    void boundaryAndDistanceMetricsRejectBadInputAlike() throws IOException {
        Path shapesT = dir.resolve("shapes-t");
        Path shapesP = dir.resolve("shapes-p");
        Files.createDirectories(shapesT);
        Files.createDirectories(shapesP);
        Npy.write(shapesT.resolve("a.npy"), NpyArray.of(new int[6], 2, 3));
        Npy.write(shapesP.resolve("a.npy"), NpyArray.of(new int[6], 3, 2));
        Path negative = dir.resolve("negative.npy");
        Npy.write(negative, NpyArray.of(new int[] {0, 1, 1, 0, 0, -1, 1, 0}, 2, 2, 2));
        Path huge = dir.resolve("huge.npy");
        Npy.write(huge, NpyArray.of(new int[] {0, 1, 1, 0, 0, 5000, 1, 0}, 2, 2, 2));
        Path zeros = dir.resolve("zeros.npy");
        Npy.write(zeros, NpyArray.of(new int[8], 2, 2, 2));
        List<String[]> cases = List.of(
                args("--y-true", masksT, "--y-pred", broken, "--metric", "hausdorff"),
                args("--y-true", shapesT, "--y-pred", shapesP, "--metric", "boundary-iou"),
                args("--y-true", zeros, "--y-pred", negative, "--metric", "assd"),
                args("--y-true", huge, "--y-pred", zeros, "--metric", "nsd", "--tolerance", "1"),
                args("--y-true", masksT, "--y-pred", masksP, "--metric", "hausdorff", "--ignore-index", "255"),
                args("--y-true", masksT, "--y-pred", segP, "--metric", "hausdorff"),
                args("--y-true", segT, "--y-pred", segP, "--metric", "hausdorff", "--spacing", "1,2,3"));
        for (String[] c : cases) {
            assertEquals(2, assertSame(c).code(), String.join(" ", c));
        }
        Run unreadable = spark(args("--y-true", masksT, "--y-pred", broken, "--metric", "hausdorff"));
        assertTrue(unreadable.err().contains("m5.png"), "names the unreadable mask: " + unreadable.err());
        Run shapes = spark(args("--y-true", shapesT, "--y-pred", shapesP, "--metric", "boundary-iou"));
        assertTrue(shapes.err().contains("shape mismatch in pair a"), shapes.err());
    }

    @Test
    void badInputGivesTheSameStatusAndMessage() throws IOException {
        Path shorter = write("short.csv", List.of("1", "0"));
        List<String[]> cases = List.of(
                args("--y-true", dir.resolve("nope.csv"), "--y-pred", p),
                args("--y-true", t, "--y-pred", shorter),
                args("--y-true", t, "--y-pred", p, "--average", "bogus"),
                args("--y-true", t, "--y-pred", p, "--sample-weight", shorter, "--average", "macro"),
                args("--y-true", ts, "--y-pred", ps, "--ignore-index", "1", "--average", "macro"),
                args("--y-true", masksT, "--y-pred", p),
                args("--y-true", masksT, "--y-pred", broken, "--average", "macro"),
                args("--y-true", t, "--y-pred", p, "--bogus-flag"));
        for (String[] c : cases) {
            assertEquals(2, assertSame(c).code(), String.join(" ", c));
        }
        Run unreadable = spark(args("--y-true", masksT, "--y-pred", broken, "--average", "macro"));
        assertTrue(unreadable.err().contains("m5.png"), "names the unreadable mask: " + unreadable.err());
    }
}
