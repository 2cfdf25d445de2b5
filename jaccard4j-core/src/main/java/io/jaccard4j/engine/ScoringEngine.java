package io.jaccard4j.engine;

import io.jaccard4j.concurrent.ChunkedWork;
import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.NpyDtype;
import io.jaccard4j.metrics.ClassCounts;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.Target;
import io.jaccard4j.metrics.TargetType;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The scoring engine: the one place that turns inputs and a {@link ScoreRequest} into a score. Every front end —
 * the {@code jaccard4j score} command, {@code report}, the Spark job, library callers — calls it, so the same
 * inputs and options give the same result and the same error message everywhere.
 *
 * <p>The pipeline, as torchmetrics and scikit-learn shape it:
 * <ol>
 *   <li><b>read</b> ({@link InputArray#read}): CSV/TXT, NPY, PNG, or two directories of masks;</li>
 *   <li><b>validate</b>: finite values, a non-empty array with at least one dimension, shapes that pair up
 *       (equal shapes, or a trailing class axis of scores), weights that fit;</li>
 *   <li><b>format</b> ({@link #prepare}): the target type ({@code type_of_target}: a 2-D 0/1 array is a multilabel
 *       indicator unless {@code --task} or {@code --per-image} says otherwise; PNG images and other N-D arrays are
 *       masks, one label a pixel), predictions as labels — as given, thresholded at {@code score >= t}
 *       (non-integer scores default to {@code t = 0.5}), or arg-maxed over a trailing class axis (column k is
 *       class k) — and samples whose true label is the ignore index dropped;</li>
 *   <li><b>count</b>: one confusion state (a 256-class table counted straight from uint8/int16/int32 arrays, a
 *       window of O(C) per-class counters for integer labels spanning at most {@link #CLASS_WINDOW} values, or scikit-learn's general
 *       path), or a {@link MaskAccumulator} for a stream of mask pairs;</li>
 *   <li><b>reduce</b>: {@link Scorer} (scikit-learn's averages and zero division) or {@link SegmentationIoU}
 *       (per-image IoU), returned as a {@link ScoreOutcome}, which also prints itself.</li>
 * </ol>
 * The fast counting paths change only the speed, never the result.
 */
public final class ScoringEngine {
    /**
     * Integer labels spanning at most this many values are counted in one O(C) window of per-class counters
     * (three longs a value: 48 MiB at most).
     */
    public static final int CLASS_WINDOW = 1 << 21;

    private ScoringEngine() {
    }

    // ------------------------------------------------------------------ entry points

    /**
     * Scores two files (or two directories of masks, streamed a pair at a time), with optional sample weights.
     *
     * @param sampleWeight a file of one weight a sample, or null
     * @throws IllegalArgumentException for bad input, with the message every front end prints
     */
    public static ScoreOutcome score(Path yTrue, Path yPred, Path sampleWeight, ScoreRequest request,
            ProgressListener progress) throws IOException {
        Objects.requireNonNull(request, "request");
        if (request.segmentation() != null && request.segmentation().overlapInterval()) {
            MaskDirectoryPairs masks = yTrue == null || yPred == null ? null : maskPairs(yTrue, yPred, sampleWeight);
            if (masks != null) {
                return OverlapBootstrap.masks(masks, request);
            }
        } else if (request.segmentation() != null) {
            return SegmentationScores.score(yTrue, yPred, sampleWeight, request);
        }
        if (request.torchmetrics().active()) {
            return TorchmetricsScores.score(yTrue, yPred, sampleWeight, request, progress);
        }
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("--y-true and --y-pred are required");
        }
        MaskDirectoryPairs pairs = maskPairs(yTrue, yPred, sampleWeight);
        if (pairs != null) {
            return scoreMasks(pairs, pairs.size(), request, progress);
        }
        InputArray t = InputArray.read(yTrue, "--y-true");
        InputArray p = InputArray.read(yPred, "--y-pred");
        InputArray w = sampleWeight == null ? null : InputArray.read(sampleWeight, "--sample-weight");
        return score(t, p, w, request);
    }

    /**
     * The mask pairs of two directories, matched by file name, or null when both paths are files; the rules every
     * front end applies to directories: both or neither, and no sample weights.
     *
     * @throws IllegalArgumentException for one directory and one file, or weights with directories
     */
    public static MaskDirectoryPairs maskPairs(Path yTrue, Path yPred, Path sampleWeight) throws IOException {
        if (!Files.isDirectory(yTrue) && !Files.isDirectory(yPred)) {
            return null;
        }
        if (!(Files.isDirectory(yTrue) && Files.isDirectory(yPred))) {
            throw new IllegalArgumentException("--y-true and --y-pred must both be directories of masks, or both "
                    + "files");
        }
        if (sampleWeight != null) {
            throw new IllegalArgumentException("--sample-weight does not apply to directories of masks");
        }
        return MaskDirectoryPairs.of(yTrue, yPred);
    }

    /**
     * Scores arrays already read.
     *
     * @param w one weight a sample, or null
     */
    public static ScoreOutcome score(InputArray t, InputArray p, InputArray w, ScoreRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.segmentation() != null && request.segmentation().overlapInterval()) {
            t = validated(t);
            p = validated(p);
            w = w == null ? null : validated(w);
            if (SampleBootstrap.isMaskStack(t)) {
                return OverlapBootstrap.stack(t, p, w, request);
            }
            return SampleBootstrap.plan(t, p, w, request).outcome(ChunkedWork.defaultThreads());
        }
        if (request.segmentation() != null) {
            return SegmentationScores.score(t, p, w, request);
        }
        if (request.torchmetrics().active()) {
            if (w != null) {
                throw new IllegalArgumentException("--sample-weight does not apply with --semantics torchmetrics");
            }
            return TorchmetricsScores.score(t, p, request);
        }
        t = asVector(validated(t));
        p = asVector(validated(p));
        double[] weights = w == null ? null : weights(validated(w), t);
        if (request.perImage()) {
            if (weights != null) {
                throw new IllegalArgumentException("--sample-weight does not apply to --per-image (images are "
                        + "weighted equally)");
            }
            return perImage(t, p, request);
        }
        if (ClassificationScoring.handles(request)) {
            return ClassificationScoring.score(t, p, weights, request);
        }
        if (weights == null && !isIndicator(t, p, request)) {
            MulticlassConfusion counted = countIntegerArrays(t, p, request);
            if (counted != null) {
                requireSamplesLeft(counted.total(), request.ignoreIndex());
                return ScoreOutcome.of(Scorer.score(counted, LabelEncoder.range(counted.numClasses()),
                        request.options()));
            }
            ScoreResult ints = scoreIntWindow(t, p, request);
            if (ints != null) {
                return ScoreOutcome.of(ints);
            }
        }
        return ScoreOutcome.of(score(prepare(t, p, weights, request), request));
    }

    /**
     * Scores a stream of mask pairs, dataset-wide or per image.
     *
     * @param total the number of pairs, for progress (or -1 when unknown)
     * @throws IllegalArgumentException when the stream is empty or a pair is bad
     */
    public static ScoreOutcome scoreMasks(Iterable<MaskPair> pairs, long total, ScoreRequest request,
            ProgressListener progress) throws IOException {
        if (request.torchmetrics().active()) {
            return TorchmetricsScores.masks(pairs, total, request, progress);
        }
        MaskAccumulator acc = MaskAccumulator.forRequest(request);
        progress.begin("scoring masks", total);
        try {
            for (MaskPair pair : pairs) {
                acc.add(pair.name(), pair.truth(), pair.prediction());
                progress.step();
            }
        } finally {
            progress.end();
        }
        return outcome(acc, request);
    }

    /**
     * The outcome of a mask accumulator (for example the merged accumulators of a distributed job).
     *
     * @throws IllegalArgumentException when no mask was added
     */
    public static ScoreOutcome outcome(MaskAccumulator acc, ScoreRequest request) {
        if (acc.pairs() == 0) {
            throw new IllegalArgumentException("no masks to score: the inputs hold no mask pairs");
        }
        if (request.torchmetrics().active()) {
            return TorchmetricsScores.outcome(acc, request);
        }
        if (request.perImage()) {
            return ScoreOutcome.perImage(acc.perImageState());
        }
        MulticlassConfusion state = acc.confusion();
        requireSamplesLeft(state.total(), request.ignoreIndex());
        if (ClassificationScoring.handles(request)) {
            return ClassificationScoring.score(state, request);
        }
        return ScoreOutcome.of(Scorer.score(state, LabelEncoder.range(state.numClasses()), request.options()));
    }

    // ------------------------------------------------------------------ validate

    static InputArray validated(InputArray a) {
        Objects.requireNonNull(a, "input");
        a.requireFinite();
        return a;
    }

    /** An {@code (N, 1)} column is the vector {@code (N,)}, as scikit-learn's {@code column_or_1d} reads it. */
    private static InputArray asVector(InputArray a) {
        int[] s = a.shape();
        return s.length == 2 && s[1] == 1 && !a.isImage() ? a.reshaped(s[0]) : a;
    }

    private static double[] weights(InputArray w, InputArray t) {
        w = asVector(w);
        if (w.isStrings() || w.ndim() != 1) {
            throw new IllegalArgumentException(w.where() + " must hold one number a sample, got "
                    + (w.isStrings() ? "strings" : "shape " + w.describeShape()));
        }
        int samples = t.shape()[0];
        if (w.size() != samples) {
            throw new IllegalArgumentException(w.role() + " has " + w.size() + " weights but there are " + samples
                    + " samples");
        }
        return w.toDoubleArray();
    }

    private static void requireSameShape(InputArray t, InputArray p) {
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape() + " but --y-pred is "
                    + p.describeShape());
        }
    }

    /** Whether the pair is a multilabel indicator target (see the class comment); fails on contradictions. */
    static boolean isIndicator(InputArray t, InputArray p, ScoreRequest request) {
        TargetType requested = request.options().task();
        if (t.isStrings() || t.ndim() != 2 || t.isImage()) {
            if (requested == TargetType.MULTILABEL_INDICATOR) {
                throw new IllegalArgumentException("--task multilabel needs a 2-D 0/1 --y-true (samples x labels) in "
                        + "CSV or NPY; got " + (t.isImage() ? "a PNG image" : t.describeShape()));
            }
            return false;
        }
        if (requested == TargetType.MULTILABEL_INDICATOR) {
            return true;
        }
        if (requested != null || request.perImage()) {
            return false;
        }
        boolean indicator = t.isZeroOne() && Arrays.equals(t.shape(), p.shape());
        if (indicator && request.ignoreIndex() != null) {
            throw new IllegalArgumentException("--ignore-index applies to labels and masks, but --y-true "
                    + t.describeShape() + " holds only 0 and 1 and is read as a multilabel indicator matrix; pass "
                    + "--task multiclass to score it as a mask of labels");
        }
        return indicator;
    }

    // ------------------------------------------------------------------ format

    /**
     * Validates and formats a pair of arrays into the target scikit-learn's scorer takes: an indicator matrix pair,
     * or label vectors with the ignored samples (and their weights) dropped. Distributed front ends call this on
     * the driver and count the prepared targets where they run; {@code report} calls it to build its confusion
     * matrix.
     *
     * @param w one weight a sample, or null
     */
    public static Prepared prepare(InputArray t, InputArray p, InputArray w, ScoreRequest request) {
        Objects.requireNonNull(request, "request");
        t = asVector(validated(t));
        p = asVector(validated(p));
        double[] weights = w == null ? null : weights(validated(w), t);
        if (request.perImage()) {
            throw new IllegalArgumentException("--per-image scores masks image by image; it has no single target");
        }
        if (request.torchmetrics().active()) {
            throw new IllegalArgumentException("--semantics torchmetrics is scored whole by ScoringEngine.score; it "
                    + "has no scikit-learn target to prepare");
        }
        return prepare(t, p, weights, request);
    }

    static Prepared prepare(InputArray t, InputArray p, double[] weights, ScoreRequest request) {
        if (isIndicator(t, p, request)) {
            if (request.ignoreIndex() != null) {
                throw new IllegalArgumentException("--ignore-index applies to labels and masks, not to a multilabel "
                        + "indicator matrix");
            }
            requireSameShape(t, p);
            return new Prepared(toIndicator(t, null), toIndicator(p, thresholdFor(p, request)), weights);
        }
        if (t.ndim() > 1 && weights != null) {
            throw new IllegalArgumentException("--sample-weight needs one label a sample; --y-true is "
                    + t.describeShape());
        }
        LabelVector truth = t.labels();
        LabelVector pred = predictionLabels(t, p, request);
        Long ignore = request.ignoreIndex();
        if (ignore == null) {
            return new Prepared(truth, pred, weights);
        }
        if (!truth.isNumeric()) {
            throw new IllegalArgumentException("--ignore-index needs integer labels; --y-true holds strings");
        }
        long[] tv = truth.numericValues();
        int kept = 0;
        for (long v : tv) {
            if (v != ignore) {
                kept++;
            }
        }
        requireSamplesLeft(kept, ignore);
        int[] keep = new int[kept];
        for (int i = 0, k = 0; i < tv.length; i++) {
            if (tv[i] != ignore) {
                keep[k++] = i;
            }
        }
        double[] w2 = null;
        if (weights != null) {
            w2 = new double[kept];
            for (int k = 0; k < kept; k++) {
                w2[k] = weights[keep[k]];
            }
        }
        return new Prepared(select(truth, keep), select(pred, keep), w2);
    }

    /**
     * Fails when the ignore index left no sample to score — the same message whichever counting path found it
     * (without an ignore index, empty inputs are refused when read).
     */
    static void requireSamplesLeft(double kept, Long ignoreIndex) {
        if (kept == 0 && ignoreIndex != null) {
            throw new IllegalArgumentException("every sample's true label is the ignore index " + ignoreIndex
                    + "; nothing is left to score");
        }
    }

    private static LabelVector select(LabelVector v, int[] keep) {
        if (v.isNumeric()) {
            long[] all = v.numericValues();
            long[] out = new long[keep.length];
            for (int k = 0; k < keep.length; k++) {
                out[k] = all[keep[k]];
            }
            return LabelVector.of(out);
        }
        String[] all = v.stringValues();
        String[] out = new String[keep.length];
        for (int k = 0; k < keep.length; k++) {
            out[k] = all[keep[k]];
        }
        return LabelVector.of(out);
    }

    private static Double thresholdFor(InputArray p, ScoreRequest request) {
        if (request.threshold() != null) {
            return request.threshold();
        }
        return p.isIntegral() ? null : 0.5;
    }

    private static IndicatorMatrix toIndicator(InputArray f, Double threshold) {
        int[] s = f.shape();
        double[] v = f.toDoubleArray();
        if (threshold != null) {
            return IndicatorMatrix.fromScores(v, s[0], s[1], threshold);
        }
        byte[] d = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                throw new IllegalArgumentException(f.where() + ": entry (" + (i / s[1] + 1) + ", " + (i % s[1] + 1)
                        + ") is " + v[i] + "; a multilabel indicator holds only 0 and 1 (pass --threshold to binarize "
                        + "scores)");
            }
            d[i] = (byte) v[i];
        }
        return IndicatorMatrix.of(d, s[0], s[1]);
    }

    /** Predictions as labels: as given, thresholded scores (binary), or the arg-max of scores over a class axis. */
    private static LabelVector predictionLabels(InputArray t, InputArray p, ScoreRequest request) {
        if (p.isStrings()) {
            requireSameShape(t, p);
            return p.labels();
        }
        int[] ts = t.shape();
        int[] ps = p.shape();
        if (!t.isStrings() && ps.length == ts.length + 1 && Arrays.equals(ts, Arrays.copyOf(ps, ts.length))) {
            int c = ps[ps.length - 1];
            if (c < 2) {
                throw new IllegalArgumentException("--y-pred " + p.describeShape() + " has a class axis of size " + c
                        + "; scores over classes need at least two columns (give one score a sample to threshold)");
            }
            if (request.threshold() != null) {
                throw new IllegalArgumentException("--threshold binarizes one score a sample; --y-pred "
                        + p.describeShape() + " holds scores over " + c + " classes, which are arg-maxed");
            }
            return LabelVector.of(argmax(p.toDoubleArray(), c));
        }
        requireSameShape(t, p);
        Double thr = thresholdFor(p, request);
        if (thr == null) {
            return p.labels();
        }
        double[] s = p.toDoubleArray();
        long[] pred = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            pred[i] = s[i] >= thr ? 1 : 0;
        }
        return LabelVector.of(pred);
    }

    /** The index of the largest score of each row of {@code c} scores (the first on ties). */
    static long[] argmax(double[] s, int c) {
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
        return pred;
    }

    // ------------------------------------------------------------------ count and reduce

    /** Counts and scores a prepared target (the dense fast path for integer labels, else scikit-learn's path). */
    public static ScoreResult score(Prepared x, ScoreRequest request) {
        if (x.indicator) {
            return Scorer.score(x.truth, x.prediction, x.weights, request.options());
        }
        LabelVector t = (LabelVector) x.truth;
        LabelVector p = (LabelVector) x.prediction;
        if (x.weights == null && t.isNumeric() && p.isNumeric() && t.size() == p.size()) {
            ScoreResult windowed = scoreClassWindow(t.numericValues(), p.numericValues(), request);
            if (windowed != null) {
                return windowed;
            }
        }
        return Scorer.score(t, p, x.weights, request.options());
    }

    /**
     * The fast path for arrays of the same integer type (uint8 / bool, int16, uint16, int32) and shape with values
     * in 0..255: one 256-class confusion state counted straight from the arrays on all processors (no boxing, no
     * copies), scored with the labels that occur, exactly as the general path scores them. Null when the inputs
     * are anything else, which the general path handles.
     */
    static MulticlassConfusion countIntegerArrays(InputArray t, InputArray p, ScoreRequest request) {
        NpyArray ta = t.array();
        NpyArray pa = p.array();
        if (ta == null || pa == null || ta.dtype() != pa.dtype() || !Arrays.equals(ta.shape(), pa.shape())
                || request.threshold() != null) {
            return null;
        }
        Long ig = request.ignoreIndex();
        int ignore = ig == null || ig < Integer.MIN_VALUE + 1 || ig > Integer.MAX_VALUE
                ? MulticlassConfusion.NO_IGNORE : (int) (long) ig;
        MulticlassConfusion state = MulticlassConfusion.withIgnoreIndex(256, ignore);
        int threads = ChunkedWork.defaultThreads();
        Object td = ta.data();
        Object pd = pa.data();
        switch (ta.dtype()) {
            case UINT8:
            case BOOL:
                return state.update((byte[]) td, (byte[]) pd, threads);
            case INT16:
            case UINT16: {
                boolean unsigned = ta.dtype() == NpyDtype.UINT16;
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
     * Integer labels within a window of {@link #CLASS_WINDOW} values are counted straight into an O(C)
     * {@link ClassCounts} indexed by label − min (no encoding, no sort), then scored over the classes that occur;
     * null for a wider span, which scikit-learn's general path (sorted encoding, also O(C)) handles.
     */
    private static ScoreResult scoreClassWindow(long[] t, long[] p, ScoreRequest request) {
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
        if (span <= 0 || span > CLASS_WINDOW) {
            return null;
        }
        return scoreWindow(ClassCounts.of((int) span).update(t, p, min), min, request);
    }

    /**
     * int32 label arrays of the same shape (no threshold): the window of {@link #scoreClassWindow} counted straight
     * from the arrays, the ignored truth skipped, without widening them to longs. Null when the labels span more
     * than {@link #CLASS_WINDOW} values or the inputs are anything else.
     */
    private static ScoreResult scoreIntWindow(InputArray t, InputArray p, ScoreRequest request) {
        NpyArray ta = t.array();
        NpyArray pa = p.array();
        if (ta == null || pa == null || ta.dtype() != NpyDtype.INT32 || pa.dtype() != NpyDtype.INT32
                || !Arrays.equals(ta.shape(), pa.shape()) || request.threshold() != null) {
            return null;
        }
        Long ig = request.ignoreIndex();
        if (ig != null && (ig < Integer.MIN_VALUE || ig > Integer.MAX_VALUE)) {
            ig = null; // no int32 label equals it
        }
        int[] tv = (int[]) ta.data();
        int[] pv = (int[]) pa.data();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int kept = 0;
        for (int i = 0; i < tv.length; i++) {
            if (ig != null && tv[i] == ig) {
                continue;
            }
            kept++;
            min = Math.min(min, Math.min(tv[i], pv[i]));
            max = Math.max(max, Math.max(tv[i], pv[i]));
        }
        requireSamplesLeft(kept, ig);
        long span = max - min + 1;
        if (span > CLASS_WINDOW) {
            return null;
        }
        int ignore = ig == null ? (int) min - 1 : (int) (long) ig;
        if (ig == null && min == Integer.MIN_VALUE) {
            return null; // no int below the window to stand for "no ignore index"
        }
        return scoreWindow(ClassCounts.of((int) span).update(tv, pv, (int) min, ig == null ? null : ignore,
                ChunkedWork.defaultThreads()), min, request);
    }

    /**
     * Scores a window of per-class counts whose class k is label {@code min + k}, over the classes present (the
     * scorer finds them from the counts; the window's labels are a range, so none is boxed or sorted).
     */
    private static ScoreResult scoreWindow(ClassCounts window, long min, ScoreRequest request) {
        return Scorer.score(window.labelCounts(), LabelEncoder.range(min, window.numClasses()), request.options());
    }

    /** Per-image IoU of masks held in one array: {@code (H, W)} is one image, {@code (N, ...)} is N images. */
    private static ScoreOutcome perImage(InputArray t, InputArray p, ScoreRequest request) {
        if (t.isStrings() || p.isStrings()) {
            throw new IllegalArgumentException("--per-image needs integer masks");
        }
        requireSameShape(t, p);
        int[] s = t.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("--per-image needs masks of shape (images, ...) with at least 2 "
                    + "dimensions; --y-true is " + t.describeShape());
        }
        if (t.isFloating() || p.isFloating()) {
            throw new IllegalArgumentException((t.isFloating() ? t : p).where()
                    + " holds floating-point values; masks hold class indices");
        }
        int[] tv = t.array().toIntArray();
        int[] pv = p.array().toIntArray();
        int images = s.length == 2 ? 1 : s[0];
        int per = tv.length / images;
        MaskAccumulator acc = MaskAccumulator.forRequest(request);
        for (int i = 0; i < images; i++) {
            acc.add("image " + i, Arrays.copyOfRange(tv, i * per, (i + 1) * per),
                    Arrays.copyOfRange(pv, i * per, (i + 1) * per));
        }
        return outcome(acc, request);
    }

    /**
     * A validated, formatted target: truth and prediction as label vectors (ignored samples dropped) or as
     * multilabel indicator matrices, with their sample weights (or null).
     */
    public static final class Prepared {
        private final Target truth;
        private final Target prediction;
        private final double[] weights;
        private final boolean indicator;

        Prepared(Target truth, Target prediction, double[] weights) {
            this.truth = truth;
            this.prediction = prediction;
            this.weights = weights;
            this.indicator = truth instanceof IndicatorMatrix;
        }

        /** Whether the target is a multilabel indicator matrix pair. */
        public boolean isIndicator() {
            return indicator;
        }

        /** The truth: a {@link LabelVector} or an {@link IndicatorMatrix}. */
        public Target truth() {
            return truth;
        }

        /** The prediction, of the same kind as the truth. */
        public Target prediction() {
            return prediction;
        }

        /** One weight a sample, or null. */
        public double[] weights() {
            return weights;
        }
    }
}
