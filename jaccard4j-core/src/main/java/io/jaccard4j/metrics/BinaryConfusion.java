package io.jaccard4j.metrics;

/**
 * The 2×2 confusion matrix of a binary problem: true negatives, false positives, false negatives and true
 * positives of the positive class. Unweighted states count in {@code long}s; a {@link #weighted()} state sums
 * sample weights in doubles.
 *
 * <p>A mutable accumulator: {@code update} adds samples, {@link #merge} adds another state (associative and
 * commutative), {@link #labelCounts()} reduces to the positive label's tp / predicted / support.
 */
public final class BinaryConfusion implements ConfusionState<BinaryConfusion, boolean[]> {
    private static final long serialVersionUID = 1L;

    private final boolean weighted;
    private long tn;
    private long fp;
    private long fn;
    private long tp;
    private double wtn;
    private double wfp;
    private double wfn;
    private double wtp;

    private BinaryConfusion(boolean weighted) {
        this.weighted = weighted;
    }

    /** An empty unweighted state. */
    public static BinaryConfusion of() {
        return new BinaryConfusion(false);
    }

    /** An empty state summing sample weights. */
    public static BinaryConfusion weighted() {
        return new BinaryConfusion(true);
    }

    @Override
    public boolean isWeighted() {
        return weighted;
    }

    /** Adds samples: {@code truth[i]} and {@code prediction[i]} say whether sample i is positive. */
    public BinaryConfusion update(boolean[] truth, boolean[] prediction) {
        requireSameLength(truth.length, prediction.length);
        long a = 0;
        long b = 0;
        long c = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean t = truth[i];
            boolean p = prediction[i];
            if (t & p) {
                a++;
            } else if (p) {
                b++;
            } else if (t) {
                c++;
            }
        }
        return add(truth.length, a, b, c);
    }

    /**
     * Adds samples predicted positive where {@code score >= threshold}.
     *
     * @throws IllegalArgumentException on a NaN score
     */
    public BinaryConfusion updateFromScores(boolean[] truth, double[] scores, double threshold) {
        requireSameLength(truth.length, scores.length);
        boolean[] predicted = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            predicted[i] = scores[i] >= threshold;
        }
        return update(truth, predicted);
    }

    private BinaryConfusion add(long n, long a, long b, long c) {
        if (weighted) {
            throw new IllegalStateException("this state sums sample weights; pass sample weights to update");
        }
        tp += a;
        fp += b;
        fn += c;
        tn += n - a - b - c;
        return this;
    }

    /** Adds weighted samples (a weighted state only). */
    @Override
    public BinaryConfusion update(boolean[] truth, boolean[] prediction, double[] sampleWeight) {
        if (sampleWeight == null) {
            return update(truth, prediction);
        }
        requireSameLength(truth.length, prediction.length);
        requireSameLength(truth.length, sampleWeight.length);
        if (!weighted) {
            throw new IllegalStateException("this state counts samples; create it with BinaryConfusion.weighted()");
        }
        for (int i = 0; i < truth.length; i++) {
            double w = sampleWeight[i];
            if (truth[i]) {
                if (prediction[i]) {
                    wtp += w;
                } else {
                    wfn += w;
                }
            } else if (prediction[i]) {
                wfp += w;
            } else {
                wtn += w;
            }
        }
        return this;
    }

    @Override
    public BinaryConfusion copy() {
        return (weighted ? weighted() : of()).merge(this);
    }

    @Override
    public BinaryConfusion reset() {
        tn = fp = fn = tp = 0;
        wtn = wfp = wfn = wtp = 0;
        return this;
    }

    @Override
    public double samples() {
        return tn() + fp() + fn() + tp();
    }

    /** Adds another state into this one; both must be weighted or both unweighted. */
    @Override
    public BinaryConfusion merge(BinaryConfusion other) {
        if (other.weighted != weighted) {
            throw new IllegalArgumentException("cannot merge a weighted and an unweighted binary state");
        }
        tn += other.tn;
        fp += other.fp;
        fn += other.fn;
        tp += other.tp;
        wtn += other.wtn;
        wfp += other.wfp;
        wfn += other.wfn;
        wtp += other.wtp;
        return this;
    }

    public double tn() {
        return weighted ? wtn : tn;
    }

    public double fp() {
        return weighted ? wfp : fp;
    }

    public double fn() {
        return weighted ? wfn : fn;
    }

    public double tp() {
        return weighted ? wtp : tp;
    }

    /** The counts of the positive label alone (what {@code average=binary} scores). */
    public LabelCounts labelCounts() {
        return LabelCounts.of(new double[] {tp()}, new double[] {tp() + fp()}, new double[] {tp() + fn()});
    }

    /** The counts of both labels, negative first (what averages over both classes score). */
    public LabelCounts bothLabelCounts() {
        return LabelCounts.of(new double[] {tn(), tp()}, new double[] {tn() + fn(), tp() + fp()},
                new double[] {tn() + fp(), tp() + fn()});
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("inputs have different lengths: " + a + " and " + b);
        }
    }
}
