package io.jaccard4j.examples.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.djl.ExpectedCalibrationError;
import io.jaccard4j.djl.MeanIoUEvaluator;
import io.jaccard4j.djl.data.VocFolders;
import io.jaccard4j.djl.train.SegmentationTrainer;
import io.jaccard4j.examples.report.HtmlReport;
import io.jaccard4j.examples.softlabels.SoftLabelDemo;
import io.jaccard4j.io.Json;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.metrics.ZeroDivision;
import io.jaccard4j.recipes.LabelSmoothing;
import io.jaccard4j.recipes.SoftLabels;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JML paper's comparison on built-in synthetic scenes: a small U-Net trained with cross-entropy, the soft
 * Jaccard loss (SJL), the Jaccard metric loss (JML) and CE+JML (0.25 : 0.75) on hard labels; then with soft
 * labels — plain label smoothing ((1 − ε)·onehot + ε/C, ε = 0.1), boundary label smoothing (ε = 0.5, k = 3), knowledge distillation from the CE+JML teacher
 * (T = 2; hard-label CE plus the soft term), and semi-supervised pseudo-labels (a teacher trained on the
 * labelled half labels the other half; confident pixels only) — comparing CE, SJL and JML as the soft-label
 * term. Every model is scored on a held-out test split: dataset mIoU, per-image mIoU, per-class IoU and ECE.
 * Every model is trained by the {@link SegmentationRecipe} that {@code jaccard4j train} uses too. The whole table
 * is repeated for K seeds (seed j draws the data, the initialisations and hence the batches), and summarised by
 * {@link SeedStatistics}: per row the mean and 95 % t-interval, per recipe the paired differences JML − SJL and
 * JML − CE. PyTorch's thread count is fixed ({@link EngineThreads}), so a run repeats bit for bit for a seed, a
 * thread count and a CPU kind. Writes {@code results.json} and {@code report.html} to the output directory.
 *
 * <p>With {@code task = ambiguous} the scenes are {@link AmbiguousScenes}: object classes drawn at random from a
 * stated soft posterior given the object's hue, for training and test labels alike. That task adds one recipe,
 * "posterior labels" (POST + CE/SJL/JML): the generator's own P(class | appearance) as soft labels, the soft
 * labels that carry the most information a label can.
 */
public final class SegmentationDemo {
    /** The demo's settings. */
    public static final class Options {
        public int size = 48;
        public int trainImages = 64;
        public int testImages = 32;
        public int epochs = 15;
        public int batch = 8;
        public int baseChannels = 8;
        public double learningRate = 5e-3;
        public long seed = 7;
        /** K: the study repeats every row for seeds seed, seed + 1000, ..., seed + 1000·(K − 1). */
        public int seeds = 3;
        /** PyTorch intra-op threads (inter-op threads are set to 1); results depend on it. */
        public int threads = 2;
        /** &epsilon; of plain (uniform) label smoothing: (1 &minus; &epsilon;)&middot;onehot + &epsilon;/C. */
        public double labelSmoothing = 0.1;
        public Path out = Path.of("demo-out");
        /** A VOC-style folder of real data (JPEGImages/, SegmentationClass/), or null for synthetic scenes. */
        public Path data;
        /**
         * The generated task: {@code scenes} ({@link SyntheticScenes}, labels a function of the pixels) or
         * {@code ambiguous} ({@link AmbiguousScenes}, labels drawn from a soft posterior given the appearance; adds
         * the "posterior labels" recipe).
         */
        public String task = TASK_SCENES;

        /**
         * The defaults of the ambiguous task: smaller images (32 × 32) but more of them (160 training, 64 test
         * images) in batches of 16, so that a model sees several hundred objects to learn P(class | hue) from and
         * the test scores rest on more sampled labels, at about 1.3 times the cost of a default run.
         */
        public static Options ambiguous() {
            Options o = new Options();
            o.task = TASK_AMBIGUOUS;
            o.size = 32;
            o.trainImages = 160;
            o.testImages = 64;
            o.batch = 16;
            return o;
        }

        /** A sub-minute smoke configuration. */
        public static Options quick() {
            Options o = new Options();
            o.size = 32;
            o.trainImages = 16;
            o.testImages = 8;
            o.epochs = 2;
            o.seeds = 1;
            return o;
        }
    }

    /** The default task: {@link SyntheticScenes}. */
    public static final String TASK_SCENES = "scenes";
    /** The task with real class ambiguity: {@link AmbiguousScenes}. */
    public static final String TASK_AMBIGUOUS = "ambiguous";

    /** One trained model's test scores. */
    public static final class Run {
        public long seed;
        public final String name;
        public final String phase;
        public final double miou;
        public final double miouImage;
        public final double ece;
        public final double[] perClass;
        public final double[] curve;
        /** The mean training loss of every epoch. */
        public double[] lossCurve = new double[0];
        final double[][] reliability;
        final int[] firstPredictions;

        Run(String name, String phase, double miou, double miouImage, double ece, double[] perClass, double[] curve,
                double[][] reliability, int[] firstPredictions) {
            this.name = name;
            this.phase = phase;
            this.miou = miou;
            this.miouImage = miouImage;
            this.ece = ece;
            this.perClass = perClass;
            this.curve = curve;
            this.reliability = reliability;
            this.firstPredictions = firstPredictions;
        }
    }

    private final Options o;
    private final PrintWriter log;
    private int classes = SyntheticScenes.CLASSES;
    private int ignore = Integer.MIN_VALUE;
    private List<String> classNames = List.of("background", "disk", "rectangle", "thin line");

    public SegmentationDemo(Options options, PrintWriter log) {
        this.o = options;
        this.log = log;
    }

    /**
     * Runs every configuration for each of the K seeds, writes results.json and report.html, and returns the runs
     * (seed by seed, rows in table order).
     */
    public List<Run> run() throws IOException {
        if (o.seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1; got " + o.seeds);
        }
        if (o.threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1; got " + o.threads);
        }
        LabelSmoothing.of(o.labelSmoothing); // a bad epsilon fails here, before any training
        if (!o.task.equals(TASK_SCENES) && !o.task.equals(TASK_AMBIGUOUS)) {
            throw new IllegalArgumentException("--task is '" + o.task + "'; expected " + TASK_SCENES + " or "
                    + TASK_AMBIGUOUS);
        }
        if (ambiguous() && o.data != null) {
            throw new IllegalArgumentException("--task " + TASK_AMBIGUOUS + " generates its data; it cannot be "
                    + "combined with --data " + o.data);
        }
        if (ambiguous()) {
            classNames = List.of("background", "class 1 (hue 0)", "class 2 (hue 0.5)", "class 3 (hue 1)");
        }
        EngineThreads.fix(o.threads);
        Files.createDirectories(o.out);
        List<Run> all = new ArrayList<>();
        for (int j = 0; j < o.seeds; j++) {
            long sj = o.seed + 1000L * j;
            if (log != null && o.seeds > 1) {
                log.printf(Locale.ROOT, "seed %d (%d of %d)%n", sj, j + 1, o.seeds);
                log.flush();
            }
            List<Run> runs = runSeed(sj, j == 0);
            for (Run r : runs) {
                r.seed = sj;
            }
            all.addAll(runs);
        }
        writeResults(all);
        writeReport(all);
        return all;
    }

    /** The first two test images of the first seed (N × 3 × S × S) and their masks, for the report's overlays. */
    private float[] overlayImages;
    private int[] overlayTruth;

    private List<Run> runSeed(long seed, boolean first) throws IOException {
        List<Run> runs = new ArrayList<>();
        int h = o.size;
        int p = h * h;
        try (NDManager m = NDManager.newBaseManager()) {
            NDList train;
            NDList test;
            if (o.data != null) {
                VocFolders.Split[] splits = VocFolders.load(o.data, o.size);
                ignore = SegmentationRecipe.VOC_IGNORE;
                classes = SegmentationRecipe.classes(splits);
                List<String> names = new ArrayList<>();
                for (int k = 0; k < classes; k++) {
                    names.add("class " + k);
                }
                classNames = names;
                o.trainImages = splits[0].count() - splits[0].count() % o.batch;
                if (o.trainImages < 2 * o.batch) {
                    throw new IllegalArgumentException("--data " + o.data + " has " + splits[0].count()
                            + " training images; the demo needs at least " + 2 * o.batch);
                }
                o.testImages = splits[1].count();
                train = splits[0].toNDList(m);
                test = splits[1].toNDList(m);
            } else if (ambiguous()) {
                train = AmbiguousScenes.batch(m, seed * 100_000, o.trainImages, h, h);
                test = AmbiguousScenes.batch(m, seed * 100_000 + 50_000, o.testImages, h, h);
            } else {
                train = SyntheticScenes.batch(m, seed * 100_000, o.trainImages, h, h);
                test = SyntheticScenes.batch(m, seed * 100_000 + 50_000, o.testImages, h, h);
            }
            int c = classes;
            SegmentationRecipe recipe = new SegmentationRecipe(c, o.size, o.batch, o.epochs, o.learningRate,
                    o.baseChannels, ignore, log);
            NDArray x = train.get(0);
            int[] masks = train.get(1).toIntArray();
            NDArray hard = train.get(1);

            // Phase 1: hard labels
            SegmentationTrainer teacher = null;
            String[] names = {"CE", "SJL", "JML", "CE+JML"};
            for (int k = 0; k < names.length; k++) {
                Loss loss = SegmentationRecipe.loss(names[k], ignore);
                SegmentationTrainer t = recipe.train(loss, x, new NDList(hard), test, seed + k);
                runs.add(score(names[k], "hard labels", t, test));
                if (names[k].equals("CE+JML")) {
                    teacher = t;
                } else {
                    t.close();
                }
            }

            // Phase 2a: plain (uniform) label smoothing
            NDList ls = uniformSmoothing(m, masks, o.trainImages, c, p, h);
            String[] soft = {"CE", "SJL", "JML"};
            for (int k = 0; k < soft.length; k++) {
                try (SegmentationTrainer t = recipe.train(softLoss(soft[k]), x, ls, test, seed + 50 + k)) {
                    runs.add(score("LS + " + soft[k], "label smoothing", t, test));
                }
            }

            // Phase 2b: boundary label smoothing
            NDList bls = recipe.boundarySmoothing(m, masks, o.trainImages);
            for (int k = 0; k < soft.length; k++) {
                try (SegmentationTrainer t = recipe.train(softLoss(soft[k]), x, bls, test, seed + 10 + k)) {
                    runs.add(score("BLS + " + soft[k], "boundary label smoothing", t, test));
                }
            }

            // Phase 2b: knowledge distillation from the CE+JML teacher at T = 2
            float[] teacherLogits = teacher.predict(x).toFloatArray();
            NDArray kd = m.create(SoftLabels.teacher(teacherLogits, o.trainImages, c, p, 2.0),
                    new Shape(o.trainImages, c, h, h));
            teacher.close();
            for (int k = 0; k < soft.length; k++) {
                Loss l = new TwoTargetLoss("KD+" + soft[k], SegmentationRecipe.loss("CE", ignore),
                        softLoss(soft[k]), 0.5, 0.5);
                try (SegmentationTrainer t = recipe.train(l, x, new NDList(hard, kd), test, seed + 20 + k)) {
                    runs.add(score("KD + " + soft[k], "knowledge distillation", t, test));
                }
            }

            // Phase 2c: semi-supervised pseudo-labels (labelled half -> teacher -> unlabelled half)
            int half = o.trainImages / 2;
            NDArray xl = x.get(new NDIndex("0:{}", half));
            NDArray yl = hard.get(new NDIndex("0:{}", half));
            NDArray xu = x.get(new NDIndex("{}:", half));
            float[][] pseudo;
            try (SegmentationTrainer sslTeacher = recipe.train(SegmentationRecipe.loss("CE+JML", ignore), xl,
                    new NDList(yl), test, seed + 30)) {
                pseudo = SoftLabels.pseudoLabels(sslTeacher.predict(xu).toFloatArray(), o.trainImages - half, c, p,
                        1.0, 0.7);
            }
            float[] labelledSoft = oneHot(java.util.Arrays.copyOfRange(masks, 0, half * p), half, c, p, ignore);
            float[] allSoft = new float[o.trainImages * c * p];
            System.arraycopy(labelledSoft, 0, allSoft, 0, labelledSoft.length);
            System.arraycopy(pseudo[0], 0, allSoft, labelledSoft.length, pseudo[0].length);
            float[] labelled = SegmentationRecipe.labelledPixels(masks, ignore);
            float[] keep = new float[o.trainImages * p];
            System.arraycopy(labelled, 0, keep, 0, half * p);
            System.arraycopy(pseudo[1], 0, keep, half * p, pseudo[1].length);
            NDArray sslLabels = m.create(allSoft, new Shape(o.trainImages, c, h, h));
            NDArray sslKeep = m.create(keep, new Shape(o.trainImages, h, h));
            for (int k = 0; k < soft.length; k++) {
                try (SegmentationTrainer t = recipe.train(softLoss(soft[k]), x, new NDList(sslLabels, sslKeep), test,
                        seed + 40 + k)) {
                    runs.add(score("SSL + " + soft[k], "semi-supervised", t, test));
                }
            }
            // Phase 2d (ambiguous task only): the generator's own posterior P(class | appearance) as soft labels
            if (ambiguous()) {
                NDArray post = m.create(AmbiguousScenes.posteriors(seed * 100_000, o.trainImages, h, h),
                        new Shape(o.trainImages, c, h, h));
                NDList postLabels = new NDList(post, m.ones(new Shape(o.trainImages, h, h)));
                for (int k = 0; k < soft.length; k++) {
                    try (SegmentationTrainer t = recipe.train(softLoss(soft[k]), x, postLabels, test, seed + 60 + k)) {
                        runs.add(score("POST + " + soft[k], "posterior labels", t, test));
                    }
                }
            }
            if (first) {
                overlayImages = test.get(0).get(new NDIndex("0:2")).toFloatArray();
                overlayTruth = test.get(1).get(new NDIndex("0:2")).toIntArray();
            }
        }
        return runs;
    }

    private boolean ambiguous() {
        return o.task.equals(TASK_AMBIGUOUS);
    }

    /**
     * Plain label smoothing of the training masks by core's {@link LabelSmoothing} (&epsilon; of the options):
     * n &times; C &times; S &times; S soft labels, unlabelled pixels all-zero, and their keep-mask (n &times; S &times; S).
     */
    private NDList uniformSmoothing(NDManager m, int[] masks, int n, int c, int p, int h) {
        float[] soft = LabelSmoothing.of(o.labelSmoothing).apply(java.util.Arrays.copyOf(masks, n * p), n, p, c,
                ignore);
        return new NDList(m.create(soft, new Shape(n, c, h, h)),
                m.create(java.util.Arrays.copyOf(SegmentationRecipe.labelledPixels(masks, ignore), n * p),
                        new Shape(n, h, h)));
    }

    /** A soft-label term: unlabelled pixels are dropped by the keep-mask, not by an ignore index. */
    private static Loss softLoss(String name) {
        return SegmentationRecipe.loss(name, Targets.NO_IGNORE);
    }

    private static float[] oneHot(int[] masks, int n, int c, int p, int ignore) {
        float[] out = new float[n * c * p];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                if (masks[b * p + i] != ignore) {
                    out[(b * c + masks[b * p + i]) * p + i] = 1f;
                }
            }
        }
        return out;
    }

    private Run score(String name, String phase, SegmentationTrainer t, NDList test) {
        NDArray logits = t.predict(test.get(0));
        MeanIoUEvaluator miou = new MeanIoUEvaluator("mIoU", classes, ignore, MeanIoUEvaluator.Mode.DATASET);
        ExpectedCalibrationError ece = new ExpectedCalibrationError("ECE", 15, ignore);
        miou.addAccumulator("test");
        ece.addAccumulator("test");
        NDList labels = new NDList(test.get(1));
        NDList preds = new NDList(logits);
        miou.updateAccumulator("test", labels, preds);
        ece.updateAccumulator("test", labels, preds);
        SegmentationIoU s = miou.state("test");
        double[] curve = t.curve().stream().mapToDouble(e -> e.valMeanIoU).toArray();
        int[] first = logits.get(new NDIndex("0:2")).argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false)
                .toIntArray();
        Run run = new Run(name, phase, s.datasetMeanIoU(), s.perImageMeanIoU(), ece.getAccumulator("test"),
                s.datasetIoU(ZeroDivision.ZERO), curve, ece.reliability("test"), first);
        run.lossCurve = t.curve().stream().mapToDouble(e -> e.trainLoss).toArray();
        return run;
    }

    /** The results table as text: one row a run (K = 1), else the seed study ({@link #studyTable}). */
    public static String table(List<Run> runs) {
        if (seedsOf(runs).size() > 1) {
            return studyTable(runs);
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s %-26s %8s %10s %8s   %s%n", "run",
                "labels", "mIoU", "img mIoU", "ECE", "per-class IoU (class 0, 1, ...)"));
        for (Run r : runs) {
            StringBuilder pc = new StringBuilder();
            for (double v : r.perClass) {
                pc.append(String.format(Locale.ROOT, "%.3f ", v));
            }
            sb.append(String.format(Locale.ROOT, "%-14s %-26s %8.4f %10.4f %8.4f   %s%n", r.name, r.phase, r.miou,
                    r.miouImage, r.ece, pc.toString().trim()));
        }
        return sb.toString();
    }

    /** The seeds of the runs, in order of appearance. */
    static List<Long> seedsOf(List<Run> runs) {
        List<Long> seeds = new ArrayList<>();
        for (Run r : runs) {
            if (!seeds.contains(r.seed)) {
                seeds.add(r.seed);
            }
        }
        return seeds;
    }

    /** The row names in table order. */
    static List<String> rowsOf(List<Run> runs) {
        List<String> rows = new ArrayList<>();
        for (Run r : runs) {
            if (!rows.contains(r.name)) {
                rows.add(r.name);
            }
        }
        return rows;
    }

    /** Row {@code name}'s mIoU (metric "miou") or ECE ("ece") over the seeds, in seed order. */
    static double[] values(List<Run> runs, String name, String metric) {
        List<Long> seeds = seedsOf(runs);
        double[] v = new double[seeds.size()];
        for (Run r : runs) {
            if (r.name.equals(name)) {
                v[seeds.indexOf(r.seed)] = metric.equals("miou") ? r.miou : r.ece;
            }
        }
        return v;
    }

    /** The paired comparisons: per recipe prefix, JML − SJL and JML − CE. */
    static List<String[]> pairs(List<Run> runs) {
        List<String[]> out = new ArrayList<>();
        List<String> rows = rowsOf(runs);
        for (String prefix : List.of("", "LS + ", "BLS + ", "KD + ", "SSL + ", "POST + ")) {
            for (String other : List.of("SJL", "CE")) {
                if (rows.contains(prefix + "JML") && rows.contains(prefix + other)) {
                    out.add(new String[] {prefix.isEmpty() ? "hard labels" : prefix.substring(0, prefix.length() - 3),
                        prefix + "JML", prefix + other});
                }
            }
        }
        return out;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /**
     * The seed study as text: per row the mean ± the half-width of the 95 % t-interval over the K seeds of mIoU
     * and ECE; then per recipe the paired differences JML − SJL and JML − CE (seed by seed) with their intervals
     * and a verdict: "JML higher" / "JML lower" when the interval excludes 0, else "no difference found".
     */
    public static String studyTable(List<Run> runs) {
        int k = seedsOf(runs).size();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%d seeds; mean ± half-width of the 95%% t-interval%n%-14s %-26s %20s %20s%n", k, "run", "labels",
                "mIoU", "ECE"));
        for (String name : rowsOf(runs)) {
            String phase = runs.stream().filter(r -> r.name.equals(name)).findFirst().get().phase;
            double[] mi = values(runs, name, "miou");
            double[] ec = values(runs, name, "ece");
            sb.append(String.format(Locale.ROOT, "%-14s %-26s %11.4f ± %6.4f %11.4f ± %6.4f%n", name, phase,
                    SeedStatistics.mean(mi), SeedStatistics.halfWidth95(mi), SeedStatistics.mean(ec),
                    SeedStatistics.halfWidth95(ec)));
        }
        sb.append(String.format(Locale.ROOT, "%npaired differences (same seed), mean ± 95%% half-width%n"
                + "%-26s %-16s %30s %30s%n", "recipe", "difference", "mIoU", "ECE"));
        for (String[] pr : pairs(runs)) {
            double[] dm = minus(values(runs, pr[1], "miou"), values(runs, pr[2], "miou"));
            double[] de = minus(values(runs, pr[1], "ece"), values(runs, pr[2], "ece"));
            sb.append(String.format(Locale.ROOT, "%-26s %-16s %30s %30s%n", pr[0], "JML − " + pr[2].replace(
                    pr[1].replace("JML", ""), ""), difference(dm), difference(de)));
        }
        return sb.toString();
    }

    private static String difference(double[] d) {
        double m = SeedStatistics.mean(d);
        double h = SeedStatistics.halfWidth95(d);
        String verdict = Double.isNaN(h) ? "one seed" : m - h > 0 ? "JML higher" : m + h < 0 ? "JML lower"
                : "no difference found";
        return String.format(Locale.ROOT, "%+.4f ± %.4f %s", m, h, verdict);
    }

    private void writeResults(List<Run> runs) throws IOException {
        List<Json> list = new ArrayList<>();
        for (Run r : runs) {
            list.add(new Json().put("seed", r.seed).put("name", r.name).put("labels", r.phase).put("miou", r.miou)
                    .put("miou_image", r.miouImage).put("ece", r.ece).put("per_class", r.perClass)
                    .put("val_miou_curve", r.curve).put("train_loss_curve", r.lossCurve));
        }
        List<Json> summary = new ArrayList<>();
        for (String name : rowsOf(runs)) {
            double[] mi = values(runs, name, "miou");
            double[] ec = values(runs, name, "ece");
            summary.add(new Json().put("name", name).put("miou_mean", SeedStatistics.mean(mi))
                    .put("miou_ci95", SeedStatistics.halfWidth95(mi)).put("ece_mean", SeedStatistics.mean(ec))
                    .put("ece_ci95", SeedStatistics.halfWidth95(ec)));
        }
        List<Json> paired = new ArrayList<>();
        for (String[] pr : pairs(runs)) {
            double[] dm = minus(values(runs, pr[1], "miou"), values(runs, pr[2], "miou"));
            double[] de = minus(values(runs, pr[1], "ece"), values(runs, pr[2], "ece"));
            paired.add(new Json().put("recipe", pr[0]).put("a", pr[1]).put("b", pr[2])
                    .put("miou_diff_mean", SeedStatistics.mean(dm)).put("miou_diff_ci95", SeedStatistics.halfWidth95(dm))
                    .put("ece_diff_mean", SeedStatistics.mean(de)).put("ece_diff_ci95", SeedStatistics.halfWidth95(de)));
        }
        Json config = new Json().put("image_size", o.size).put("train_images", o.trainImages)
                .put("test_images", o.testImages).put("epochs", o.epochs).put("batch", o.batch)
                .put("base_channels", o.baseChannels).put("learning_rate", o.learningRate).put("seed", o.seed)
                .put("seeds", o.seeds).put("threads", o.threads).put("label_smoothing", o.labelSmoothing);
        if (ambiguous()) { // only then, so that the default task's results.json stays as it was
            config.put("task", o.task);
        }
        Files.writeString(o.out.resolve("results.json"), new Json().put("runs", list).put("summary", summary)
                .put("paired", paired).put("config", config) + "\n");
    }

    private void writeReport(List<Run> all) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Run run : all) {
            if (run.seed == all.get(0).seed) {
                runs.add(run);
            }
        }
        HtmlReport r = new HtmlReport("jaccard4j demo: Jaccard metric loss vs cross-entropy and soft Jaccard");
        r.paragraph(String.format(Locale.ROOT, (o.data != null ? "Data " + o.data : ambiguous()
                ? "Ambiguous synthetic scenes (object classes drawn from a soft posterior given the hue)"
                : "Synthetic scenes")
                + " %dx%d, %d training and %d test images, %d epochs, "
                + "small U-Net (%d base channels), Adam %.0e, seed %d.", o.size, o.size, o.trainImages, o.testImages,
                o.epochs, o.baseChannels, o.learningRate, o.seed));
        List<List<Object>> rows = new ArrayList<>();
        for (Run run : runs) {
            List<Object> row = new ArrayList<>(List.of(run.name, run.phase, run.miou, run.miouImage, run.ece));
            for (double v : run.perClass) {
                row.add(v);
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("run", "labels", "mIoU", "per-image mIoU", "ECE"));
        for (String n : classNames) {
            header.add("IoU " + n);
        }
        r.heading("Test scores" + (seedsOf(all).size() > 1 ? " of seed " + all.get(0).seed : "")).table(header, rows);
        if (seedsOf(all).size() > 1) {
            List<List<Object>> study = new ArrayList<>();
            for (String name : rowsOf(all)) {
                double[] mi = values(all, name, "miou");
                double[] ec = values(all, name, "ece");
                study.add(List.of(name, SeedStatistics.mean(mi), SeedStatistics.halfWidth95(mi), SeedStatistics.mean(ec),
                        SeedStatistics.halfWidth95(ec)));
            }
            r.heading("Seed study (" + seedsOf(all).size() + " seeds)").paragraph("Mean over the seeds and the "
                    + "half-width h of the 95 % Student-t interval (mean ± h). Each seed draws new data, "
                    + "initialisation and batches.").table(List.of("run", "mIoU mean", "± h", "ECE mean", "± h"), study);
            List<List<Object>> diffs = new ArrayList<>();
            for (String[] pr : pairs(all)) {
                double[] dm = minus(values(all, pr[1], "miou"), values(all, pr[2], "miou"));
                double[] de = minus(values(all, pr[1], "ece"), values(all, pr[2], "ece"));
                diffs.add(List.of(pr[0], pr[1] + " − " + pr[2], SeedStatistics.mean(dm), SeedStatistics.halfWidth95(dm),
                        difference(dm).replaceAll(".* ± [0-9.]+ ", ""), SeedStatistics.mean(de),
                        SeedStatistics.halfWidth95(de), difference(de).replaceAll(".* ± [0-9.]+ ", "")));
            }
            r.paragraph("Paired differences: the two rows trained on the same seed, difference taken seed by seed. "
                    + "An interval that contains 0 means no difference was found.").table(List.of("recipe",
                    "difference", "mIoU diff", "± h", "mIoU verdict", "ECE diff", "± h", "ECE verdict"), diffs);
        }
        List<String> names = new ArrayList<>();
        List<double[]> curves = new ArrayList<>();
        for (Run run : runs) {
            names.add(run.name + (run.phase.equals("hard labels") ? "" : " (" + run.phase + ")"));
            curves.add(run.curve);
        }
        List<double[]> losses = new ArrayList<>();
        for (Run run : runs) {
            losses.add(run.lossCurve);
        }
        r.heading("Training curves").lineChart("validation mIoU after each epoch (seed " + runs.get(0).seed + ")",
                "mIoU", names, curves).lineChart("mean training loss of each epoch (seed " + runs.get(0).seed
                + "; each run's own loss, so the scales differ)", "loss", names, losses);
        List<String> phase1 = new ArrayList<>();
        List<double[]> bars = new ArrayList<>();
        List<double[][]> rel = new ArrayList<>();
        for (Run run : runs) {
            if (run.phase.equals("hard labels")) {
                phase1.add(run.name);
                bars.add(run.perClass);
                rel.add(run.reliability);
            }
        }
        r.heading("Per-class IoU").barChart("test IoU per class, hard-label runs", classNames, phase1, bars);
        r.heading("Calibration").reliability("reliability diagram, hard-label runs (15 bins)", phase1, rel);
        r.heading("Example predictions");
        int p = o.size * o.size;
        float[] img = overlayImages;
        int[] truth = overlayTruth;
        for (Run run : runs) {
            if (!run.phase.equals("hard labels")) {
                continue;
            }
            for (int k = 0; k < 2; k++) {
                double[] gray = new double[p];
                for (int i = 0; i < p; i++) {
                    gray[i] = (img[k * 3 * p + i] + img[k * 3 * p + p + i] + img[k * 3 * p + 2 * p + i]) / 3.0;
                }
                r.overlay(run.name + ", test image " + (k + 1), gray, java.util.Arrays.copyOfRange(truth, k * p,
                        (k + 1) * p), java.util.Arrays.copyOfRange(run.firstPredictions, k * p, (k + 1) * p), o.size,
                        o.size, ignore);
            }
        }
        SoftLabelDemo soft = SoftLabelDemo.defaults();
        soft.addTo(r, soft.run());
        r.write(o.out.resolve("report.html"));
    }
}
