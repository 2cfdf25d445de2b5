package io.jaccard4j.metrics;

/**
 * One 2×2 confusion matrix a label of a multilabel problem (scikit-learn's {@code multilabel_confusion_matrix}):
 * per label, true positives, false positives and false negatives over samples (true negatives follow from the
 * sample count). Unweighted counts are {@code long}s; a weighted state sums sample weights in double-double precision
 * (order-independent results).
 *
 * <p>A mutable accumulator: {@code update} adds samples, {@link #merge} adds another state with the same
 * number of labels (associative and commutative), {@link #labelCounts()} reduces to per-label counts.
 */
public final class MultilabelConfusion implements ConfusionState<MultilabelConfusion, IndicatorMatrix> {
    private static final long serialVersionUID = 1L;

    private final int numLabels;
    private final boolean weighted;
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;
    private long samples;
    private final double[] wtp;
    private final double[] wfp;
    private final double[] wfn;
    private final double[] wtpLow;
    private final double[] wfpLow;
    private final double[] wfnLow;
    private final double[] wsamples = new double[2]; // double-double: high, low

    private MultilabelConfusion(int numLabels, boolean weighted) {
        if (numLabels < 1) {
            throw new IllegalArgumentException("numLabels must be >= 1; got " + numLabels);
        }
        this.numLabels = numLabels;
        this.weighted = weighted;
        this.tp = new long[numLabels];
        this.fp = new long[numLabels];
        this.fn = new long[numLabels];
        this.wtp = new double[numLabels];
        this.wfp = new double[numLabels];
        this.wfn = new double[numLabels];
        this.wtpLow = new double[numLabels];
        this.wfpLow = new double[numLabels];
        this.wfnLow = new double[numLabels];
    }

    /** An unweighted state for {@code numLabels} labels. */
    public static MultilabelConfusion of(int numLabels) {
        return new MultilabelConfusion(numLabels, false);
    }

    /** A state summing sample weights. */
    public static MultilabelConfusion weighted(int numLabels) {
        return new MultilabelConfusion(numLabels, true);
    }

    public int numLabels() {
        return numLabels;
    }

    @Override
    public boolean isWeighted() {
        return weighted;
    }

    /** Adds samples (weights null for an unweighted state). */
    @Override
    public MultilabelConfusion update(IndicatorMatrix truth, IndicatorMatrix prediction, double[] sampleWeight) {
        if (truth.size() != prediction.size() || truth.columns() != prediction.columns()) {
            throw new IllegalArgumentException("truth is " + truth.size() + " x " + truth.columns()
                    + " but prediction is " + prediction.size() + " x " + prediction.columns());
        }
        if (truth.columns() != numLabels) {
            throw new IllegalArgumentException("inputs have " + truth.columns() + " labels, this state has " + numLabels);
        }
        byte[] t = truth.data();
        byte[] p = prediction.data();
        int n = truth.size();
        int l = numLabels;
        if (weighted) {
            if (sampleWeight == null || sampleWeight.length != n) {
                throw new IllegalArgumentException("a weighted state needs one sample weight a sample (" + n + ")");
            }
            for (int i = 0; i < n; i++) {
                double w = sampleWeight[i];
                int base = i * l;
                for (int j = 0; j < l; j++) {
                    int a = t[base + j];
                    int b = p[base + j];
                    if ((a & b) != 0) {
                        WeightSums.add(wtp, wtpLow, j, w);
                    } else if (b != 0) {
                        WeightSums.add(wfp, wfpLow, j, w);
                    } else if (a != 0) {
                        WeightSums.add(wfn, wfnLow, j, w);
                    }
                }
                WeightSums.add(wsamples, wsamples, 0, 1, w);
            }
        } else {
            if (sampleWeight != null) {
                throw new IllegalStateException("this state counts samples; create it with MultilabelConfusion.weighted");
            }
            for (int i = 0; i < n; i++) {
                int base = i * l;
                for (int j = 0; j < l; j++) {
                    int a = t[base + j];
                    int b = p[base + j];
                    tp[j] += a & b;
                    fp[j] += b & ~a & 1;
                    fn[j] += a & ~b & 1;
                }
            }
            samples += n;
        }
        return this;
    }

    /** Adds samples whose prediction is {@code score >= threshold} (scores N × L row-major). */
    public MultilabelConfusion updateFromScores(IndicatorMatrix truth, double[] scores, double threshold,
            double[] sampleWeight) {
        return update(truth, IndicatorMatrix.fromScores(scores, truth.size(), truth.columns(), threshold), sampleWeight);
    }

    @Override
    public MultilabelConfusion copy() {
        return (weighted ? weighted(numLabels) : of(numLabels)).merge(this);
    }

    @Override
    public MultilabelConfusion reset() {
        for (long[] a : new long[][] {tp, fp, fn}) {
            java.util.Arrays.fill(a, 0);
        }
        for (double[] a : new double[][] {wtp, wfp, wfn, wtpLow, wfpLow, wfnLow, wsamples}) {
            java.util.Arrays.fill(a, 0);
        }
        samples = 0;
        return this;
    }

    @Override
    public double samples() {
        return weighted ? wsamples[0] : samples;
    }

    /** Adds another state with the same number of labels into this one. */
    @Override
    public MultilabelConfusion merge(MultilabelConfusion other) {
        if (other.numLabels != numLabels || other.weighted != weighted) {
            throw new IllegalArgumentException("cannot merge a state of " + other.numLabels + " labels"
                    + (other.weighted ? " (weighted)" : "") + " into one of " + numLabels
                    + (weighted ? " (weighted)" : ""));
        }
        for (int j = 0; j < numLabels; j++) {
            tp[j] += other.tp[j];
            fp[j] += other.fp[j];
            fn[j] += other.fn[j];
        }
        WeightSums.merge(wtp, wtpLow, other.wtp, other.wtpLow);
        WeightSums.merge(wfp, wfpLow, other.wfp, other.wfpLow);
        WeightSums.merge(wfn, wfnLow, other.wfn, other.wfnLow);
        samples += other.samples;
        WeightSums.add(wsamples, wsamples, 0, 1, other.wsamples[0]);
        WeightSums.add(wsamples, wsamples, 0, 1, other.wsamples[1]);
        return this;
    }

    public double tp(int label) {
        return weighted ? wtp[label] : tp[label];
    }

    public double fp(int label) {
        return weighted ? wfp[label] : fp[label];
    }

    public double fn(int label) {
        return weighted ? wfn[label] : fn[label];
    }

    /** True negatives of a label: samples (or their weight) minus tp, fp and fn. */
    public double tn(int label) {
        return (weighted ? wsamples[0] : samples) - tp(label) - fp(label) - fn(label);
    }

    /** Per-label tp / predicted / support. */
    public LabelCounts labelCounts() {
        double[] t = new double[numLabels];
        double[] p = new double[numLabels];
        double[] s = new double[numLabels];
        for (int j = 0; j < numLabels; j++) {
            t[j] = tp(j);
            p[j] = tp(j) + fp(j);
            s[j] = tp(j) + fn(j);
        }
        return LabelCounts.of(t, p, s);
    }
}
