package io.jaccard4j.cli;

import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.NpyDtype;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.Target;
import io.jaccard4j.metrics.TargetType;
import io.jaccard4j.metrics.ZeroDivision;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j score}: Jaccard / F1 / precision / recall of predictions with scikit-learn's semantics, or
 * segmentation IoU of masks (per dataset, or per image with {@code --per-image}).
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score predictions against the truth with scikit-learn's semantics (jaccard_score, f1_score,",
            "precision_score, recall_score), or score segmentation masks.",
            "",
            "Inputs: CSV/TXT (one sample a line: a label, or a comma-separated 0/1 row for multilabel), NPY",
            "(1-D labels, 2-D indicator matrix or scores, N-D masks), PNG index masks, or two directories of",
            "PNG/NPY masks matched by file name (streamed one pair at a time)."})
final class ScoreCommand extends ScoreFlags implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        requireInputs();
        ScoreOptions options = scoreOptions();
        Metric m = options.metric();
        boolean json = jsonFormat();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (perImage && m != Metric.JACCARD) {
            throw new IllegalArgumentException("--per-image computes mean IoU; use it with --metric jaccard");
        }
        if (Files.isDirectory(yTrue) || Files.isDirectory(yPred)) {
            if (!(Files.isDirectory(yTrue) && Files.isDirectory(yPred))) {
                throw new IllegalArgumentException("--y-true and --y-pred must both be directories of masks, or both files");
            }
            if (sampleWeight != null) {
                throw new IllegalArgumentException("--sample-weight does not apply to directories of masks");
            }
            if (perImage) {
                return ScoreReport.print(out, err, json, perImageDirectories());
            }
            return ScoreReport.print(out, err, json, ScoreReport.Outcome.of(Scorer.score(datasetDirectories(err), denseLabels(), options)));
        }
        InputFile t = InputFile.load(yTrue, "--y-true");
        InputFile p = InputFile.load(yPred, "--y-pred");
        p.requireNoNaN();
        t.requireNoNaN();
        double[] w = sampleWeight == null ? null : loadWeights(sampleWeight, t.shape()[0]);
        if (perImage) {
            return ScoreReport.print(out, err, json, perImageArrays(t, p));
        }
        return ScoreReport.print(out, err, json, ScoreReport.Outcome.of(scoreArrays(t, p, w, options)));
    }

    static boolean parseFormat(String format) {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json; got '" + format + "'");
        }
        return f.equals("json");
    }

    static Object parseLabel(String s) {
        String t = s.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }

    private static double[] loadWeights(Path path, int n) throws IOException {
        InputFile f = InputFile.load(path, "--sample-weight");
        if (f.isStrings() || f.ndim() != 1) {
            throw new IllegalArgumentException("--sample-weight " + path + " must hold one number a sample, got shape "
                    + f.describeShape());
        }
        if (f.size() != n) {
            throw new IllegalArgumentException("--sample-weight has " + f.size() + " weights but there are " + n
                    + " samples");
        }
        f.requireNoNaN();
        return f.array.toDoubleArray();
    }

    // ------------------------------------------------------------------ arrays

    private ScoreResult scoreArrays(InputFile t, InputFile p, double[] w, ScoreOptions options) {
        boolean indicator = isIndicator(t, p);
        if (indicator) {
            if (ignoreIndex != null) {
                throw new IllegalArgumentException("--ignore-index applies to labels and masks, not to a multilabel "
                        + "indicator matrix");
            }
            requireSameShape(t, p);
            IndicatorMatrix ti = toIndicator(t, null);
            IndicatorMatrix pi = toIndicator(p, thresholdFor(p));
            return Scorer.score(ti, pi, w, options);
        }
        if (w == null) {
            MulticlassConfusion counted = countIntegerArrays(t, p);
            if (counted != null) {
                return Scorer.score(counted, LabelEncoder.range(counted.numClasses()), options);
            }
        }
        // one label a sample (1-D), or masks flattened to one label a pixel
        if (t.ndim() > 1 && w != null) {
            throw new IllegalArgumentException("--sample-weight needs one label a sample; --y-true is "
                    + t.describeShape());
        }
        LabelVector truth = t.labels();
        LabelVector pred = predictionLabels(t, p);
        if (truth.size() != pred.size()) {
            throw new IllegalArgumentException("shape mismatch: --y-true has " + truth.size() + " samples "
                    + t.describeShape() + " but --y-pred has " + pred.size() + " " + p.describeShape());
        }
        if (ignoreIndex != null) {
            if (!truth.isNumeric()) {
                throw new IllegalArgumentException("--ignore-index needs integer labels; --y-true holds strings");
            }
            long[] tv = truth.numericValues();
            int kept = 0;
            for (long v : tv) {
                if (v != ignoreIndex) {
                    kept++;
                }
            }
            long[] t2 = new long[kept];
            Object[] p2 = new Object[kept];
            double[] w2 = w == null ? null : new double[kept];
            int k = 0;
            for (int i = 0; i < tv.length; i++) {
                if (tv[i] != ignoreIndex) {
                    t2[k] = tv[i];
                    p2[k] = pred.get(i);
                    if (w2 != null) {
                        w2[k] = w[i];
                    }
                    k++;
                }
            }
            truth = LabelVector.of(t2);
            pred = pred.isNumeric() ? LabelVector.of(Arrays.stream(p2).mapToLong(o -> (Long) o).toArray())
                    : LabelVector.of(Arrays.stream(p2).map(o -> (String) o).toArray(String[]::new));
            w = w2;
        }
        if (w == null && truth.isNumeric() && pred.isNumeric()) {
            MulticlassConfusion[] state = new MulticlassConfusion[1];
            LabelEncoder dense = denseEncoder(truth.numericValues(), pred.numericValues(), state);
            if (dense != null) {
                return Scorer.score(state[0], dense, options);
            }
        }
        return Scorer.score(truth, pred, w, options);
    }

    /**
     * The fast path for NPY labels or masks of the same integer type (uint8 / bool, int16, uint16, int32) with
     * values in 0..255: one 256-class confusion state counted straight from the arrays on all processors (no
     * boxing, no copies), scored with the labels that occur, exactly as the general path scores them. Null when
     * the inputs are anything else (strings, scores, other types, other values), which the general path handles.
     */
    private MulticlassConfusion countIntegerArrays(InputFile t, InputFile p) {
        if (t.array == null || p.array == null || t.array.dtype() != p.array.dtype() || t.size() != p.size()) {
            return null;
        }
        if (!Arrays.equals(t.shape(), p.shape()) && p.ndim() == t.ndim() + 1) {
            return null; // possibly scores with a class axis
        }
        int ignore = ignoreIndex == null || ignoreIndex < Integer.MIN_VALUE + 1 || ignoreIndex > Integer.MAX_VALUE
                ? MulticlassConfusion.NO_IGNORE : (int) (long) ignoreIndex;
        MulticlassConfusion state = MulticlassConfusion.withIgnoreIndex(256, ignore);
        int threads = io.jaccard4j.concurrent.ChunkedWork.defaultThreads();
        Object td = t.array.data();
        Object pd = p.array.data();
        switch (t.array.dtype()) {
            case UINT8:
            case BOOL:
                return state.update((byte[]) td, (byte[]) pd, threads);
            case INT16:
            case UINT16: {
                boolean unsigned = t.array.dtype() == NpyDtype.UINT16;
                int m = unsigned ? 0xFFFF : -1;
                short[] ts = (short[]) td;
                short[] ps = (short[]) pd;
                int bad = 0;
                for (int i = 0; i < ts.length; i++) {
                    int a = ts[i] & m;
                    bad |= (a == ignore ? 0 : a) | (ps[i] & m);
                }
                return (bad & ~0xFF) == 0 ? state.update(ts, ps, unsigned, threads) : null;
            }
            case INT32: {
                int[] ti = (int[]) td;
                int[] pi = (int[]) pd;
                int bad = 0;
                for (int i = 0; i < ti.length; i++) {
                    bad |= (ti[i] == ignore ? 0 : ti[i]) | pi[i];
                }
                return (bad & ~0xFF) == 0 ? state.update(ti, pi, threads) : null;
            }
            default:
                return null;
        }
    }

    /**
     * Integer labels within a span of 65,536 values go through one dense confusion matrix indexed by
     * label − min (the fast path); null otherwise.
     */
    private static LabelEncoder denseEncoder(long[] t, long[] p, MulticlassConfusion[] state) {
        if (t.length == 0) {
            return null;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long v : t) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (long v : p) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long span = max - min + 1;
        if (span <= 0 || span > 4096) {
            return null;
        }
        int c = (int) span;
        int[] ti = new int[t.length];
        int[] pi = new int[p.length];
        for (int i = 0; i < t.length; i++) {
            ti[i] = (int) (t[i] - min);
            pi[i] = (int) (p[i] - min);
        }
        state[0] = MulticlassConfusion.of(c).update(ti, pi);
        List<Object> classes = new ArrayList<>(c);
        for (long k = 0; k < c; k++) {
            classes.add(min + k);
        }
        return LabelEncoder.of(classes);
    }

    private boolean isIndicator(InputFile t, InputFile p) {
        TargetType requested = "auto".equalsIgnoreCase(task.trim()) ? null : TargetType.parse(task);
        if (t.isStrings() || t.ndim() != 2) {
            if (requested == TargetType.MULTILABEL_INDICATOR) {
                throw new IllegalArgumentException("--task multilabel needs a 2-D 0/1 --y-true (samples x labels); got "
                        + t.describeShape());
            }
            return false;
        }
        if (requested == TargetType.MULTILABEL_INDICATOR) {
            return true;
        }
        if (requested != null || perImage || ignoreIndex != null) {
            return false;
        }
        // type_of_target: a 2-D array of 0/1 with more than one column is a multilabel indicator
        return t.shape()[1] > 1 && t.isZeroOne() && Arrays.equals(t.shape(), p.shape());
    }

    private static void requireSameShape(InputFile t, InputFile p) {
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape() + " but --y-pred is "
                    + p.describeShape());
        }
    }

    private Double thresholdFor(InputFile p) {
        if (threshold != null) {
            return threshold;
        }
        return p.isIntegral() ? null : 0.5;
    }

    private static IndicatorMatrix toIndicator(InputFile f, Double threshold) {
        int[] s = f.shape();
        double[] v = f.array.toDoubleArray();
        if (threshold != null) {
            return IndicatorMatrix.fromScores(v, s[0], s[1], threshold);
        }
        byte[] d = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                throw new IllegalArgumentException(f.role + " " + f.path + ": entry (" + (i / s[1] + 1) + ", "
                        + (i % s[1] + 1) + ") is " + v[i] + "; a multilabel indicator holds only 0 and 1 "
                        + "(pass --threshold to binarize scores)");
            }
            d[i] = (byte) v[i];
        }
        return IndicatorMatrix.of(d, s[0], s[1]);
    }

    /** Predictions as labels: as given, thresholded scores (binary), or the argmax of N x C scores. */
    private LabelVector predictionLabels(InputFile t, InputFile p) {
        if (p.isStrings()) {
            return p.labels();
        }
        boolean sameShape = Arrays.equals(t.shape(), p.shape());
        if (!sameShape && p.ndim() == t.ndim() + 1 && Arrays.equals(t.shape(), Arrays.copyOf(p.shape(), t.ndim()))
                && !t.isStrings()) {
            // scores with a trailing class axis: argmax over it (column k is class k)
            int c = p.shape()[p.ndim() - 1];
            double[] s = p.array.toDoubleArray();
            long[] pred = new long[s.length / c];
            for (int i = 0; i < pred.length; i++) {
                int best = 0;
                for (int k = 1; k < c; k++) {
                    if (s[i * c + k] > s[i * c + best]) {
                        best = k;
                    }
                }
                pred[i] = best;
            }
            return LabelVector.of(pred);
        }
        if (!sameShape && p.size() != t.size()) {
            throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape() + " but --y-pred is "
                    + p.describeShape());
        }
        Double thr = thresholdFor(p);
        if (thr == null) {
            return p.labels();
        }
        double[] s = p.array.toDoubleArray();
        long[] pred = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            pred[i] = s[i] >= thr ? 1 : 0;
        }
        return LabelVector.of(pred);
    }

    private static int[] maskValues(NpyArray a, String what) {
        if (a.dtype().isFloating()) {
            throw new IllegalArgumentException(what + " holds floating-point values; masks hold class indices");
        }
        return a.toIntArray();
    }

    private ScoreReport.Outcome perImageArrays(InputFile t, InputFile p) {
        if (t.isStrings() || p.isStrings()) {
            throw new IllegalArgumentException("--per-image needs integer masks");
        }
        requireSameShape(t, p);
        int[] s = t.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("--per-image needs masks of shape (images, ...) with at least 2 "
                    + "dimensions; --y-true is " + t.describeShape());
        }
        int[] tv = maskValues(t.array, "--y-true");
        int[] pv = maskValues(p.array, "--y-pred");
        int images = s.length == 2 ? 1 : s[0];
        int per = tv.length / Math.max(images, 1);
        SegmentationIoU acc = null;
        for (int i = 0; i < images; i++) {
            int[] ti = Arrays.copyOfRange(tv, i * per, (i + 1) * per);
            int[] pi = Arrays.copyOfRange(pv, i * per, (i + 1) * per);
            acc = addImage(acc, ti, pi);
        }
        return ScoreReport.Outcome.perImage(acc);
    }

    private SegmentationIoU addImage(SegmentationIoU acc, int[] t, int[] p) {
        int c = classesNeeded(t, p);
        if (acc == null) {
            acc = ignoreIndex == null ? SegmentationIoU.of(c) : SegmentationIoU.withIgnoreIndex(c, ignoreAsInt());
        } else if (c > acc.numClasses()) {
            acc = acc.resized(c);
        }
        acc.update(t, p);
        return acc;
    }

    private int ignoreAsInt() {
        if (ignoreIndex < Integer.MIN_VALUE + 1 || ignoreIndex > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--ignore-index " + ignoreIndex + " is out of range for masks");
        }
        return (int) (long) ignoreIndex;
    }

    /** One more than the largest class index in truth (ignore index excluded) and prediction. */
    private int classesNeeded(int[] t, int[] p) {
        int max = 0;
        int ignore = ignoreIndex == null ? Integer.MIN_VALUE : ignoreAsInt();
        for (int v : t) {
            if (v == ignore) {
                continue;
            }
            if (v < 0) {
                throw new IllegalArgumentException("mask holds negative class index " + v);
            }
            max = Math.max(max, v);
        }
        for (int v : p) {
            if (v < 0) {
                throw new IllegalArgumentException("predicted mask holds negative class index " + v);
            }
            max = Math.max(max, v);
        }
        if (max >= 4096) {
            throw new IllegalArgumentException("mask class index " + max + " is too large (at most 4095 classes)");
        }
        return max + 1;
    }

    // ------------------------------------------------------------------ directories

    private MulticlassConfusion dense;

    private LabelEncoder denseLabels() {
        return LabelEncoder.range(dense.numClasses());
    }

    /**
     * Streams the mask pairs of two directories into one confusion state, a pair at a time (memory: one pair, not
     * the data set). uint8 masks (PNG, or NPY {@code uint8}) are counted as bytes; other integer masks as ints.
     */
    private MulticlassConfusion datasetDirectories(PrintWriter err) throws IOException {
        MaskDirectoryPairs pairs = MaskDirectoryPairs.of(yTrue, yPred);
        MulticlassConfusion state = null;
        int ignore = ignoreIndex == null ? MulticlassConfusion.NO_IGNORE : ignoreAsInt();
        try (Progress bar = new Progress(err, "scoring masks", pairs.size())) {
            for (MaskPair pair : pairs) {
                NpyArray t = pair.truth();
                NpyArray p = pair.prediction();
                requireSameShape(pair, t, p);
                boolean bytes = t.dtype() == NpyDtype.UINT8 && p.dtype() == NpyDtype.UINT8;
                int[][] tp = bytes ? null : new int[][] {maskValues(t, "mask " + pair.name() + " (truth)"),
                    maskValues(p, "mask " + pair.name() + " (prediction)")};
                int c = bytes ? classesNeeded((byte[]) t.data(), (byte[]) p.data(), ignore)
                        : classesNeeded(tp[0], tp[1]);
                if (state == null) {
                    state = MulticlassConfusion.withIgnoreIndex(c, ignore);
                } else if (c > state.numClasses()) {
                    state = state.resized(c);
                }
                if (bytes) {
                    state.update((byte[]) t.data(), (byte[]) p.data());
                } else {
                    state.update(tp[0], tp[1]);
                }
                bar.step();
            }
        }
        if (state == null) {
            throw new IllegalArgumentException("no masks found in " + yTrue);
        }
        dense = state;
        return state;
    }

    /** One more than the largest class index of two uint8 masks (truth pixels equal to {@code ignore} skipped). */
    private static int classesNeeded(byte[] t, byte[] p, int ignore) {
        int max = 0;
        for (int i = 0; i < t.length; i++) {
            int a = t[i] & 0xFF;
            if (a != ignore) {
                max = Math.max(max, a);
            }
            max = Math.max(max, p[i] & 0xFF);
        }
        return max + 1;
    }

    private ScoreReport.Outcome perImageDirectories() throws IOException {
        MaskDirectoryPairs pairs = MaskDirectoryPairs.of(yTrue, yPred);
        SegmentationIoU acc = null;
        try (Progress bar = new Progress(spec.commandLine().getErr(), "scoring masks", pairs.size())) {
            for (MaskPair pair : pairs) {
                int[][] tp = pairValues(pair);
                acc = addImage(acc, tp[0], tp[1]);
                bar.step();
            }
        }
        if (acc == null) {
            throw new IllegalArgumentException("no masks found in " + yTrue);
        }
        return ScoreReport.Outcome.perImage(acc);
    }

    private static void requireSameShape(MaskPair pair, NpyArray t, NpyArray p) {
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException("mask " + pair.name() + ": truth is " + Arrays.toString(t.shape())
                    + " but prediction is " + Arrays.toString(p.shape()));
        }
    }

    private static int[][] pairValues(MaskPair pair) throws IOException {
        NpyArray t = pair.truth();
        NpyArray p = pair.prediction();
        requireSameShape(pair, t, p);
        return new int[][] {maskValues(t, "mask " + pair.name() + " (truth)"),
            maskValues(p, "mask " + pair.name() + " (prediction)")};
    }

    // ------------------------------------------------------------------ output

    static String formatCount(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
