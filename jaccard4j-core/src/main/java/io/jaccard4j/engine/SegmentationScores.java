package io.jaccard4j.engine;

import io.jaccard4j.calibration.CalibrationScores;
import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.io.NiftiVolume;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.segmentation.FineGrainedIoU;
import io.jaccard4j.segmentation.GeneralizedDiceScore;
import io.jaccard4j.segmentation.ImageClassCounts;
import io.jaccard4j.segmentation.PixelAccuracy;
import io.jaccard4j.segmentation.boundary.SurfaceMetric;
import io.jaccard4j.segmentation.boundary.SurfaceMetricOptions;
import io.jaccard4j.segmentation.boundary.SurfaceScores;
import io.jaccard4j.segmentation.distance.Grid;
import io.jaccard4j.uncertainty.BootstrapInterval;
import io.jaccard4j.concurrent.ChunkedWork;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The segmentation metrics of {@code score} (see {@link SegmentationRequest}): reads the masks (NPY {@code (N, H, W)}
 * images or {@code (N, D, H, W)} volumes, a single {@code (H, W)} PNG/NPY mask, NIfTI-1 volumes, or two directories
 * of PNG, NPY or NIfTI masks matched by name), builds the per-image states of core's metrics and returns a
 * {@link ScoreOutcome#value} with {@code score}, {@code labels}, {@code per_label}, {@code per_image} and, with
 * {@code --ci}, {@code ci}. All images are held in memory while scoring. {@link SurfaceScoring} splits the boundary
 * and distance metrics into per-image work that a cluster can spread, through the same reading and rules.
 */
public final class SegmentationScores {
    private SegmentationScores() {
    }

    /**
     * One image: flat labels, spatial shape and the spacing its file gave (or null); {@code spacingConflict} says
     * why the files gave none (their headers disagree), so that only an explicit {@code --spacing} can score it.
     */
    static final class Image implements Serializable {
        private static final long serialVersionUID = 1L;
        final String name;
        final int[] truth;
        final int[] pred;
        final int[] shape;
        final double[] spacing;
        final String spacingConflict;

        Image(String name, int[] truth, int[] pred, int[] shape, double[] spacing) {
            this(name, truth, pred, shape, spacing, null);
        }

        Image(String name, int[] truth, int[] pred, int[] shape, double[] spacing, String spacingConflict) {
            this.name = name;
            this.truth = truth;
            this.pred = pred;
            this.shape = shape;
            this.spacing = spacing;
            this.spacingConflict = spacingConflict;
        }
    }

    /**
     * One image to score, Serializable so that another machine can read it: two mask files of a directory pair
     * (PNG/NPY, or NIfTI with its spacing), or a pair of arrays already read.
     */
    public static final class MaskSource implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String truthPath;
        private final String predictionPath;
        private final boolean nifti;
        private final Image image;

        private MaskSource(String name, Path truthPath, Path predictionPath, boolean nifti, Image image) {
            this.name = name;
            this.truthPath = truthPath == null ? null : truthPath.toString();
            this.predictionPath = predictionPath == null ? null : predictionPath.toString();
            this.nifti = nifti;
            this.image = image;
        }

        /** The image's name in messages: the shared file stem, or {@code image i}. */
        public String name() {
            return name;
        }

        /** Reads the pair (or returns the arrays held) and checks that both have the same shape. */
        Image read() throws IOException {
            if (image != null) {
                return image;
            }
            Path t = Path.of(truthPath);
            Path p = Path.of(predictionPath);
            if (nifti) {
                return niftiImage(name, t, p);
            }
            NpyArray ta = MaskDirectoryPairs.readMask(t);
            NpyArray pa = MaskDirectoryPairs.readMask(p);
            if (!Arrays.equals(ta.shape(), pa.shape())) {
                throw new IllegalArgumentException("shape mismatch in pair " + name + ": truth "
                        + Arrays.toString(ta.shape()) + ", prediction " + Arrays.toString(pa.shape()));
            }
            return new Image(name, intLabels(ta, t.toString()), intLabels(pa, p.toString()), ta.shape(), null);
        }
    }

    /** Scores files or directories (the hook of {@link ScoringEngine#score(Path, Path, Path, ScoreRequest, ProgressListener)}). */
    static ScoreOutcome score(Path yTrue, Path yPred, Path sampleWeight, ScoreRequest request) throws IOException {
        SegmentationRequest seg = request.segmentation();
        checkFiles(yTrue, yPred, sampleWeight, seg);
        if (seg.isCalibrationMetric()) {
            return calibration(readLabels(yTrue, "--y-true"), InputArray.read(seg.probs(), "--probs"), request);
        }
        List<Image> images = new ArrayList<>();
        for (MaskSource m : sources(yTrue, yPred)) {
            images.add(m.read());
        }
        return masks(images, request);
    }

    /** The checks of the file arguments that come before any file is read. */
    static void checkFiles(Path yTrue, Path yPred, Path sampleWeight, SegmentationRequest seg) {
        if (sampleWeight != null) {
            throw new IllegalArgumentException("--sample-weight does not apply to the segmentation metrics");
        }
        if (yTrue == null) {
            throw new IllegalArgumentException("--y-true is required");
        }
        if (seg.isCalibrationMetric()) {
            if (yPred != null) {
                throw new IllegalArgumentException("--metric " + seg.metric() + " scores --probs; leave out --y-pred");
            }
            return;
        }
        if (yPred == null) {
            throw new IllegalArgumentException("--y-true and --y-pred are required");
        }
    }

    /**
     * The images of {@code --y-true} and {@code --y-pred}, in scoring order: the pairs of two directories (listed,
     * not read), one NIfTI pair (listed), or the images of two NPY arrays (read now).
     */
    static List<MaskSource> sources(Path yTrue, Path yPred) throws IOException {
        if (Files.isDirectory(yTrue) || Files.isDirectory(yPred)) {
            if (!(Files.isDirectory(yTrue) && Files.isDirectory(yPred))) {
                throw new IllegalArgumentException("--y-true and --y-pred must both be directories of masks, or both "
                        + "files");
            }
            return directorySources(yTrue, yPred);
        }
        if (NiftiVolume.isNiftiName(yTrue.getFileName().toString())
                || NiftiVolume.isNiftiName(yPred.getFileName().toString())) {
            return List.of(new MaskSource(yTrue.getFileName().toString(), yTrue, yPred, true, null));
        }
        List<MaskSource> out = new ArrayList<>();
        for (Image im : arrayImages(InputArray.read(yTrue, "--y-true"), InputArray.read(yPred, "--y-pred"))) {
            out.add(new MaskSource(im.name, null, null, false, im));
        }
        return out;
    }

    /** Scores arrays already read (the hook of {@link ScoringEngine#score(InputArray, InputArray, InputArray, ScoreRequest)}). */
    static ScoreOutcome score(InputArray t, InputArray p, InputArray w, ScoreRequest request) {
        SegmentationRequest seg = request.segmentation();
        if (w != null) {
            throw new IllegalArgumentException("--sample-weight does not apply to the segmentation metrics");
        }
        if (seg.isCalibrationMetric()) {
            throw new IllegalArgumentException("--metric " + seg.metric() + " reads its probabilities from --probs");
        }
        return masks(arrayImages(t, p), request);
    }

    // ------------------------------------------------------------------ reading

    private static int[] intLabels(NpyArray a, String where) {
        switch (a.dtype()) {
            case FLOAT16:
            case FLOAT32:
            case FLOAT64:
                double[] v = a.toDoubleArray();
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != Math.rint(v[i])) {
                        throw new IllegalArgumentException(where + " holds " + v[i] + " at index " + i
                                + "; masks hold class indices");
                    }
                }
                return a.toIntArray();
            default:
                return a.toIntArray();
        }
    }

    private static List<Image> arrayImages(InputArray t, InputArray p) {
        if (t.isStrings() || p.isStrings() || t.array() == null || p.array() == null) {
            throw new IllegalArgumentException("the segmentation metrics need integer masks (NPY, PNG or NIfTI)");
        }
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape() + " but --y-pred is "
                    + p.describeShape());
        }
        int[] s = t.shape();
        int[] tv = intLabels(t.array(), t.where());
        int[] pv = intLabels(p.array(), p.where());
        if (s.length <= 2) {
            return List.of(new Image("image 0", tv, pv, s.clone(), null));
        }
        int n = s[0];
        int[] spatial = Arrays.copyOfRange(s, 1, s.length);
        int per = tv.length / n;
        List<Image> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Image("image " + i, Arrays.copyOfRange(tv, i * per, (i + 1) * per),
                    Arrays.copyOfRange(pv, i * per, (i + 1) * per), spatial, null));
        }
        return out;
    }

    private static Image niftiImage(String name, Path truth, Path pred) throws IOException {
        NiftiVolume t = NiftiVolume.read(truth);
        NiftiVolume p = NiftiVolume.read(pred);
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException("shape mismatch: " + truth.getFileName() + " is "
                    + Arrays.toString(t.shape()) + " but " + pred.getFileName() + " is " + Arrays.toString(p.shape()));
        }
        double[] ts = t.spacing();
        double[] ps = p.spacing();
        for (int a = 0; a < ts.length; a++) {
            // ITK's rule for "the same physical space": spacings equal within 1e-6 of the spacing
            if (Math.abs(ts[a] - ps[a]) > 1e-6 * Math.max(ts[a], ps[a])) {
                return new Image(name, t.labels(), p.labels(), t.shape(), null, "the NIfTI headers disagree on the "
                        + "voxel spacing: " + truth.getFileName() + " has " + Arrays.toString(ts) + " but "
                        + pred.getFileName() + " has " + Arrays.toString(ps) + " (axes " + Arrays.toString(t.shape())
                        + "); give --spacing to choose one");
            }
        }
        return new Image(name, t.labels(), p.labels(), t.shape(), ts);
    }

    private static Map<String, Path> niftiFiles(Path dir) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                String n = f.getFileName().toString();
                if (NiftiVolume.isNiftiName(n)) {
                    String stem = n.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? n.substring(0, n.length() - 7)
                            : n.substring(0, n.length() - 4);
                    if (out.put(stem, f) != null) {
                        throw new IllegalArgumentException(dir + " holds two NIfTI files named " + stem);
                    }
                }
            }
        }
        return out;
    }

    private static List<MaskSource> directorySources(Path truthDir, Path predDir) throws IOException {
        Map<String, Path> tn = niftiFiles(truthDir);
        Map<String, Path> pn = niftiFiles(predDir);
        List<MaskSource> out = new ArrayList<>();
        if (!tn.isEmpty() || !pn.isEmpty()) {
            MaskDirectoryPairs.requireOneKind(truthDir);
            MaskDirectoryPairs.requireOneKind(predDir);
            if (!tn.keySet().equals(pn.keySet())) {
                List<String> missing = new ArrayList<>();
                for (String k : tn.keySet()) {
                    if (!pn.containsKey(k)) {
                        missing.add(k + " (no prediction)");
                    }
                }
                for (String k : pn.keySet()) {
                    if (!tn.containsKey(k)) {
                        missing.add(k + " (no truth)");
                    }
                }
                throw new IllegalArgumentException("NIfTI masks without a counterpart: "
                        + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
            }
            for (String k : tn.keySet()) {
                out.add(new MaskSource(k, tn.get(k), pn.get(k), true, null));
            }
            return out;
        }
        for (MaskPair pair : MaskDirectoryPairs.of(truthDir, predDir)) {
            out.add(new MaskSource(pair.name(), pair.truthPath(), pair.predictionPath(), false, null));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no masks to score: the directories hold no mask pairs");
        }
        return out;
    }

    private static InputArray readLabels(Path path, String role) throws IOException {
        if (NiftiVolume.isNiftiName(path.getFileName().toString())) {
            NiftiVolume v = NiftiVolume.read(path);
            int[] s = new int[v.shape().length + 1];
            s[0] = 1;
            System.arraycopy(v.shape(), 0, s, 1, s.length - 1);
            return InputArray.of(NpyArray.of(v.labels(), s), role);
        }
        return InputArray.read(path, role);
    }

    // ------------------------------------------------------------------ scoring

    private static int numClasses(List<Image> images, int ignore) {
        int max = 1;
        for (Image im : images) {
            max = Math.max(max, maxLabel(im, ignore));
        }
        return classCount(max);
    }

    /** The largest label of an image (0 if none), truth labels equal to {@code ignore} left out; checks signs. */
    static int maxLabel(Image im, int ignore) {
        int max = 0;
        for (int i = 0; i < im.truth.length; i++) {
            if (im.truth[i] != ignore) {
                if (im.truth[i] < 0) {
                    throw new IllegalArgumentException(im.name + ": truth label " + im.truth[i] + " is negative");
                }
                max = Math.max(max, im.truth[i]);
            }
            if (im.pred[i] < 0) {
                throw new IllegalArgumentException(im.name + ": predicted label " + im.pred[i] + " is negative");
            }
            max = Math.max(max, im.pred[i]);
        }
        return max;
    }

    /** The class count C = max + 1 of masks whose largest label is {@code max} (at least 1). */
    static int classCount(int max) {
        if (max >= 4096) {
            throw new IllegalArgumentException("mask labels reach " + max + "; at most 4096 classes are supported");
        }
        return max + 1;
    }

    private static ScoreOutcome masks(List<Image> images, ScoreRequest request) {
        SegmentationRequest seg = request.segmentation();
        int ignore = request.maskIgnoreIndex();
        int c = numClasses(images, ignore);
        if (seg.isBoundaryMetric()) {
            checkBoundaryRequest(request);
            return boundary(images, c, seg);
        }
        ImageClassCounts counts = ImageClassCounts.of(c, ignore);
        for (Image im : images) {
            counts.update(im.truth, im.pred);
        }
        if (seg.fineGrained()) {
            FineGrainedIoU f = FineGrainedIoU.of(counts, false);
            ScoreOutcome o = ScoreOutcome.value("fine-grained-iou", f.dataset(FineGrainedIoU.Measure.IOU))
                    .with("images", f.images());
            for (Map.Entry<String, Double> e : f.all(FineGrainedIoU.DEFAULT_Q).entrySet()) {
                o.with(e.getKey(), e.getValue());
            }
            o.with("per_label", f.perClass(FineGrainedIoU.Measure.IOU)).with("per_image",
                    f.perImage(FineGrainedIoU.Measure.IOU));
            return withCi(o, seg, counts.images(),
                    rows -> FineGrainedIoU.of(counts.select(rows), false).dataset(FineGrainedIoU.Measure.IOU));
        }
        String metric = seg.metric();
        boolean background = seg.includeBackground() == null || seg.includeBackground();
        switch (metric) {
            case "generalized-dice": {
                GeneralizedDiceScore g = GeneralizedDiceScore.of(counts, seg.weightType(), background);
                ScoreOutcome o = ScoreOutcome.value(metric, g.score()).with("weight_type",
                        seg.weightType().name().toLowerCase(java.util.Locale.ROOT)).with("labels", labels(c, background))
                        .with("per_label", g.perClass()).with("per_image", g.perImage());
                return withCi(o, seg, counts.images(),
                        rows -> GeneralizedDiceScore.of(counts.select(rows), seg.weightType(), background).score());
            }
            case "pixel-accuracy": {
                ScoreOutcome o = ScoreOutcome.value(metric, PixelAccuracy.pixelAccuracy(counts))
                        .with("per_image", PixelAccuracy.perImage(counts));
                return withCi(o, seg, counts.images(), rows -> PixelAccuracy.pixelAccuracy(counts.select(rows)));
            }
            default: {
                double[] perImage = new double[counts.images()];
                for (int i = 0; i < perImage.length; i++) {
                    perImage[i] = PixelAccuracy.meanClassAccuracy(counts.select(new int[] {i}));
                }
                ScoreOutcome o = ScoreOutcome.value(metric, PixelAccuracy.meanClassAccuracy(counts))
                        .with("labels", labels(c, true)).with("per_label", PixelAccuracy.classAccuracy(counts))
                        .with("per_image", perImage);
                return withCi(o, seg, counts.images(), rows -> PixelAccuracy.meanClassAccuracy(counts.select(rows)));
            }
        }
    }

    private static List<Object> labels(int c, boolean background) {
        List<Object> out = new ArrayList<>();
        for (long k = background ? 0 : 1; k < c; k++) {
            out.add(k);
        }
        return out;
    }

    static void checkBoundaryRequest(ScoreRequest request) {
        if (request.ignoreIndex() != null) {
            throw new IllegalArgumentException("--ignore-index does not apply to the boundary metrics (they measure "
                    + "whole masks); map ignored pixels to a class first");
        }
    }

    private static ScoreOutcome boundary(List<Image> images, int c, SegmentationRequest seg) {
        SurfaceMetricOptions options = surfaceOptions(seg);
        SurfaceScores s = surfaceState(c, options);
        for (Image im : images) {
            addImage(s, im, seg.spacing());
        }
        return surfaceOutcome(s, options, seg);
    }

    /** The options of a boundary metric from the request (threads: this machine's default). */
    static SurfaceMetricOptions surfaceOptions(SegmentationRequest seg) {
        SurfaceMetric metric = SurfaceMetric.parse(seg.metric());
        SurfaceMetricOptions.Builder b = SurfaceMetricOptions.builder(metric).distance(seg.distance())
                .directed(seg.directed()).emptyMaskRule(seg.emptyMasks()).threads(ChunkedWork.defaultThreads());
        if (seg.percentile() != null) {
            b.percentile(seg.percentile());
        }
        if (seg.tolerance() != null) {
            b.tolerance(seg.tolerance());
        }
        if (seg.dilationRatio() != null) {
            b.dilationRatio(seg.dilationRatio());
        }
        if (seg.includeBackground() != null) {
            b.includeBackground(seg.includeBackground());
        }
        return b.build();
    }

    /** An empty state over C classes (at least 2). */
    static SurfaceScores surfaceState(int c, SurfaceMetricOptions options) {
        return SurfaceScores.of(Math.max(c, 2), options);
    }

    /**
     * Adds one image with {@code --spacing} if given, else the spacing its file gave, else 1.
     *
     * @throws IllegalArgumentException when no {@code --spacing} is given and the NIfTI pair's headers disagree
     */
    static void addImage(SurfaceScores s, Image im, double[] given) {
        if (im.shape.length < 2 || im.shape.length > 3) {
            throw new IllegalArgumentException(im.name + " has shape " + Arrays.toString(im.shape)
                    + "; the boundary metrics take 2-D images or 3-D volumes");
        }
        if (given == null && im.spacingConflict != null) {
            throw new IllegalArgumentException(im.spacingConflict);
        }
        double[] spacing = given != null ? given : im.spacing;
        if (spacing != null && spacing.length != im.shape.length) {
            throw new IllegalArgumentException("--spacing has " + spacing.length + " values but " + im.name
                    + " has " + im.shape.length + " spatial axes " + Arrays.toString(im.shape));
        }
        s.update(im.truth, im.pred, spacing == null ? Grid.of(im.shape) : Grid.of(im.shape, spacing));
    }

    /** The output of a boundary metric from its state over every image. */
    static ScoreOutcome surfaceOutcome(SurfaceScores s, SurfaceMetricOptions options, SegmentationRequest seg) {
        SurfaceMetric metric = options.metric();
        List<Object> classes = new ArrayList<>();
        for (int k : s.classes()) {
            classes.add((long) k);
        }
        ScoreOutcome o = ScoreOutcome.value(metric.flagName(), s.score()).with("labels", classes)
                .with("per_label", s.perLabel()).with("per_image", s.perImage()).with("images", s.images())
                .with("undefined_pairs", s.undefinedPairs());
        switch (metric) {
            case HAUSDORFF:
                o.with("percentile", options.percentile()).with("directed", options.directed())
                        .with("distance", options.distance().flagName());
                break;
            case ASSD:
                o.with("directed", options.directed()).with("distance", options.distance().flagName());
                break;
            case NSD:
            case BOUNDARY_F1:
                o.with("tolerance", options.tolerance()).with("distance", options.distance().flagName());
                break;
            default:
                o.with("dilation_ratio", options.dilationRatio());
        }
        if (Double.isInfinite(s.score())) {
            o.with("score_is_infinite", true).warn("a class is empty in exactly one of truth and prediction: the "
                    + "score is +infinity (--empty-masks torchmetrics)");
        }
        if (s.undefinedPairs() > 0) {
            o.warn(s.undefinedPairs() + " (image, class) pairs are undefined (a class empty in the truth or the "
                    + "prediction) and left out of the means (--empty-masks nan)");
        }
        return withCi(o, seg, s.images(), rows -> s.select(rows).score());
    }

    private static ScoreOutcome calibration(InputArray truth, InputArray probs, ScoreRequest request) {
        SegmentationRequest seg = request.segmentation();
        if (truth.isStrings() || truth.array() == null || probs.isStrings() || probs.array() == null) {
            throw new IllegalArgumentException("--metric " + seg.metric() + " needs integer labels in --y-true and an "
                    + "array of probabilities in --probs");
        }
        int[] ts = truth.shape();
        int[] ps = probs.shape();
        boolean fits = ps.length == ts.length + 1 && ps[0] == ts[0];
        for (int a = 1; fits && a < ts.length; a++) {
            fits = ps[a + 1] == ts[a];
        }
        if (!fits) {
            throw new IllegalArgumentException("--probs " + probs.describeShape() + " does not fit --y-true "
                    + truth.describeShape() + "; expected (N, C, spatial...) for labels (N, spatial...), or (N, C) for "
                    + "(N,)");
        }
        int c = ps[1];
        int[] labels = intLabels(truth.array(), truth.where());
        double[] p = probs.array().toDoubleArray();
        CalibrationScores cal = CalibrationScores.of(c, seg.bins(), seg.binning(), request.maskIgnoreIndex());
        if (ts.length == 1) {
            cal.updateSamples(p, labels);
        } else {
            int per = labels.length / ts[0];
            for (int i = 0; i < ts[0]; i++) {
                cal.updateImage(Arrays.copyOfRange(p, i * c * per, (i + 1) * c * per),
                        Arrays.copyOfRange(labels, i * per, (i + 1) * per));
            }
        }
        String metric = seg.metric();
        ScoreOutcome o = ScoreOutcome.value(metric, cal.value(metric)).with("samples", cal.samples());
        if (metric.equals("ece")) {
            double[][] r = cal.reliability();
            o.with("bins", seg.bins()).with("binning", seg.binning().name().toLowerCase(java.util.Locale.ROOT))
                    .with("classwise_ece", cal.classwiseEce()).with("reliability_accuracy", r[0])
                    .with("reliability_confidence", r[1]).with("reliability_count", r[2]);
        }
        o.with("per_image", cal.perImage(metric));
        return withCi(o, seg, cal.images(), rows -> cal.select(rows).value(metric));
    }

    private static ScoreOutcome withCi(ScoreOutcome o, SegmentationRequest seg, int units,
            ToDoubleFunction<int[]> statistic) {
        if (seg.ciLevel() == null) {
            return o;
        }
        BootstrapInterval ci = BootstrapInterval.of(units, statistic, seg.ciLevel(), seg.bootstrap(), seg.seed());
        return o.with("ci", ci.bounds()).with("ci_level", seg.ciLevel()).with("bootstrap", seg.bootstrap())
                .with("resamples_used", ci.resamplesUsed()).with("seed", seg.seed());
    }
}
