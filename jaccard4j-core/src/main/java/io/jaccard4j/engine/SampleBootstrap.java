package io.jaccard4j.engine;

import io.jaccard4j.concurrent.ChunkedWork;
import io.jaccard4j.io.InputArray;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.ClassificationMetric;
import io.jaccard4j.metrics.ClassificationScores;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.MultilabelConfusion;
import io.jaccard4j.metrics.SamplewiseConfusion;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.Target;
import io.jaccard4j.uncertainty.BootstrapInterval;
import io.jaccard4j.uncertainty.PoissonWeights;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --ci level --bootstrap R --seed S} for the classic overlap scores ({@code --metric
 * jaccard|f1|dice|precision|recall}) of plain label vectors and multilabel indicator matrices (classification:
 * binary, multiclass, multilabel), with every {@code --average} that gives one number (binary, micro, macro,
 * weighted, samples), {@code --labels}, {@code --pos-label}, {@code --zero-division}, {@code --ignore-index},
 * {@code --threshold} / arg-max and {@code --sample-weight} applied exactly as the point estimate applies them.
 *
 * <p><b>Resampling: a Poisson bootstrap.</b> The inputs are prepared once ({@link ScoringEngine#prepare}: ignored
 * samples dropped, predictions as labels) and the labels encoded once, with the classes and the present labels
 * of the whole data. Resample r gives sample i the weight v<sub>r,i</sub> = k<sub>r,i</sub>·w<sub>i</sub>, with
 * k<sub>r,i</sub> ~ Poisson(1) from {@link PoissonWeights} (a pure function of (seed, r, i)) and w<sub>i</sub> the
 * sample weight (1 without {@code --sample-weight}). Its score is the point estimate's computation on the same
 * samples with sample weights v<sub>r,i</sub> — scikit-learn's {@code score(y_true, y_pred,
 * sample_weight=v_r)}: the per-class counts (tp, predicted, true) Σ<sub>i</sub> v<sub>r,i</sub>[…] summed by the
 * point estimate's own counting rule ({@link Scorer#countEncoded}, or {@link MultilabelConfusion} /
 * {@link SamplewiseConfusion} for indicator matrices), then reduced by {@link Scorer} with the whole data's
 * labels. A resample whose weights are all zero (scikit-learn rejects such weights) is undefined and dropped, as
 * the mask bootstrap drops resamples of only ignored images; so is a NaN score ({@code --zero-division nan}).
 * The interval is {@link BootstrapInterval#ofStatistics}: the numpy-linear (1 − level)/2 and (1 + level)/2
 * quantiles of the defined resample scores.
 *
 * <p><b>Why Poisson, and why split over resamples.</b> Poisson weights need no global draw order: sample i's
 * weight in resample r is known without drawing the others, so the resamples are the same whichever thread or
 * Spark task computes them. The work is split over resamples, not samples: each resample's sums are taken over
 * the samples in sample order by one thread, so the statistic of resample r is the same double whatever the thread
 * count or the Spark partitioning, also for fractional sample weights (a sample-partitioned merge of double sums
 * would change the last bits with the partitioning). Besides the encoded data, memory is O(threads·C) for
 * unweighted labels; sample weights, multilabel targets and the rest of the family add the weight vector
 * v<sub>r</sub> (O(threads·n)), and sample weights with C ≤ 2048 classes the point estimate's weighted matrix
 * (O(threads·C²)); plus R doubles. There are no R·C states.
 * Time is O(R·n). The multinomial bootstrap of {@link OverlapBootstrap} (used for masks, images resampled) would
 * need one global stream of draws.
 *
 * <p>The plan is {@link Serializable}: the encoded labels, weights and options travel to Spark executors, which
 * call {@link #statistics(int, int)} for a range of resamples; the point estimate and the request stay on the
 * driver.
 */
public final class SampleBootstrap implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most resamples {@code --bootstrap} takes. */
    public static final int MAX_RESAMPLES = 1_000_000;

    private final int n;
    private final int resamples;
    private final long seed;
    private final double level;
    private final ScoreOptions options;
    private final double[] weights;
    // label vectors
    private final int numClasses;
    private final int[] truth;
    private final int[] prediction;
    private final LabelEncoder classes;
    private final List<Object> present;
    // indicator matrices
    private final byte[] truthBits;
    private final byte[] predictionBits;
    private final int columns;
    // the rest of scikit-learn's family: the prepared labels as they are (numbers or strings)
    private final ClassificationMetric family;
    private final Object familyTruth;
    private final Object familyPrediction;
    private transient ScoreOutcome point;
    private transient Target familyTruthTarget;
    private transient Target familyPredictionTarget;
    private transient IndicatorMatrix truthMatrix;
    private transient IndicatorMatrix predictionMatrix;

    private SampleBootstrap(ScoringEngine.Prepared x, ScoreRequest request, ScoreOutcome point) {
        SegmentationRequest seg = request.segmentation();
        this.family = request.classificationMetric();
        this.familyTruth = family == null ? null : values(x.truth());
        this.familyPrediction = family == null ? null : values(x.prediction());
        this.resamples = seg.bootstrap();
        this.seed = seg.seed();
        this.level = seg.ciLevel();
        this.options = request.options();
        this.weights = x.weights();
        this.point = point;
        if (x.isIndicator()) {
            IndicatorMatrix t = (IndicatorMatrix) x.truth();
            IndicatorMatrix p = (IndicatorMatrix) x.prediction();
            this.n = t.size();
            this.truthBits = t.data();
            this.predictionBits = p.data();
            this.columns = t.columns();
            this.numClasses = 0;
            this.truth = null;
            this.prediction = null;
            this.classes = null;
            this.present = null;
        } else if (family != null) {
            this.n = x.truth().size();
            this.present = null;
            this.classes = null;
            this.numClasses = 0;
            this.truth = null;
            this.prediction = null;
            this.truthBits = null;
            this.predictionBits = null;
            this.columns = 0;
        } else {
            LabelVector t = (LabelVector) x.truth();
            LabelVector p = (LabelVector) x.prediction();
            this.n = t.size();
            this.present = LabelEncoder.unionSorted(t, p);
            this.classes = Scorer.classes(present, options);
            this.numClasses = Math.max(classes.size(), 1);
            this.truth = classes.size() == 0 ? new int[n] : classes.encode(t);
            this.prediction = classes.size() == 0 ? new int[n] : classes.encode(p);
            this.truthBits = null;
            this.predictionBits = null;
            this.columns = 0;
        }
    }

    /**
     * The plan for two files of label vectors (or indicator matrices, or scores), or null when the request has no
     * {@code --ci} for an overlap score or the inputs are masks (two directories, or an NPY stack of at least three
     * dimensions), which {@link OverlapBootstrap} resamples by image. Reads and prepares the inputs and computes the
     * point estimate (driver side).
     *
     * @throws IllegalArgumentException for bad input, with the messages of {@link ScoringEngine#score}
     */
    public static SampleBootstrap plan(Path yTrue, Path yPred, Path sampleWeight, ScoreRequest request)
            throws IOException {
        if (!applies(request) || yTrue == null || yPred == null
                || ScoringEngine.maskPairs(yTrue, yPred, sampleWeight) != null) {
            return null;
        }
        // read and validated in the order of ScoringEngine.score, so that bad input gives its message
        InputArray t = InputArray.read(yTrue, "--y-true");
        InputArray p = InputArray.read(yPred, "--y-pred");
        InputArray w = sampleWeight == null ? null : InputArray.read(sampleWeight, "--sample-weight");
        t = ScoringEngine.validated(t);
        p = ScoringEngine.validated(p);
        w = w == null ? null : ScoringEngine.validated(w);
        return isMaskStack(t) ? null : plan(t, p, w, request);
    }

    /** Whether the request asks {@code --ci} for an overlap score (jaccard, f1, precision, recall). */
    static boolean applies(ScoreRequest request) {
        return request.segmentation() != null && request.segmentation().overlapInterval();
    }

    /** Masks held in one NPY array {@code (N, H, W, ...)}: resampled by image, not here. */
    static boolean isMaskStack(InputArray t) {
        return !t.isStrings() && !t.isImage() && t.ndim() >= 3;
    }

    /**
     * The plan for arrays already read (not a mask stack).
     *
     * @throws IllegalArgumentException for bad input or options that give no single score
     */
    static SampleBootstrap plan(InputArray t, InputArray p, InputArray w, ScoreRequest request) {
        if (request.classificationMetric() == null && request.options().average() == Average.NONE) {
            throw new IllegalArgumentException("--ci needs one score; --average none gives one score a class");
        }
        if (request.classificationMetric() == ClassificationMetric.TOP_K_ACCURACY) {
            throw new IllegalArgumentException("--ci does not apply to --metric top-k-accuracy (its resampling of "
                    + "score matrices is not implemented); use it with the other classification metrics");
        }
        int resamples = request.segmentation().bootstrap();
        if (resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("--bootstrap must be at most " + MAX_RESAMPLES + " resamples; got "
                    + resamples);
        }
        if (t.isImage()) {
            throw new IllegalArgumentException("--ci with --metric " + metricName(request) + " resamples images or "
                    + "samples; --y-true is a single PNG image (give two directories of masks)");
        }
        ScoringEngine.Prepared x = ScoringEngine.prepare(t, p, w, request);
        if (!x.isIndicator() && t.ndim() > 1 && !(t.ndim() == 2 && t.shape()[1] == 1)) {
            throw new IllegalArgumentException("--ci with --metric " + metricName(request) + " resamples images or "
                    + "samples; --y-true " + t.describeShape() + " is one mask (give an NPY stack (N, H, W) or two "
                    + "directories of masks)");
        }
        ScoreOutcome point = request.classificationMetric() == null ? ScoreOutcome.of(ScoringEngine.score(x, request))
                : ClassificationScoring.outcome(ClassificationScores.score(request.classificationMetric(), x.truth(),
                        x.prediction(), x.weights(), request.options()));
        return new SampleBootstrap(x, request, point);
    }

    /** A prepared target's values, for serialization: long[] or String[] labels, or an indicator's bytes. */
    private static Object values(Target t) {
        if (t instanceof IndicatorMatrix) {
            return null;
        }
        LabelVector v = (LabelVector) t;
        return v.isNumeric() ? v.numericValues() : v.stringValues();
    }

    private static Target target(Object values) {
        return values instanceof long[] ? LabelVector.of((long[]) values) : LabelVector.of((String[]) values);
    }

    private static String metricName(ScoreRequest request) {
        return request.classificationMetric() != null ? request.classificationMetric().id()
                : request.options().metric().name().toLowerCase(Locale.ROOT);
    }

    /** The number of samples resampled (after the ignore index). */
    public int samples() {
        return n;
    }

    /** R, the number of resamples. */
    public int resamples() {
        return resamples;
    }

    /**
     * The statistics of resamples {@code from} (inclusive) to {@code to} (exclusive), in resample order; NaN for an
     * undefined resample. Callable on an executor.
     */
    public double[] statistics(int from, int to) {
        if (from < 0 || to > resamples || from > to) {
            throw new IllegalArgumentException("resamples [" + from + ", " + to + ") are not within [0, " + resamples
                    + ")");
        }
        double[] out = new double[to - from];
        long[] counts = family == null && truth != null && weights == null ? new long[3 * numClasses] : null;
        double[] v = counts == null ? new double[n] : null;
        for (int r = from; r < to; r++) {
            out[r - from] = statistic(r, v, counts);
        }
        return out;
    }

    /** Every resample's statistic, computed on up to {@code threads} threads (the values do not depend on it). */
    public double[] statistics(int threads) {
        double[] all = new double[resamples];
        // one contiguous range of resamples a thread, so that each thread allocates its scratch space once
        ChunkedWork.forEachRange(resamples, threads, 1,
                (k, from, to) -> System.arraycopy(statistics(from, to), 0, all, from, to - from));
        return all;
    }

    /** The outcome on this machine: the point estimate with the interval of {@link #statistics(int)}. */
    public ScoreOutcome outcome(int threads) {
        return outcome(statistics(threads));
    }

    /**
     * The point estimate with the percentile interval of the given statistics (all R, in resample order): JSON
     * {@code "ci": [lo, hi]}, {@code ci_level}, {@code bootstrap}, {@code seed} and {@code samples} (driver only).
     */
    public ScoreOutcome outcome(double[] statistics) {
        if (point == null) {
            throw new IllegalStateException("the outcome is made where the plan was made (the driver)");
        }
        if (statistics.length != resamples) {
            throw new IllegalArgumentException(statistics.length + " statistics for " + resamples + " resamples");
        }
        BootstrapInterval ci = BootstrapInterval.ofStatistics(statistics, level);
        return point.with("samples", n).with("ci", ci.bounds()).with("ci_level", level)
                .with("bootstrap", resamples).with("resamples_used", ci.resamplesUsed()).with("seed", seed);
    }

    /** Resample r's score, NaN when its weights are all zero; {@code v} and {@code counts} are scratch space. */
    private double statistic(int r, double[] v, long[] counts) {
        long key = PoissonWeights.resampleKey(seed, r);
        boolean any = false;
        if (counts != null) {
            // unweighted labels: integer counts, exactly the sums of the point estimate's weighted path
            java.util.Arrays.fill(counts, 0);
            int c = numClasses;
            for (int i = 0; i < n; i++) {
                int k = PoissonWeights.weight(key, i);
                if (k != 0) {
                    any = true;
                    int a = truth[i];
                    int b = prediction[i];
                    if (a == b) {
                        counts[a] += k;
                    }
                    counts[c + b] += k;
                    counts[2 * c + a] += k;
                }
            }
            if (!any) {
                return Double.NaN;
            }
            return score(MaskAccumulator.labelCounts(counts, c));
        }
        for (int i = 0; i < n; i++) {
            int k = PoissonWeights.weight(key, i);
            v[i] = weights == null ? k : k * weights[i];
            any |= v[i] != 0;
        }
        if (!any) {
            return Double.NaN;
        }
        if (family != null) {
            matrices();
            return ClassificationScores.score(family, familyTruthTarget, familyPredictionTarget, v, options).score();
        }
        if (truth != null) {
            return score(Scorer.countEncoded(numClasses, truth, prediction, v));
        }
        matrices();
        if (options.average() == Average.SAMPLES) {
            int[] cols = Scorer.multilabelColumns(columns, options);
            SamplewiseConfusion s = SamplewiseConfusion.weighted(cols == null ? columns : cols.length);
            s.update(truthMatrix, predictionMatrix, cols, v);
            return Scorer.scoreSamples(s, columns, options).score();
        }
        return Scorer.scoreMultilabel(MultilabelConfusion.weighted(columns).update(truthMatrix, predictionMatrix, v),
                options).score();
    }

    /** The indicator matrices, wrapped once where the plan is used (they are not serialized). */
    private synchronized void matrices() {
        if (family != null && familyTruthTarget == null) {
            familyTruthTarget = familyTruth == null ? IndicatorMatrix.of(truthBits, n, columns) : target(familyTruth);
            familyPredictionTarget = familyPrediction == null ? IndicatorMatrix.of(predictionBits, n, columns)
                    : target(familyPrediction);
        }
        if (truthMatrix == null && truthBits != null) {
            truthMatrix = IndicatorMatrix.of(truthBits, n, columns);
            predictionMatrix = IndicatorMatrix.of(predictionBits, n, columns);
        }
    }

    private double score(LabelCounts counts) {
        return Scorer.score(counts, classes, present, options).score();
    }
}
