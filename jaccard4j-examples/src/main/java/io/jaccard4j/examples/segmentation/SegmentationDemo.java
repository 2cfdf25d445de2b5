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
import io.jaccard4j.loss.Targets;
import io.jaccard4j.metrics.ZeroDivision;
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
 * labels — boundary label smoothing (ε = 0.5, k = 3), knowledge distillation from the CE+JML teacher
 * (T = 2; hard-label CE plus the soft term), and semi-supervised pseudo-labels (a teacher trained on the
 * labelled half labels the other half; confident pixels only) — comparing CE, SJL and JML as the soft-label
 * term. Every model is scored on a held-out test split: dataset mIoU, per-image mIoU, per-class IoU and ECE.
 * Every model is trained by the {@link SegmentationRecipe} that {@code jaccard4j train} uses too. Writes
 * {@code results.json} and {@code report.html} to the output directory.
 */
public final class SegmentationDemo {
    /** The demo's settings. */
    public static final class Options {
        public int size = 64;
        public int trainImages = 96;
        public int testImages = 48;
        public int epochs = 20;
        public int batch = 8;
        public int baseChannels = 8;
        public double learningRate = 5e-3;
        public long seed = 7;
        public Path out = Path.of("demo-out");
        /** A VOC-style folder of real data (JPEGImages/, SegmentationClass/), or null for synthetic scenes. */
        public Path data;

        /** A sub-minute smoke configuration. */
        public static Options quick() {
            Options o = new Options();
            o.size = 32;
            o.trainImages = 16;
            o.testImages = 8;
            o.epochs = 2;
            return o;
        }
    }

    /** One trained model's test scores. */
    public static final class Run {
        public final String name;
        public final String phase;
        public final double miou;
        public final double miouImage;
        public final double ece;
        public final double[] perClass;
        public final double[] curve;
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

    /** Runs every configuration, writes results.json and report.html, and returns the runs. */
    public List<Run> run() throws IOException {
        Files.createDirectories(o.out);
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
            } else {
                train = SyntheticScenes.batch(m, o.seed * 100_000, o.trainImages, h, h);
                test = SyntheticScenes.batch(m, o.seed * 100_000 + 50_000, o.testImages, h, h);
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
                SegmentationTrainer t = recipe.train(loss, x, new NDList(hard), test, o.seed + k);
                runs.add(score(names[k], "hard labels", t, test));
                if (names[k].equals("CE+JML")) {
                    teacher = t;
                } else {
                    t.close();
                }
            }

            // Phase 2a: boundary label smoothing
            NDList bls = recipe.boundarySmoothing(m, masks, o.trainImages);
            String[] soft = {"CE", "SJL", "JML"};
            for (int k = 0; k < soft.length; k++) {
                try (SegmentationTrainer t = recipe.train(softLoss(soft[k]), x, bls, test, o.seed + 10 + k)) {
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
                try (SegmentationTrainer t = recipe.train(l, x, new NDList(hard, kd), test, o.seed + 20 + k)) {
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
                    new NDList(yl), test, o.seed + 30)) {
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
                        o.seed + 40 + k)) {
                    runs.add(score("SSL + " + soft[k], "semi-supervised", t, test));
                }
            }
            writeResults(runs);
            writeReport(runs, test);
        }
        return runs;
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
        return new Run(name, phase, s.datasetMeanIoU(), s.perImageMeanIoU(), ece.getAccumulator("test"),
                s.datasetIoU(ZeroDivision.ZERO), curve, ece.reliability("test"), first);
    }

    /** The results table as text. */
    public static String table(List<Run> runs) {
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

    private void writeResults(List<Run> runs) throws IOException {
        StringBuilder sb = new StringBuilder("{\"runs\": [");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "{\"name\": \"%s\", \"labels\": \"%s\", \"miou\": %s, \"miou_image\": %s, \"ece\": %s, "
                            + "\"per_class\": %s, \"val_miou_curve\": %s}",
                    r.name, r.phase, json(r.miou), json(r.miouImage), json(r.ece), json(r.perClass), json(r.curve)));
        }
        sb.append(String.format(Locale.ROOT, "], \"config\": {\"image_size\": %d, \"train_images\": %d, "
                + "\"test_images\": %d, \"epochs\": %d, \"batch\": %d, \"base_channels\": %d, \"learning_rate\": %s, "
                + "\"seed\": %d}}%n", o.size, o.trainImages, o.testImages, o.epochs, o.batch, o.baseChannels,
                json(o.learningRate), o.seed));
        Files.writeString(o.out.resolve("results.json"), sb.toString());
    }

    private static String json(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String json(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(json(v[i]));
        }
        return sb.append(']').toString();
    }

    private void writeReport(List<Run> runs, NDList test) throws IOException {
        HtmlReport r = new HtmlReport("jaccard4j demo: Jaccard metric loss vs cross-entropy and soft Jaccard");
        r.paragraph(String.format(Locale.ROOT, (o.data == null ? "Synthetic scenes" : "Data " + o.data)
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
        r.heading("Test scores").table(header, rows);
        List<String> names = new ArrayList<>();
        List<double[]> curves = new ArrayList<>();
        for (Run run : runs) {
            names.add(run.name + (run.phase.equals("hard labels") ? "" : " (" + run.phase + ")"));
            curves.add(run.curve);
        }
        r.heading("Training curves").lineChart("validation mIoU after each epoch", "mIoU", names, curves);
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
        float[] img = test.get(0).get(new NDIndex("0:2")).toFloatArray();
        int[] truth = test.get(1).get(new NDIndex("0:2")).toIntArray();
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
        r.write(o.out.resolve("report.html"));
    }
}
