package io.jaccard4j.metrics;

import io.jaccard4j.concurrent.ChunkedWork;
import java.util.Arrays;

/**
 * The O(C) multiclass state: for each class k, tp_k (samples of class k predicted as k), the number predicted as k
 * (tp + fp) and the number whose true class is k (tp + fn, the support) — exactly what Jaccard, F1, precision and
 * recall of every average need ({@link #labelCounts()}), without the C×C matrix of {@link MulticlassConfusion}.
 * Memory is three counters a class (24 bytes), so 10⁶ classes take 24 MB where a dense matrix would take 8 TB.
 *
 * <p>Unweighted states count in {@code long}s; {@link #weighted} states sum sample weights per class in
 * double-double precision (see {@link WeightSums}), so the rounded sums do not depend on the order of updates and
 * merges. Classes are dense indices {@code 0..C-1}; {@link #update(int[], int[], int)} counts labels that are
 * offset from their index (label = index + offset), so integer ids in any window of C values need no encoding.
 */
public final class ClassCounts implements ConfusionState<ClassCounts, int[]> {
    private static final long serialVersionUID = 1L;

    private final int numClasses;
    private final long[] tp;
    private final long[] predicted;
    private final long[] support;
    private final double[] wtp;
    private final double[] wpredicted;
    private final double[] wsupport;
    private final double[] wtpLow;
    private final double[] wpredictedLow;
    private final double[] wsupportLow;

    private ClassCounts(int numClasses, boolean weighted) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1; got " + numClasses);
        }
        this.numClasses = numClasses;
        int n = weighted ? 0 : numClasses;
        int m = weighted ? numClasses : 0;
        this.tp = weighted ? null : new long[n];
        this.predicted = weighted ? null : new long[n];
        this.support = weighted ? null : new long[n];
        this.wtp = weighted ? new double[m] : null;
        this.wpredicted = weighted ? new double[m] : null;
        this.wsupport = weighted ? new double[m] : null;
        this.wtpLow = weighted ? new double[m] : null;
        this.wpredictedLow = weighted ? new double[m] : null;
        this.wsupportLow = weighted ? new double[m] : null;
    }

    /** An empty counting state of {@code numClasses} classes. */
    public static ClassCounts of(int numClasses) {
        return new ClassCounts(numClasses, false);
    }

    /** An empty state summing sample weights. */
    public static ClassCounts weighted(int numClasses) {
        return new ClassCounts(numClasses, true);
    }

    public int numClasses() {
        return numClasses;
    }

    @Override
    public boolean isWeighted() {
        return tp == null;
    }

    /**
     * Adds samples given as class indices {@code 0..C-1}.
     *
     * @param sampleWeight one weight a sample for a weighted state, null for a counting state
     */
    @Override
    public ClassCounts update(int[] truth, int[] prediction, double[] sampleWeight) {
        if (sampleWeight == null) {
            return update(truth, prediction, 0);
        }
        check(truth.length, prediction.length);
        if (sampleWeight.length != truth.length) {
            throw new IllegalArgumentException("sample_weight has " + sampleWeight.length + " entries, expected "
                    + truth.length);
        }
        if (!isWeighted()) {
            throw new IllegalStateException("this state counts samples; create it with ClassCounts.weighted");
        }
        for (int i = 0; i < truth.length; i++) {
            int t = index(truth[i], 0);
            int p = index(prediction[i], 0);
            double w = sampleWeight[i];
            if (t == p) {
                WeightSums.add(wtp, wtpLow, t, w);
            }
            WeightSums.add(wpredicted, wpredictedLow, p, w);
            WeightSums.add(wsupport, wsupportLow, t, w);
        }
        return this;
    }

    /**
     * Counts labels {@code offset .. offset + C - 1} (class index = label − offset), unweighted.
     *
     * @throws IllegalArgumentException for a label outside that window
     */
    public ClassCounts update(int[] truth, int[] prediction, int offset) {
        return update(truth, prediction, offset, null, 1);
    }

    /**
     * Counts labels {@code offset .. offset + C - 1} as {@link #update(int[], int[], int)}, skipping the samples
     * whose true label is {@code ignoreLabel}.
     */
    public ClassCounts update(int[] truth, int[] prediction, int offset, int ignoreLabel) {
        return update(truth, prediction, offset, (Integer) ignoreLabel, 1);
    }

    /**
     * Counts labels {@code offset .. offset + C - 1} as {@link #update(int[], int[], int)} on up to
     * {@code threads} threads, skipping the samples whose true label is {@code ignoreLabel} (none when null).
     * The counts are integer sums, so they are the same whatever the thread count. Large batches (at least C / 4
     * samples) are checked in one pass, then counted in {@code int} scratch arrays, one set a thread (12 bytes a
     * class a thread, the threads capped so that they hold at most {@value #SCRATCH_BUDGET_BYTES} bytes); a
     * label outside the window fails as the one-sample-at-a-time count fails, naming the first such label.
     *
     * @throws IllegalArgumentException for a label outside the window, or threads below 1
     */
    public ClassCounts update(int[] truth, int[] prediction, int offset, Integer ignoreLabel, int threads) {
        check(truth.length, prediction.length);
        ChunkedWork.checkThreads(threads);
        if (isWeighted()) {
            throw new IllegalStateException("this state sums sample weights; pass sample weights to update");
        }
        boolean skip = ignoreLabel != null;
        int ignore = skip ? ignoreLabel : 0;
        int n = truth.length;
        if ((long) n * SCRATCH_RATIO >= numClasses && numClasses <= MAX_SCRATCH_CLASSES
                && (long) offset + numClasses - 1 <= Integer.MAX_VALUE) {
            int workers = (int) Math.max(1, Math.min(threads, SCRATCH_BUDGET_BYTES / (12L * numClasses)));
            int minChunk = Math.max(MIN_CHUNK, numClasses);
            int chunks = ChunkedWork.rangeChunks(n, workers, minChunk);
            boolean[] inside = new boolean[chunks];
            ChunkedWork.forEachRange(n, workers, minChunk,
                    (k, from, to) -> inside[k] = inWindow(truth, prediction, from, to, offset, skip, ignore));
            boolean all = true;
            for (boolean b : inside) {
                all &= b;
            }
            if (all) {
                ChunkedWork.forEachRange(n, workers, minChunk,
                        (k, from, to) -> countInScratch(truth, prediction, from, to, offset, skip, ignore));
                return this;
            }
        }
        // few samples for the classes, or a label outside the window: one checked pass (which names the first
        // label outside, having counted the samples before it, as it always has)
        for (int i = 0; i < n; i++) {
            if (skip && truth[i] == ignore) {
                continue;
            }
            add(index(truth[i], offset), index(prediction[i], offset));
        }
        return this;
    }

    /**
     * Batches with at least C / {@value} samples count in {@code int} scratch arrays (half the cache footprint of
     * the {@code long} state; one call holds at most 2³¹−1 samples, so they cannot overflow), then add them in.
     */
    private static final int SCRATCH_RATIO = 4;

    /** The most classes counted in scratch arrays (2·C ints must index one array). */
    private static final int MAX_SCRATCH_CLASSES = 1 << 29;

    /**
     * The scratch arrays of all threads together stay below this many bytes, about what a last-level cache holds:
     * beyond it, threads scattering into private arrays miss the cache more than they gain (10⁵ classes count on
     * up to 13 threads, 10⁶ on one).
     */
    private static final long SCRATCH_BUDGET_BYTES = 16L << 20;

    /** The fewest samples a thread counts (and at least C: its scratch arrays cost O(C)). */
    private static final int MIN_CHUNK = 1 << 18;

    /**
     * Whether every counted label of samples {@code from .. to − 1} lies in {@code offset .. offset + C − 1}; one
     * branch-free pass. The caller ensures that {@code offset + C − 1} is an int, so {@code label − offset} wraps
     * into 0..C−1 only for a label in the window.
     */
    private boolean inWindow(int[] truth, int[] prediction, int from, int to, int offset, boolean skip,
            int ignoreLabel) {
        int last = numClasses - 1;
        int bad = 0;
        if (skip) {
            for (int i = from; i < to; i++) {
                int t = truth[i] - offset;
                int p = prediction[i] - offset;
                int keep = truth[i] == ignoreLabel ? 0 : -1;
                bad |= (t | (last - t) | p | (last - p)) & keep;
            }
        } else {
            for (int i = from; i < to; i++) {
                int t = truth[i] - offset;
                int p = prediction[i] - offset;
                bad |= t | (last - t) | p | (last - p);
            }
        }
        return bad >= 0;
    }

    /**
     * Counts samples {@code from .. to − 1}, whose labels are known to lie in the window: one pass over the truth
     * that counts support and tp side by side (one cache line a sample, no branch on t == p), then one pass
     * counting predictions; each adds its scratch counts into the state under this state's lock.
     */
    private void countInScratch(int[] truth, int[] prediction, int from, int to, int offset, boolean skip,
            int ignoreLabel) {
        int[] supportAndTp = new int[2 * numClasses];
        for (int i = from; i < to; i++) {
            int label = truth[i];
            if (skip && label == ignoreLabel) {
                continue;
            }
            int t = 2 * (label - offset);
            supportAndTp[t]++;
            supportAndTp[t + 1] += label == prediction[i] ? 1 : 0;
        }
        synchronized (this) {
            for (int k = 0; k < numClasses; k++) {
                support[k] += supportAndTp[2 * k];
                tp[k] += supportAndTp[2 * k + 1];
            }
        }
        supportAndTp = null;
        int[] byPrediction = new int[numClasses];
        for (int i = from; i < to; i++) {
            if (skip && truth[i] == ignoreLabel) {
                continue;
            }
            byPrediction[prediction[i] - offset]++;
        }
        synchronized (this) {
            for (int k = 0; k < numClasses; k++) {
                predicted[k] += byPrediction[k];
            }
        }
    }

    private void add(int t, int p) {
        if (t == p) {
            tp[t]++;
        }
        predicted[p]++;
        support[t]++;
    }

    /** Counts {@code long} labels {@code offset .. offset + C - 1}, unweighted (see {@link #update(int[], int[], int)}). */
    public ClassCounts update(long[] truth, long[] prediction, long offset) {
        check(truth.length, prediction.length);
        if (isWeighted()) {
            throw new IllegalStateException("this state sums sample weights; pass sample weights to update");
        }
        for (int i = 0; i < truth.length; i++) {
            add(index(truth[i] - offset), index(prediction[i] - offset));
        }
        return this;
    }

    private int index(int label, int offset) {
        return index((long) label - offset);
    }

    private int index(long k) {
        if (k < 0 || k >= numClasses) {
            throw new IllegalArgumentException("class index " + k + " is outside 0.." + (numClasses - 1));
        }
        return (int) k;
    }

    private static void check(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("truth has " + a + " samples but prediction has " + b);
        }
    }

    @Override
    public ClassCounts merge(ClassCounts other) {
        if (other.numClasses != numClasses || other.isWeighted() != isWeighted()) {
            throw new IllegalArgumentException("cannot merge a " + describe(other) + " state into a " + describe(this)
                    + " state");
        }
        if (!isWeighted()) {
            for (int k = 0; k < numClasses; k++) {
                tp[k] += other.tp[k];
                predicted[k] += other.predicted[k];
                support[k] += other.support[k];
            }
        } else {
            WeightSums.merge(wtp, wtpLow, other.wtp, other.wtpLow);
            WeightSums.merge(wpredicted, wpredictedLow, other.wpredicted, other.wpredictedLow);
            WeightSums.merge(wsupport, wsupportLow, other.wsupport, other.wsupportLow);
        }
        return this;
    }

    private static String describe(ClassCounts c) {
        return (c.isWeighted() ? "weighted " : "") + c.numClasses + "-class";
    }

    @Override
    public ClassCounts copy() {
        return (isWeighted() ? weighted(numClasses) : of(numClasses)).merge(this);
    }

    @Override
    public ClassCounts reset() {
        if (!isWeighted()) {
            Arrays.fill(tp, 0);
            Arrays.fill(predicted, 0);
            Arrays.fill(support, 0);
        } else {
            for (double[] a : new double[][] {wtp, wpredicted, wsupport, wtpLow, wpredictedLow, wsupportLow}) {
                Arrays.fill(a, 0);
            }
        }
        return this;
    }

    @Override
    public double samples() {
        double s = 0;
        if (!isWeighted()) {
            long n = 0;
            for (long v : support) {
                n += v;
            }
            return n;
        }
        for (double v : wsupport) {
            s += v;
        }
        return s;
    }

    /** Per-class tp / predicted / support. */
    public LabelCounts labelCounts() {
        double[] t = new double[numClasses];
        double[] p = new double[numClasses];
        double[] s = new double[numClasses];
        for (int k = 0; k < numClasses; k++) {
            t[k] = isWeighted() ? wtp[k] : tp[k];
            p[k] = isWeighted() ? wpredicted[k] : predicted[k];
            s[k] = isWeighted() ? wsupport[k] : support[k];
        }
        return LabelCounts.of(t, p, s);
    }

    /** The indices of the classes that occur in the truth or the prediction, ascending. */
    public int[] presentClasses() {
        int n = 0;
        int[] out = new int[numClasses];
        for (int k = 0; k < numClasses; k++) {
            boolean present = isWeighted() ? wpredicted[k] != 0 || wsupport[k] != 0
                    : predicted[k] != 0 || support[k] != 0;
            if (present) {
                out[n++] = k;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
