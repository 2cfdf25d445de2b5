package io.jaccard4j.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.CrossEntropyLoss;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TverskyLoss;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.segmentation.PackedMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Side-by-side comparison of jaccard4j with its peers on the same data: makes the data once (seeded, NPY files in
 * a temporary directory), times jaccard4j in-process (median of ≥ 5 runs after warm-up) and the peers in one
 * Python process ({@code peers/peers.py}: numpy, scikit-learn, PyTorch) on the same files, checks that the results
 * agree ({@link Agreement}; a mismatch fails the run with exit status 1), then prints a table of medians and
 * ratios and writes the same figures as JSON. A missing interpreter or package skips that peer (exit 0).
 *
 * <pre>
 *   java -cp jaccard4j-bench/target/benchmarks.jar io.jaccard4j.bench.Compare [--quick]
 *        [--only confusion,packed,jml,ce,djl,whole] [--threads 1,2] [--out BENCHMARKS-run.json]
 * </pre>
 * Run {@code --help} for every option.
 */
public final class Compare {
    static final List<String> GROUPS = List.of("confusion", "packed", "jml", "ce", "djl", "whole", "surface");
    /** The groups of a run without {@code --only}: all but {@code surface} (about 10 minutes of its own). */
    static final List<String> DEFAULT_GROUPS = List.of("confusion", "packed", "jml", "ce", "djl", "whole");
    static final int CLASSES = 21;

    private static final String NUMPY_WHOLE_PROCESS = String.join("\n",
            "import sys, json",
            "import numpy as np",
            "t = np.load(sys.argv[1]); p = np.load(sys.argv[2])",
            "C = int(max(t.max(), p.max())) + 1",
            "m = np.bincount(t.astype(np.int64) * C + p, minlength=C * C).reshape(C, C)",
            "tp = np.diag(m).astype(np.float64); support = m.sum(1); predicted = m.sum(0)",
            "present = (support + predicted) > 0",
            "j = tp[present] / (support + predicted - tp)[present]",
            "print(json.dumps({'metric': 'jaccard', 'average': 'macro', 'score': float(j.mean())}))");

    /** Command-line options. */
    static final class Options {
        boolean quick;
        Set<String> only = new LinkedHashSet<>(DEFAULT_GROUPS);
        int[] threads = {1, 2};
        Path out = Paths.get("BENCHMARKS-run.json");
        int runs = 5;
        int warmup = -1;
        long labels = -1;
        int[] shape;
        int sklearnLabels = 2_000_000;
        String python = "/usr/bin/python3";
        Path peers;
        Path repo;
        Path data;
        boolean keep;
        int surfaceImages = 100;
        int surfaceVolume = 256;
        int surfaceRuns = 3;
        int tmPairs = 4;
        String surfacePython = "/usr/bin/python3";
        String surfacePythonPath;
        Path surfacePeers;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick": o.quick = true; break;
                    case "--keep": o.keep = true; break;
                    case "--only": o.only = groups(value(args, ++i, a)); break;
                    case "--threads": o.threads = ints(value(args, ++i, a), a); break;
                    case "--out": o.out = Paths.get(value(args, ++i, a)); break;
                    case "--runs": o.runs = positive(value(args, ++i, a), a); break;
                    case "--warmup": o.warmup = Integer.parseInt(value(args, ++i, a)); break;
                    case "--labels": o.labels = (long) Double.parseDouble(value(args, ++i, a)); break;
                    case "--shape": o.shape = BenchData.parseShape(value(args, ++i, a)); break;
                    case "--sklearn-labels": o.sklearnLabels = (int) Double.parseDouble(value(args, ++i, a)); break;
                    case "--python": o.python = value(args, ++i, a); break;
                    case "--peers": o.peers = Paths.get(value(args, ++i, a)); break;
                    case "--repo": o.repo = Paths.get(value(args, ++i, a)); break;
                    case "--data": o.data = Paths.get(value(args, ++i, a)); break;
                    case "--surface-images": o.surfaceImages = positive(value(args, ++i, a), a); break;
                    case "--surface-volume": o.surfaceVolume = positive(value(args, ++i, a), a); break;
                    case "--surface-runs": o.surfaceRuns = positive(value(args, ++i, a), a); break;
                    case "--tm-pairs": o.tmPairs = positive(value(args, ++i, a), a); break;
                    case "--surface-python": o.surfacePython = value(args, ++i, a); break;
                    case "--surface-pythonpath": o.surfacePythonPath = value(args, ++i, a); break;
                    case "--surface-peers": o.surfacePeers = Paths.get(value(args, ++i, a)); break;
                    case "-h": case "--help": throw new Usage(null);
                    default: throw new Usage("unknown option '" + a + "'");
                }
            }
            if (o.warmup < 0) {
                o.warmup = o.quick ? 1 : 2;
            }
            if (o.labels < 0) {
                o.labels = o.quick ? 20_000_000L : 200_000_000L;
            }
            if (o.labels < 1 || o.labels > Integer.MAX_VALUE - 8) {
                throw new Usage("--labels must be in 1..2^31-9; got " + o.labels);
            }
            if (o.shape == null) {
                o.shape = o.quick ? new int[] {4, CLASSES, 128, 128} : new int[] {8, CLASSES, 256, 256};
            }
            if (o.shape.length != 4) {
                throw new Usage("--shape must be NxCxHxW; got " + Arrays.toString(o.shape));
            }
            o.sklearnLabels = (int) Math.min(o.sklearnLabels, o.labels);
            if (o.runs < 5) {
                System.out.println("note: --runs " + o.runs + " is below the 5 runs the figures are meant to be medians of");
            }
            return o;
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new Usage(name + " needs a value");
            }
            return args[i];
        }

        private static Set<String> groups(String s) {
            Set<String> g = new LinkedHashSet<>();
            for (String part : s.split(",")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (p.isEmpty()) {
                    continue;
                }
                if (!GROUPS.contains(p)) {
                    throw new Usage("--only: unknown group '" + p + "'; expected some of " + String.join(",", GROUPS));
                }
                g.add(p);
            }
            if (g.isEmpty()) {
                throw new Usage("--only needs at least one of " + String.join(",", GROUPS));
            }
            return g;
        }

        private static int[] ints(String s, String name) {
            return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                    .mapToInt(x -> positive(x, name)).toArray();
        }

        private static int positive(String s, String name) {
            int v = Integer.parseInt(s.trim());
            if (v < 1) {
                throw new Usage(name + " must be >= 1; got " + v);
            }
            return v;
        }
    }

    /** A usage error (exit status 2), or a request for help (null message, exit 0). */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    static final String HELP = String.join("\n",
            "usage: java -cp benchmarks.jar io.jaccard4j.bench.Compare [options]",
            "  --quick               small data (2e7 labels, 4x21x128x128 logits), 1 warm-up run: a smoke test",
            "  --only G,...          groups among confusion,packed,jml,ce,djl,whole,surface (default: all but surface);",
            "                        --only retrieval runs RetrievalCompare instead (bin/jaccard4j retrieval vs faiss,",
            "                        whole process); --only manyclasses runs ManyClassesCompare (macro Jaccard,",
            "                        1e5-1e6 classes, vs scikit-learn and numpy bincount)",
            "  surface group:        HD95/NSD of core vs scipy and torchmetrics (SurfaceCompare), 1 thread:",
            "  --surface-images N    512x512 label images, C = 21 (default 100); --surface-volume S (default 256: S^3)",
            "  --surface-runs N      timed runs of each side (default 3); --tm-pairs K torchmetrics pairs (default 4)",
            "  --surface-python P    interpreter of peers/surface_peers.py (default /usr/bin/python3)",
            "  --surface-pythonpath D  its PYTHONPATH (e.g. /opt/ref/tm:/opt/ref/skl); --surface-peers FILE",
            "  --threads T,...       thread counts (jaccard4j confusion split-and-merge, torch.set_num_threads,",
            "                        the DJL engine's intra-op threads); default 1,2",
            "  --out FILE            JSON of the figures (default BENCHMARKS-run.json)",
            "  --runs N              timed runs, median reported (default 5); --warmup N (default 2, quick 1)",
            "  --labels N            labels of the confusion data (default 2e8); --shape NxCxHxW (default 8x21x256x256)",
            "  --sklearn-labels N    subsample scored by scikit-learn (default 2e6)",
            "  --python PATH         interpreter of the peers (default /usr/bin/python3); --peers FILE peers.py to run",
            "  --repo DIR            checkout holding bin/jaccard4j (default: found upwards from the working directory)",
            "  --data DIR            write the data there and keep it (default: a temporary directory, deleted); --keep",
            "Exit status: 0 all present results agree (missing peers are skipped), 1 a mismatch or a failed peer,",
            "2 a usage error.");

    /** One line of the table: jaccard4j against one peer. */
    static final class Row {
        final String group;
        final String what;
        final int threads;
        final long items;
        final String unit;
        final double oursSeconds;
        final String peer;
        final double peerSeconds;
        final String note;
        /** The peer's number of items, where it timed less data than jaccard4j (a subsample). */
        final long peerItems;

        Row(String group, String what, int threads, long items, String unit, double oursSeconds, String peer,
                double peerSeconds, String note) {
            this(group, what, threads, items, unit, oursSeconds, peer, items, peerSeconds, note);
        }

        Row(String group, String what, int threads, long items, String unit, double oursSeconds, String peer,
                long peerItems, double peerSeconds, String note) {
            this.peerItems = peerItems;
            this.group = group;
            this.what = what;
            this.threads = threads;
            this.items = items;
            this.unit = unit;
            this.oursSeconds = oursSeconds;
            this.peer = peer;
            this.peerSeconds = peerSeconds;
            this.note = note;
        }

        /** our rate / the peer's rate (peer time / our time on the same data): above 1 jaccard4j is faster. */
        double ratio() {
            return (items / oursSeconds) / (peerItems / peerSeconds);
        }
    }

    private final Options o;
    private final Agreement agreement = new Agreement();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final JsonObject timings = new JsonObject();
    private final JsonObject dataInfo = new JsonObject();
    private static volatile Object sink;

    Compare(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("retrieval")) { // --only retrieval: the whole-process retrieval timings
            RetrievalCompare.main(args);
            return;
        }
        if (Arrays.asList(args).contains("manyclasses")) { // --only manyclasses: macro Jaccard over 1e5-1e6 classes
            ManyClassesCompare.main(args);
            return;
        }
        int rc;
        try {
            rc = new Compare(Options.parse(args)).run();
        } catch (Usage u) {
            if (u.getMessage() == null) {
                System.out.println(HELP);
                rc = 0;
            } else {
                System.err.println("Compare: " + u.getMessage());
                System.err.println(HELP);
                rc = 2;
            }
        } catch (Exception e) {
            System.err.println("Compare: failed: " + e);
            e.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }

    // ---------------------------------------------------------------------------------------------------------
    // timing
    // ---------------------------------------------------------------------------------------------------------

    /** Seconds of {@code runs} calls after {@code warmup} calls. */
    double[] time(String key, Supplier<Object> f) {
        for (int i = 0; i < o.warmup; i++) {
            sink = f.get();
        }
        double[] t = new double[o.runs];
        for (int i = 0; i < o.runs; i++) {
            long t0 = System.nanoTime();
            sink = f.get();
            t[i] = (System.nanoTime() - t0) * 1e-9;
        }
        JsonObject j = new JsonObject();
        JsonArray a = new JsonArray();
        for (double x : t) {
            a.add(x);
        }
        j.add("times_s", a);
        j.addProperty("median_s", median(t));
        timings.add(key, j);
        System.out.printf(Locale.ROOT, "  %-44s median %10.3f ms%n", key, median(t) * 1e3);
        return t;
    }

    /** Records the wall and CPU seconds of a timing made elsewhere (the surface group). */
    void record(String key, double[] wall, double[] cpu) {
        JsonObject j = new JsonObject();
        JsonArray a = new JsonArray();
        JsonArray b = new JsonArray();
        for (int i = 0; i < wall.length; i++) {
            a.add(wall[i]);
            b.add(cpu[i]);
        }
        j.add("times_s", a);
        j.addProperty("median_s", median(wall));
        j.add("cpu_s", b);
        j.addProperty("median_cpu_s", median(cpu));
        timings.add(key, j);
    }

    Agreement agreement() {
        return agreement;
    }

    JsonObject dataInfo() {
        return dataInfo;
    }

    void addRow(Row r) {
        rows.add(r);
    }

    void skip(String what, String why) {
        skipped.put(what, why);
        System.out.println("skipped: " + what + " — " + why);
    }

    static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the run
    // ---------------------------------------------------------------------------------------------------------

    int run() throws Exception {
        Path dir = o.data != null ? Files.createDirectories(o.data) : Files.createTempDirectory("jaccard4j-compare-");
        boolean delete = o.data == null && !o.keep;
        System.out.println("jaccard4j Compare — " + machine().get("summary").getAsString());
        System.out.println("data in " + dir + (delete ? " (deleted at the end)" : ""));
        try {
            Data d = makeData(dir);
            if (o.only.contains("confusion")) {
                javaConfusion(d);
            }
            if (o.only.contains("packed")) {
                javaPacked(d);
            }
            Map<String, LossResult> core = new LinkedHashMap<>();
            if (o.only.contains("jml") || o.only.contains("ce") || o.only.contains("djl")) {
                javaLosses(d, core);
            }
            Map<String, double[]> djl = new LinkedHashMap<>();
            if (o.only.contains("djl")) {
                djlLosses(d, core, djl);
            }
            JsonObject peers = runPeers(dir);
            if (peers != null) {
                comparePeers(d, peers, core, djl);
            }
            if (o.only.contains("whole")) {
                wholeProcess(d);
            }
            if (o.only.contains("surface")) {
                System.out.println("surface distances: HD95 and NSD, jaccard4j core vs scipy and torchmetrics");
                new SurfaceCompare(this, o).run(dir);
            }
            return report();
        } finally {
            if (delete) {
                deleteTree(dir);
            }
        }
    }

    /** What was generated and written. */
    static final class Data {
        Path dir;
        Map<String, byte[][]> labels = new LinkedHashMap<>();
        float[] logits;
        int[] hard;
        float[] soft;
        int[] shape;
        Map<String, long[][]> confusion = new LinkedHashMap<>();
        long[] packedCounts;
        double sklearnScore = Double.NaN;
        double sklearnBinaryScore = Double.NaN;
        double fullMaskScore = Double.NaN;
    }

    Data makeData(Path dir) throws IOException {
        Data d = new Data();
        d.dir = dir;
        int n = (int) o.labels;
        long t0 = System.nanoTime();
        List<String> kinds = new ArrayList<>();
        if (o.only.contains("confusion")) {
            kinds.add("uniform");
            kinds.add("binary");
        }
        if (o.only.contains("confusion") || o.only.contains("packed") || o.only.contains("whole")) {
            kinds.add("mask");
        }
        for (String kind : kinds) {
            byte[][] tp = kind.equals("binary") ? BenchData.uniformPair(12, n, 2)
                    : BenchData.labels(BenchData.Kind.parse(kind), kind.equals("mask") ? 11 : 10, n, CLASSES);
            d.labels.put(kind, tp);
            Npy.write(dir.resolve("labels_" + kind + "_t.npy"), NpyArray.ofUint8(tp[0], n));
            Npy.write(dir.resolve("labels_" + kind + "_p.npy"), NpyArray.ofUint8(tp[1], n));
            JsonObject k = new JsonObject();
            k.addProperty("labels", n);
            k.addProperty("classes", classesOf(kind));
            k.addProperty("dtype", "uint8");
            k.addProperty("prediction_accuracy", BenchData.agreement(tp[0], tp[1]));
            dataInfo.add("labels_" + kind, k);
            System.out.printf(Locale.ROOT, "data: %s labels, %,d uint8 pairs, C = %d, prediction accuracy %.4f%n",
                    kind, n, classesOf(kind), BenchData.agreement(tp[0], tp[1]));
        }
        if (o.only.contains("jml") || o.only.contains("ce") || o.only.contains("djl")) {
            int[] s = o.shape;
            d.shape = s;
            d.logits = BenchData.logits(1, s);
            d.hard = BenchData.hardLabels(2, s);
            d.soft = BenchData.softLabels(3, d.hard, s);
            Npy.write(dir.resolve("logits.npy"), NpyArray.of(d.logits, s));
            Npy.write(dir.resolve("hard.npy"), NpyArray.of(d.hard, s[0], s[2], s[3]));
            Npy.write(dir.resolve("soft.npy"), NpyArray.of(d.soft, s));
            JsonObject k = new JsonObject();
            k.addProperty("shape", shapeText(s));
            k.addProperty("logits", "float32, 2 x standard normal");
            k.addProperty("hard", "int32 mask-like labels N x H x W");
            k.addProperty("soft", "float32 0.8 one-hot + 0.2 random distribution, N x C x H x W");
            dataInfo.add("loss_inputs", k);
            System.out.println("data: logits " + shapeText(s) + " float32, hard labels (mask-like) and soft labels");
        }
        System.out.printf(Locale.ROOT, "data made and written in %.1f s%n", (System.nanoTime() - t0) * 1e-9);
        return d;
    }

    /** The confusion of uint8 labels on T threads (the library's own chunking: per-chunk tables, added in order). */
    MulticlassConfusion confusion(byte[] t, byte[] p, int classes, int threads) {
        return MulticlassConfusion.of(classes).update(t, p, threads);
    }

    static long[][] matrix(MulticlassConfusion m) {
        int c = m.numClasses();
        long[][] a = new long[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                a[i][j] = m.count(i, j);
            }
        }
        return a;
    }

    static ScoreOptions macroJaccard() {
        return ScoreOptions.builder().metric(Metric.JACCARD).average(Average.MACRO).build();
    }

    void javaConfusion(Data d) {
        System.out.println("jaccard4j: multiclass confusion (MulticlassConfusion.update(byte[], byte[]))");
        System.out.println("  run kernels: " + MulticlassConfusion.countingKernels());
        for (Map.Entry<String, byte[][]> e : d.labels.entrySet()) {
            if (!o.only.contains("confusion") && !e.getKey().equals("mask")) {
                continue;
            }
            byte[] t = e.getValue()[0];
            byte[] p = e.getValue()[1];
            int classes = classesOf(e.getKey());
            long[][] serial = matrix(MulticlassConfusion.of(classesOf(e.getKey())).update(t, p));
            d.confusion.put(e.getKey(), serial);
            for (int threads : o.threads) {
                time("confusion/" + e.getKey() + "/T" + threads, () -> confusion(t, p, classes, threads));
                if (threads > 1) {
                    agreement.confusion("jaccard4j confusion " + e.getKey() + ": " + threads + " threads merged = one",
                            matrix(confusion(t, p, classes, threads)), serial);
                }
            }
        }
        // scikit-learn's jaccard_score on a subsample: the whole API from labels (type inference, label set, score)
        byte[][] mask = d.labels.get("mask");
        byte[] ts = Arrays.copyOf(mask[0], o.sklearnLabels);
        byte[] ps = Arrays.copyOf(mask[1], o.sklearnLabels);
        d.sklearnScore = Scorer.score(LabelVector.ofUnsigned(ts), LabelVector.ofUnsigned(ps), null, macroJaccard()).score();
        time("score_macro_jaccard/mask_subsample", () ->
                Scorer.score(LabelVector.ofUnsigned(ts), LabelVector.ofUnsigned(ps), null, macroJaccard()));
        byte[][] binary = d.labels.get("binary");
        if (binary != null) {
            byte[] tb = Arrays.copyOf(binary[0], o.sklearnLabels);
            byte[] pb = Arrays.copyOf(binary[1], o.sklearnLabels);
            ScoreOptions positive = ScoreOptions.builder().metric(Metric.JACCARD).average(Average.BINARY).posLabel(1)
                    .build();
            d.sklearnBinaryScore = Scorer.score(LabelVector.ofUnsigned(tb), LabelVector.ofUnsigned(pb), null, positive)
                    .score();
            time("score_binary_jaccard/binary_subsample", () ->
                    Scorer.score(LabelVector.ofUnsigned(tb), LabelVector.ofUnsigned(pb), null, positive));
        }
    }

    /** The number of classes of a label kind: 2 for "binary", else {@link #CLASSES}. */
    static int classesOf(String kind) {
        return kind.equals("binary") ? 2 : CLASSES;
    }

    void javaPacked(Data d) {
        System.out.println("jaccard4j: bit-packed binary masks (foreground = label != 0 of the mask data)");
        byte[][] mask = d.labels.get("mask");
        PackedMask pt = PackedMask.pack(mask[0]);
        PackedMask pp = PackedMask.pack(mask[1]);
        d.packedCounts = pt.confusion(pp);
        time("packed/pack", () -> PackedMask.pack(mask[0]));
        for (int t : o.threads) {
            if (t > 1) {
                time("packed/pack/T" + t, () -> PackedMask.pack(mask[0], t));
            }
        }
        time("packed/confusion", () -> pt.confusion(pp));
    }

    void javaLosses(Data d, Map<String, LossResult> core) {
        System.out.println("jaccard4j core: losses forward + backward, " + shapeText(d.shape));
        int[] s = d.shape;
        Predictions z = Predictions.logits(d.logits, s, Activation.SOFTMAX);
        Targets hard = Targets.hard(d.hard, new int[] {s[0], s[2], s[3]});
        Targets soft = Targets.soft(d.soft, s);
        TverskyLoss jml = TverskyLoss.jaccard().threads(1).build();
        CrossEntropyLoss ce = CrossEntropyLoss.create().threads(1);
        System.out.println("  overlap-loss kernel: " + (TverskyLoss.vectorized() ? "Vector API" : "scalar"));
        boolean jmlWanted = o.only.contains("jml") || o.only.contains("djl");
        boolean ceWanted = o.only.contains("ce") || o.only.contains("djl");
        if (jmlWanted) {
            core.put("jml_hard", jml.compute(z, hard));
            core.put("jml_soft", jml.compute(z, soft));
        }
        if (ceWanted) {
            core.put("ce_hard", ce.compute(z, hard));
        }
        if (o.only.contains("jml")) {
            for (int threads : o.threads) {
                TverskyLoss jt = TverskyLoss.jaccard().threads(threads).build();
                LossResult h = jt.compute(z, hard);
                if (h.value() != core.get("jml_hard").value()
                        || !Arrays.equals(h.gradient(), core.get("jml_hard").gradient())) {
                    throw new IllegalStateException("core JML on " + threads + " threads differs from 1 thread");
                }
                time("core/jml_hard/T" + threads, () -> jt.compute(z, hard));
                time("core/jml_soft/T" + threads, () -> jt.compute(z, soft));
            }
        }
        if (o.only.contains("ce")) {
            for (int threads : o.threads) {
                CrossEntropyLoss ct = CrossEntropyLoss.create().threads(threads);
                time("core/ce_hard/T" + threads, () -> ct.compute(z, hard));
            }
        }
    }

    void djlLosses(Data d, Map<String, LossResult> core, Map<String, double[]> djl) {
        System.out.println("jaccard4j-djl: losses forward + backward on the PyTorch engine (CPU), " + shapeText(d.shape));
        DjlRunner.initEngine();
        try (DjlRunner r = new DjlRunner(d.logits, d.hard, d.soft, d.shape)) {
            DjlRunner.Outcome jh = r.stepWithGradient(DjlRunner.JML, false);
            DjlRunner.Outcome js = r.stepWithGradient(DjlRunner.JML, true);
            DjlRunner.Outcome ch = r.stepWithGradient(DjlRunner.CE_HARD, false);
            compareLoss("DJL OverlapLoss.jaccard hard vs core TverskyLoss.jaccard", jh.value, jh.gradient,
                    core.get("jml_hard").value(), core.get("jml_hard").gradient());
            compareLoss("DJL OverlapLoss.jaccard soft vs core TverskyLoss.jaccard", js.value, js.gradient,
                    core.get("jml_soft").value(), core.get("jml_soft").gradient());
            compareLoss("DJL SoftmaxCrossEntropyLoss vs core CrossEntropyLoss", ch.value, ch.gradient,
                    core.get("ce_hard").value(), core.get("ce_hard").gradient());
            for (int threads : o.threads) {
                DjlRunner.setThreads(threads);
                djl.put("jml_hard/T" + threads, time("djl/jml_hard/T" + threads, () -> r.step(DjlRunner.JML, false)));
                djl.put("jml_soft/T" + threads, time("djl/jml_soft/T" + threads, () -> r.step(DjlRunner.JML, true)));
                djl.put("ce_hard/T" + threads, time("djl/ce_hard/T" + threads, () -> r.step(DjlRunner.CE_HARD, false)));
            }
        }
    }

    private void compareLoss(String name, double value, float[] grad, double refValue, float[] refGrad) {
        System.out.println("  " + agreement.value(name + ": value", value, refValue));
        System.out.println("  " + agreement.gradient(name + ": gradient", grad, refGrad));
    }

    // ---------------------------------------------------------------------------------------------------------
    // peers
    // ---------------------------------------------------------------------------------------------------------

    private boolean pythonAvailable() {
        Path p = Paths.get(o.python);
        if (p.isAbsolute() ? Files.isExecutable(p) : true) {
            try {
                Process proc = new ProcessBuilder(o.python, "-c", "pass").redirectErrorStream(true).start();
                proc.getInputStream().readAllBytes();
                return proc.waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    private Path peersScript(Path dir) throws IOException {
        if (o.peers != null) {
            return o.peers;
        }
        Path target = dir.resolve("peers.py");
        try (InputStream in = Compare.class.getResourceAsStream("peers/peers.py")) {
            if (in == null) {
                throw new IOException("peers.py is not on the class path (io/jaccard4j/bench/peers/peers.py); pass --peers");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    JsonObject runPeers(Path dir) throws IOException, InterruptedException {
        Set<String> groups = new LinkedHashSet<>();
        for (String g : o.only) {
            if (g.equals("djl")) {
                groups.add("jml");
                groups.add("ce");
            } else if (!g.equals("whole") && !g.equals("surface")) {
                groups.add(g);
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        if (!pythonAvailable()) {
            String why = "the interpreter " + o.python + " is missing or does not run";
            System.out.println("peers: SKIPPED — " + why);
            for (String g : groups) {
                skipped.put("python " + g, why);
            }
            return null;
        }
        Path script = peersScript(dir);
        Path out = dir.resolve("peers.json");
        List<String> cmd = new ArrayList<>(List.of(o.python, script.toString(), "--data", dir.toString(),
                "--out", out.toString(), "--groups", String.join(",", groups), "--threads", join(o.threads),
                "--runs", Integer.toString(o.runs), "--warmup", Integer.toString(o.warmup),
                "--classes", Integer.toString(CLASSES), "--sklearn-labels", Integer.toString(o.sklearnLabels)));
        System.out.println("peers: " + String.join(" ", cmd));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int rc = p.waitFor();
        System.out.printf(Locale.ROOT, "peers: done in %.1f s (exit %d)%n", (System.nanoTime() - t0) * 1e-9, rc);
        if (rc != 0 || !Files.exists(out)) {
            agreement.fact("peers.py ran", false, "exit status " + rc + (Files.exists(out) ? "" : ", no " + out));
            return null;
        }
        JsonObject j = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : j.getAsJsonObject("skipped").entrySet()) {
            skipped.put(e.getKey(), e.getValue().getAsString());
            System.out.println("peers: SKIPPED " + e.getKey() + " — " + e.getValue().getAsString());
        }
        return j;
    }

    private static double peerMedian(JsonObject r) {
        return r.get("median_s").getAsDouble();
    }

    private double ours(String key) {
        return timings.getAsJsonObject(key).get("median_s").getAsDouble();
    }

    /** Checks our score of a subsample against scikit-learn's and adds the row of the whole label API. */
    private void sklearnRow(String average, double ours, JsonObject theirs, String timing) {
        System.out.println("  " + agreement.score(average + " Jaccard of the subsample vs scikit-learn jaccard_score",
                ours, theirs.get("score").getAsDouble()));
        rows.add(new Row("confusion", average + " Jaccard from labels, " + o.sklearnLabels + "-label subsample", 1,
                o.sklearnLabels, "labels", ours(timing), "sklearn jaccard_score(average='" + average + "')",
                peerMedian(theirs), "Scorer.score(LabelVector...) vs jaccard_score; per-label throughput on the subsample"));
    }

    void comparePeers(Data d, JsonObject peers, Map<String, LossResult> core, Map<String, double[]> djl)
            throws IOException {
        JsonObject r = peers.getAsJsonObject("results");
        String versions = "Python " + str(peers, "python") + ", numpy " + str(peers, "numpy") + ", scikit-learn "
                + str(peers, "sklearn") + ", torch " + str(peers, "torch");
        dataInfo.addProperty("peers", versions);
        System.out.println("checks against the peers (" + versions + ")");
        for (String kind : List.of("uniform", "mask", "binary")) {
            JsonObject b = r.getAsJsonObject("numpy_bincount/" + kind);
            if (b == null || !d.confusion.containsKey(kind)) {
                continue;
            }
            JsonArray rowsJ = b.getAsJsonArray("confusion");
            long[][] theirs = new long[rowsJ.size()][];
            for (int i = 0; i < theirs.length; i++) {
                JsonArray row = rowsJ.get(i).getAsJsonArray();
                theirs[i] = new long[row.size()];
                for (int j = 0; j < theirs[i].length; j++) {
                    theirs[i][j] = row.get(j).getAsLong();
                }
            }
            System.out.println("  " + agreement.confusion("confusion " + kind + " vs numpy bincount", d.confusion.get(kind), theirs));
            for (int threads : o.threads) {
                rows.add(new Row("confusion", "C=" + classesOf(kind) + " " + kind + " uint8", threads, o.labels, "labels",
                        ours("confusion/" + kind + "/T" + threads), "numpy bincount(t*C+p) (1 thread)", peerMedian(b),
                        threads > 1 ? "jaccard4j: " + threads + " chunks merged" : ""));
            }
        }
        JsonObject sk = r.getAsJsonObject("sklearn_jaccard_macro/mask");
        if (sk != null && !Double.isNaN(d.sklearnScore)) {
            sklearnRow("macro", d.sklearnScore, sk, "score_macro_jaccard/mask_subsample");
        }
        JsonObject skb = r.getAsJsonObject("sklearn_jaccard_binary/binary");
        if (skb != null && !Double.isNaN(d.sklearnBinaryScore)) {
            sklearnRow("binary", d.sklearnBinaryScore, skb, "score_binary_jaccard/binary_subsample");
            for (int threads : o.threads) {
                if (d.confusion.containsKey("binary")) {
                    rows.add(new Row("confusion", "C=2 binary uint8 vs scikit-learn", threads, o.labels, "labels",
                            ours("confusion/binary/T" + threads), "sklearn jaccard_score(average='binary'), subsample",
                            o.sklearnLabels, peerMedian(skb), "rates: our counting kernel vs scikit-learn per label"));
                }
            }
        }
        if (sk != null && d.confusion.containsKey("mask")) {
            for (int threads : o.threads) {
                rows.add(new Row("confusion", "C=21 mask uint8 vs scikit-learn", threads, o.labels, "labels",
                        ours("confusion/mask/T" + threads), "sklearn jaccard_score(average='macro'), subsample",
                        o.sklearnLabels, peerMedian(sk), "rates: our counting kernel vs scikit-learn per label"));
            }
        }
        JsonObject pk = r.getAsJsonObject("numpy_packbits/mask");
        JsonObject cnz = r.getAsJsonObject("numpy_count_nonzero/mask");
        if (pk != null && d.packedCounts != null) {
            rows.add(new Row("packed", "pack byte mask to bits", 1, o.labels, "pixels", ours("packed/pack"),
                    "numpy packbits(mask != 0)", peerMedian(pk), ""));
            for (int t : o.threads) {
                if (t > 1) {
                    rows.add(new Row("packed", "pack byte mask to bits", t, o.labels, "pixels",
                            ours("packed/pack/T" + t), "numpy packbits(mask != 0)", peerMedian(pk), ""));
                }
            }
        }
        if (cnz != null && d.packedCounts != null) {
            long[] theirs = {cnz.get("tp").getAsLong(), cnz.get("fp").getAsLong(), cnz.get("fn").getAsLong()};
            System.out.println("  " + agreement.counts("binary tp/fp/fn (PackedMask) vs numpy count_nonzero", d.packedCounts, theirs));
            rows.add(new Row("packed", "binary tp/fp/fn", 1, o.labels, "pixels", ours("packed/confusion"),
                    "numpy count_nonzero on bool masks", peerMedian(cnz), "jaccard4j: popcount over packed words"));
        }
        int firstThreads = o.threads[0];
        long pixels = d.shape == null ? 0 : (long) d.shape[0] * d.shape[2] * d.shape[3];
        String[][] losses = {
            {"jml_hard", "torch_jml_hard", "JML fwd+bwd, hard labels", "PyTorch JML (autograd)", "jml"},
            {"jml_soft", "torch_jml_soft", "JML fwd+bwd, soft labels", "PyTorch JML (autograd)", "jml"},
            {"ce_hard", "torch_ce_hard", "softmax CE fwd+bwd, hard labels", "PyTorch F.cross_entropy", "ce"},
        };
        for (String[] l : losses) {
            JsonObject first = r.getAsJsonObject(l[1] + "/T" + firstThreads);
            if (first == null || core.get(l[0]) == null) {
                continue;
            }
            float[] g = Npy.read(Paths.get(first.get("gradient").getAsString())).toFloatArray();
            compareLoss("core " + l[0] + " vs " + l[1], core.get(l[0]).value(), core.get(l[0]).gradient(),
                    first.get("value").getAsDouble(), g);
            for (int threads : o.threads) {
                JsonObject t = r.getAsJsonObject(l[1] + "/T" + threads);
                if (t == null) {
                    continue;
                }
                if (o.only.contains(l[4])) {
                    String key = "core/" + l[0] + "/T" + threads;
                    rows.add(new Row(l[4], l[2] + " " + shapeText(d.shape), threads, pixels, "pixels", ours(key),
                            l[3] + ", set_num_threads(" + threads + ")", peerMedian(t),
                            l[4].equals("jml") ? "jaccard4j: TverskyLoss.jaccard().threads(" + threads + ")"
                                    : "jaccard4j: CrossEntropyLoss.create().threads(" + threads + ")"));
                    JsonObject tce = r.getAsJsonObject("torch_ce_hard/T" + threads);
                    if (l[4].equals("jml") && tce != null) {
                        rows.add(new Row("jml", l[2] + " vs torch CE " + shapeText(d.shape), threads, pixels, "pixels",
                                ours(key), "PyTorch F.cross_entropy, set_num_threads(" + threads + ")",
                                peerMedian(tce), "the issue's bar: JML no slower than PyTorch's CE"));
                    }
                }
                if (djl.containsKey(l[0] + "/T" + threads)) {
                    rows.add(new Row("djl", "DJL " + (l[0].startsWith("jml") ? "OverlapLoss.jaccard" : "SoftmaxCrossEntropyLoss")
                            + " " + l[0].substring(l[0].indexOf('_') + 1) + " " + shapeText(d.shape), threads, pixels, "pixels",
                            median(djl.get(l[0] + "/T" + threads)), l[3] + ", set_num_threads(" + threads + ")",
                            peerMedian(t), "DJL engine intra-op threads = " + threads));
                }
            }
        }
        for (int threads : o.threads) {
            double[] jh = djl.get("jml_hard/T" + threads);
            double[] ch = djl.get("ce_hard/T" + threads);
            if (jh != null && ch != null) {
                rows.add(new Row("djl", "DJL OverlapLoss.jaccard hard " + shapeText(d.shape), threads, pixels, "pixels",
                        median(jh), "DJL SoftmaxCrossEntropyLoss (same NDArrays)", median(ch), "cost of JML over CE"));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // whole process
    // ---------------------------------------------------------------------------------------------------------

    private Path findRepo() {
        if (o.repo != null) {
            return o.repo;
        }
        Path p = Paths.get("").toAbsolutePath();
        while (p != null) {
            if (Files.isExecutable(p.resolve("bin/jaccard4j")) && Files.isDirectory(p.resolve("jaccard4j-cli"))) {
                return p;
            }
            p = p.getParent();
        }
        return null;
    }

    /** Runs a command, returns {seconds, stdout}; fails on a non-zero exit. */
    private static Object[] runTimed(List<String> cmd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) * 1e-9;
        if (rc != 0) {
            throw new IOException("exit status " + rc + " from " + String.join(" ", cmd) + "\n" + out);
        }
        return new Object[] {s, out};
    }

    private double[] timeProcess(String key, List<String> cmd, double[] score) throws IOException, InterruptedException {
        String last = null;
        for (int i = 0; i < o.warmup; i++) {
            last = (String) runTimed(cmd)[1];
        }
        double[] t = new double[o.runs];
        for (int i = 0; i < o.runs; i++) {
            Object[] r = runTimed(cmd);
            t[i] = (double) r[0];
            last = (String) r[1];
        }
        JsonObject j = new JsonObject();
        JsonArray a = new JsonArray();
        for (double x : t) {
            a.add(x);
        }
        j.add("times_s", a);
        j.addProperty("median_s", median(t));
        j.addProperty("command", String.join(" ", cmd));
        timings.add(key, j);
        System.out.printf(Locale.ROOT, "  %-44s median %10.3f ms%n", key, median(t) * 1e3);
        String line = last.trim();
        line = line.substring(line.lastIndexOf('\n') + 1);
        score[0] = JsonParser.parseString(line).getAsJsonObject().get("score").getAsDouble();
        return t;
    }

    void wholeProcess(Data d) throws IOException, InterruptedException {
        System.out.println("whole process: macro Jaccard of " + o.labels + " mask-like labels from NPY files");
        Path t = d.dir.resolve("labels_mask_t.npy");
        Path p = d.dir.resolve("labels_mask_p.npy");
        MulticlassConfusion inProcess = MulticlassConfusion.of(CLASSES).update(d.labels.get("mask")[0], d.labels.get("mask")[1]);
        d.fullMaskScore = Scorer.score(inProcess, LabelEncoder.range(CLASSES), macroJaccard()).score();
        Path repo = findRepo();
        double oursS = Double.NaN;
        double[] ourScore = {Double.NaN};
        if (repo == null) {
            skipped.put("whole-process jaccard4j", "no checkout with bin/jaccard4j above the working directory; pass --repo");
        } else if (!Files.exists(repo.resolve("jaccard4j-cli/target/jaccard4j.jar"))) {
            skipped.put("whole-process jaccard4j", repo.resolve("jaccard4j-cli/target/jaccard4j.jar")
                    + " is not built (mvn -B -pl jaccard4j-cli -am package -DskipTests); not timing a build");
        } else {
            List<String> cmd = List.of(repo.resolve("bin/jaccard4j").toString(), "score", "--y-true", t.toString(),
                    "--y-pred", p.toString(), "--average", "macro", "--format", "json");
            oursS = median(timeProcess("whole/jaccard4j_score", cmd, ourScore));
            System.out.println("  " + agreement.score("bin/jaccard4j score vs in-process Scorer", ourScore[0], d.fullMaskScore));
        }
        double peerS = Double.NaN;
        double[] peerScore = {Double.NaN};
        if (!pythonAvailable()) {
            skipped.put("whole-process numpy", "the interpreter " + o.python + " is missing or does not run");
        } else {
            Process probe = new ProcessBuilder(o.python, "-c", "import numpy").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() != 0) {
                skipped.put("whole-process numpy", "numpy is not importable by " + o.python);
            } else {
                List<String> cmd = List.of(o.python, "-c", NUMPY_WHOLE_PROCESS, t.toString(), p.toString());
                peerS = median(timeProcess("whole/numpy_script", cmd, peerScore));
                System.out.println("  " + agreement.score("numpy whole-process script vs in-process Scorer", peerScore[0], d.fullMaskScore));
            }
        }
        if (!Double.isNaN(oursS) && !Double.isNaN(peerS)) {
            System.out.println("  " + agreement.score("bin/jaccard4j score vs numpy whole-process script", ourScore[0], peerScore[0]));
            rows.add(new Row("whole", "process: read 2 NPY + macro Jaccard", 0, o.labels, "labels", oursS,
                    "python3 -c (np.load, bincount, jaccard)", peerS,
                    "wall time of the subprocess, JVM start included; T = each side's default"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // report
    // ---------------------------------------------------------------------------------------------------------

    static String throughput(long items, double seconds, String unit) {
        if (items <= 0) {
            return "";
        }
        double r = items / seconds;
        String s = r >= 1e9 ? String.format(Locale.ROOT, "%.2f G", r / 1e9)
                : r >= 1e6 ? String.format(Locale.ROOT, "%.1f M", r / 1e6)
                : r >= 1e3 ? String.format(Locale.ROOT, "%.1f k", r / 1e3) : String.format(Locale.ROOT, "%.3g ", r);
        return s + unit + "/s";
    }

    static String ratioText(double ratio) {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            return "";
        }
        return ratio >= 1 ? String.format(Locale.ROOT, "%.2fx faster", ratio)
                : String.format(Locale.ROOT, "%.2fx slower", 1 / ratio);
    }

    String table() {
        rows.sort(Comparator.comparingInt(r -> GROUPS.indexOf(r.group))); // stable: keeps the order within a group
        StringBuilder b = new StringBuilder();
        b.append("| group | what | T | jaccard4j ms | jaccard4j rate | peer | peer ms | peer rate | jaccard4j vs peer |\n");
        b.append("| --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- |\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %.1f | %s | %s |%n", r.group, r.what,
                    r.threads == 0 ? "-" : Integer.toString(r.threads), r.oursSeconds * 1e3,
                    throughput(r.items, r.oursSeconds, r.unit), r.peer, r.peerSeconds * 1e3,
                    throughput(r.peerItems, r.peerSeconds, r.unit), ratioText(r.ratio())));
        }
        return b.toString();
    }

    int report() throws IOException {
        List<Agreement.Check> failures = agreement.failures();
        System.out.println();
        System.out.println("agreement: " + (agreement.checks().size() - failures.size()) + " of " + agreement.checks().size()
                + " checks hold");
        for (Agreement.Check c : failures) {
            System.out.println("  " + c);
        }
        for (Map.Entry<String, String> e : skipped.entrySet()) {
            System.out.println("skipped: " + e.getKey() + " — " + e.getValue());
        }
        System.out.println();
        System.out.println("medians of " + o.runs + " runs after " + o.warmup + " warm-up" + (o.quick ? " (--quick: small data)" : "")
                + (o.only.contains("surface") ? "; surface rows: " + o.surfaceRuns + " runs after 1 warm-up (jaccard4j), "
                + o.surfaceRuns + " runs (scipy), each torchmetrics pair once" : ""));
        System.out.print(table());
        JsonObject j = new JsonObject();
        j.addProperty("date", ZonedDateTime.now().toString());
        j.add("machine", machine());
        JsonObject opts = new JsonObject();
        opts.addProperty("quick", o.quick);
        opts.addProperty("only", String.join(",", o.only));
        opts.addProperty("threads", join(o.threads));
        opts.addProperty("runs", o.runs);
        opts.addProperty("warmup", o.warmup);
        opts.addProperty("labels", o.labels);
        opts.addProperty("shape", shapeText(o.shape));
        opts.addProperty("sklearn_labels", o.sklearnLabels);
        opts.addProperty("python", o.python);
        j.add("options", opts);
        j.add("data", dataInfo);
        JsonArray rowsJ = new JsonArray();
        for (Row r : rows) {
            JsonObject x = new JsonObject();
            x.addProperty("group", r.group);
            x.addProperty("what", r.what);
            x.addProperty("threads", r.threads);
            if (r.items > 0) {
                x.addProperty("items", r.items);
                x.addProperty("unit", r.unit);
                x.addProperty("jaccard4j_per_s", r.items / r.oursSeconds);
                x.addProperty("peer_per_s", r.peerItems / r.peerSeconds);
                x.addProperty("peer_items", r.peerItems);
            }
            x.addProperty("jaccard4j_median_ms", r.oursSeconds * 1e3);
            x.addProperty("peer", r.peer);
            x.addProperty("peer_median_ms", r.peerSeconds * 1e3);
            x.addProperty("peer_over_jaccard4j", r.ratio());
            x.addProperty("summary", ratioText(r.ratio()));
            x.addProperty("note", r.note);
            rowsJ.add(x);
        }
        j.add("rows", rowsJ);
        j.add("jaccard4j_timings", timings);
        JsonArray checks = new JsonArray();
        for (Agreement.Check c : agreement.checks()) {
            JsonObject x = new JsonObject();
            x.addProperty("check", c.name);
            x.addProperty("ok", c.ok);
            x.addProperty("detail", c.detail);
            checks.add(x);
        }
        j.add("checks", checks);
        JsonObject sk = new JsonObject();
        skipped.forEach(sk::addProperty);
        j.add("skipped", sk);
        j.addProperty("status", failures.isEmpty() ? "agree" : "MISMATCH");
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        Path parent = o.out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(o.out, gson.toJson(j) + "\n");
        System.out.println("figures written to " + o.out.toAbsolutePath());
        if (!failures.isEmpty()) {
            System.out.println("FAILED: " + failures.size() + " check(s) do not hold — the figures above compare results that differ");
            return 1;
        }
        return 0;
    }

    static JsonObject machine() {
        JsonObject m = new JsonObject();
        String cpu = "unknown CPU";
        try {
            Path info = Paths.get("/proc/cpuinfo");
            if (Files.exists(info)) {
                try (Stream<String> lines = Files.lines(info)) {
                    cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                            .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // keep "unknown CPU"
        }
        int cores = Runtime.getRuntime().availableProcessors();
        m.addProperty("cpu", cpu);
        m.addProperty("available_processors", cores);
        m.addProperty("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        m.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        String pages = heapPages();
        m.addProperty("heap_pages", pages);
        m.addProperty("summary", cpu + ", " + cores + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", heap pages: " + pages);
        return m;
    }

    /**
     * Whether this JVM asked for transparent huge pages ({@code -XX:+UseTransparentHugePages}) and the kernel's
     * mode: the streaming kernels run measurably faster on them (BENCHMARKS.md), so every run records it.
     */
    static String heapPages() {
        String flag;
        try {
            flag = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseTransparentHugePages").getValue();
        } catch (RuntimeException | LinkageError e) {
            flag = "unknown";
        }
        String mode = "unknown";
        try {
            Path thp = Paths.get("/sys/kernel/mm/transparent_hugepage/enabled");
            if (Files.isReadable(thp)) {
                String line = Files.readString(thp).trim();
                int a = line.indexOf('[');
                int b = line.indexOf(']');
                mode = a >= 0 && b > a ? line.substring(a + 1, b) : line;
            }
        } catch (IOException | UncheckedIOException ignored) {
            // keep "unknown"
        }
        return "UseTransparentHugePages=" + flag + " (kernel THP mode " + mode + ")";
    }

    static String str(JsonObject j, String k) {
        JsonElement e = j.get(k);
        return e == null || e.isJsonNull() ? "absent" : e.getAsString();
    }

    static String shapeText(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : "x").append(s[i]);
        }
        return b.toString();
    }

    private static String join(int[] a) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : ",").append(a[i]);
        }
        return b.toString();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
