package io.jaccard4j.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The C×C confusion matrix of a multiclass problem over dense class indices 0..C−1: entry (t, p) counts the
 * samples of true class t predicted as p. Counts are {@code long}s (no overflow before 9.2e18 samples);
 * a weighted state ({@link #weighted}) sums sample weights in double-double precision instead, so that the
 * order of updates and merges does not change the result.
 *
 * <p>Samples whose true index equals the optional ignore index are skipped entirely (torchmetrics'
 * {@code ignore_index}; it may lie outside 0..C−1, e.g. 255 for PASCAL VOC). Any other index outside 0..C−1
 * is an error.
 *
 * <p>The state is a mutable accumulator: {@code update} adds samples, {@link #merge} adds another state of
 * the same shape (associative and commutative — exactly so for unweighted counts), {@link #labelCounts}
 * reduces to per-class tp / predicted / support.
 */
public final class MulticlassConfusion implements ConfusionState<MulticlassConfusion, int[]> {
    private static final long serialVersionUID = 1L;
    /** Inputs shorter than this are counted straight into the long counters (a 256 × 256 table would cost more). */
    private static final int SMALL = 1 << 14;

    /** Marks "no ignore index". */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private final int numClasses;
    private final int ignoreIndex;
    private final long[] counts;
    private final double[] weights;
    private final double[] weightsLow;

    private MulticlassConfusion(int numClasses, int ignoreIndex, boolean weighted) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1; got " + numClasses);
        }
        if ((long) numClasses * numClasses > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("numClasses " + numClasses + " is too large for a dense C x C matrix");
        }
        this.numClasses = numClasses;
        this.ignoreIndex = ignoreIndex;
        this.counts = weighted ? null : new long[numClasses * numClasses];
        this.weights = weighted ? new double[numClasses * numClasses] : null;
        this.weightsLow = weighted ? new double[numClasses * numClasses] : null;
    }

    /**
     * The counting kernels unweighted updates of labels below 256 use for blocks where runs dominate:
     * {@code "vector (...)"} where the Vector API module is present and {@code -Djaccard4j.simd=false} is not set,
     * else {@code "scalar"} (same counts; for logs and benchmarks).
     */
    public static String countingKernels() {
        return ConfusionKernels.runKernels().name();
    }

    /** An unweighted state with no ignore index. */
    public static MulticlassConfusion of(int numClasses) {
        return new MulticlassConfusion(numClasses, NO_IGNORE, false);
    }

    /** An unweighted state that skips samples whose true index is {@code ignoreIndex}. */
    public static MulticlassConfusion withIgnoreIndex(int numClasses, int ignoreIndex) {
        return new MulticlassConfusion(numClasses, ignoreIndex, false);
    }

    /** A state summing sample weights (doubles); {@code ignoreIndex} may be {@link #NO_IGNORE}. */
    public static MulticlassConfusion weighted(int numClasses) {
        return weighted(numClasses, NO_IGNORE);
    }

    /** A state summing sample weights, skipping samples whose true class is {@code ignoreIndex}. */
    public static MulticlassConfusion weighted(int numClasses, int ignoreIndex) {
        return new MulticlassConfusion(numClasses, ignoreIndex, true);
    }

    public int numClasses() {
        return numClasses;
    }

    /** The ignore index, or {@link #NO_IGNORE}. */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    @Override
    public boolean isWeighted() {
        return weights != null;
    }

    /** Adds samples given as dense indices. */
    public MulticlassConfusion update(int[] truth, int[] prediction) {
        return update(truth, prediction, 1);
    }

    /**
     * Adds samples given as dense indices, counted by up to {@code threads} threads (contiguous chunks of at least
     * 2<sup>20</sup> samples with one table each, added in chunk order: the counts do not depend on the thread count).
     */
    public MulticlassConfusion update(int[] truth, int[] prediction, int threads) {
        checkLengths(truth.length, prediction.length);
        requireUnweighted();
        if (numClasses > 256 || truth.length < SMALL) {
            countDirect(truth, prediction);
            return this;
        }
        fold(ConfusionKernels.countInChunks(truth.length, threads, (from, len) -> {
            int[] cells = new int[ConfusionKernels.CELLS];
            ConfusionKernels.countInts(truth, from, prediction, from, len, cells, (i, t, p) -> wide(from + i, t, p));
            return cells;
        }));
        return this;
    }

    /**
     * Adds samples given as 16-bit indices, unsigned (numpy {@code uint16}) or signed ({@code int16}, where a
     * negative truth value can only be the ignore index), counted by up to {@code threads} threads.
     */
    public MulticlassConfusion update(short[] truth, short[] prediction, boolean unsigned, int threads) {
        checkLengths(truth.length, prediction.length);
        requireUnweighted();
        if (numClasses > 256 || truth.length < SMALL) {
            int m = unsigned ? 0xFFFF : -1;
            final int c = numClasses;
            for (int i = 0; i < truth.length; i++) {
                int t = truth[i] & m;
                int p = prediction[i] & m;
                if (t == ignoreIndex) {
                    continue;
                }
                if (t < 0 || t >= c || p < 0 || p >= c) {
                    throw outOfRange(i, t, p);
                }
                counts[t * c + p]++;
            }
            return this;
        }
        fold(ConfusionKernels.countInChunks(truth.length, threads, (from, len) -> {
            int[] cells = new int[ConfusionKernels.CELLS];
            ConfusionKernels.countShorts(truth, from, prediction, from, len, unsigned, cells,
                    (i, t, p) -> wide(from + i, t, p));
            return cells;
        }));
        return this;
    }

    private void countDirect(int[] truth, int[] prediction) {
        final int c = numClasses;
        final long[] m = counts;
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            int p = prediction[i];
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= c || p < 0 || p >= c) {
                throw outOfRange(i, t, p);
            }
            m[t * c + p]++;
        }
    }

    /** A pair with a label outside 0..255 met by a table kernel (C &le; 256): skipped when ignored, else an error. */
    private void wide(int index, int t, int p) {
        if (t != ignoreIndex) {
            throw outOfRange(index, t, p);
        }
    }

    /** Adds samples given as unsigned 8-bit indices (image masks). */
    public MulticlassConfusion update(byte[] truth, byte[] prediction) {
        return update(truth, 0, prediction, 0, truth.length);
    }

    /**
     * Adds samples given as unsigned 8-bit indices, counted by up to {@code threads} threads (see
     * {@link #update(int[], int[], int)}).
     */
    public MulticlassConfusion update(byte[] truth, byte[] prediction, int threads) {
        checkLengths(truth.length, prediction.length);
        requireUnweighted();
        if (truth.length < SMALL || numClasses > 256) {
            return update(truth, 0, prediction, 0, truth.length);
        }
        fold(ConfusionKernels.countInChunks(truth.length, threads, (from, len) -> {
            int[] cells = new int[ConfusionKernels.CELLS];
            ConfusionKernels.countBytes(truth, from, prediction, from, len, cells);
            return cells;
        }));
        return this;
    }

    /** Adds {@code length} samples of unsigned 8-bit indices starting at the given offsets. */
    public MulticlassConfusion update(byte[] truth, int truthOffset, byte[] prediction, int predictionOffset, int length) {
        Objects.checkFromIndexSize(truthOffset, length, truth.length);
        Objects.checkFromIndexSize(predictionOffset, length, prediction.length);
        requireUnweighted();
        final int c = numClasses;
        final long[] m = counts;
        if (length >= SMALL) {
            int[] cells = new int[ConfusionKernels.CELLS];
            ConfusionKernels.countBytes(truth, truthOffset, prediction, predictionOffset, length, cells);
            fold(List.of(cells));
            return this;
        }
        for (int i = 0; i < length; i++) {
            int t = truth[truthOffset + i] & 0xFF;
            int p = prediction[predictionOffset + i] & 0xFF;
            if (t == ignoreIndex) {
                continue;
            }
            if (t >= c || p >= c) {
                throw outOfRange(i, t, p);
            }
            m[t * c + p]++;
        }
        return this;
    }

    /**
     * Adds 256 × 256 tables of pair counts indexed (t &lt;&lt; 8) | p into the C×C counters, leaving out the row of
     * the ignore index and rejecting any other pair outside 0..C−1 (then nothing is added).
     */
    private void fold(List<int[]> tables) {
        final int c = numClasses;
        long[] sum = new long[ConfusionKernels.CELLS];
        for (int[] cells : tables) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += cells[k];
            }
        }
        for (int t = 0; t < 256; t++) {
            if (t == ignoreIndex) {
                continue;
            }
            for (int p = 0; p < 256; p++) {
                if (sum[(t << 8) | p] != 0 && (t >= c || p >= c)) {
                    throw new IllegalArgumentException("class index out of range: truth " + t + ", prediction " + p
                            + " (num_classes = " + c + ")");
                }
            }
        }
        int rows = Math.min(c, 256);
        for (int t = 0; t < rows; t++) {
            if (t == ignoreIndex) {
                continue;
            }
            for (int p = 0; p < rows; p++) {
                counts[t * c + p] += sum[(t << 8) | p];
            }
        }
    }

    /** Adds weighted samples given as dense indices (a weighted state only). */
    @Override
    public MulticlassConfusion update(int[] truth, int[] prediction, double[] sampleWeight) {
        if (sampleWeight == null) {
            return update(truth, prediction);
        }
        checkLengths(truth.length, prediction.length);
        if (sampleWeight.length != truth.length) {
            throw new IllegalArgumentException("sample_weight has " + sampleWeight.length + " entries, expected "
                    + truth.length);
        }
        if (weights == null) {
            throw new IllegalStateException("this state counts samples; create it with MulticlassConfusion.weighted");
        }
        final int c = numClasses;
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            int p = prediction[i];
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= c || p < 0 || p >= c) {
                throw outOfRange(i, t, p);
            }
            WeightSums.add(weights, weightsLow, t * c + p, sampleWeight[i]);
        }
        return this;
    }

    /**
     * Adds samples whose prediction is the argmax of a row of scores (N × C row-major; the first maximum wins,
     * as numpy's and torch's argmax).
     */
    public MulticlassConfusion updateFromScores(int[] truth, float[] scores) {
        final int c = numClasses;
        if ((long) truth.length * c != scores.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " entries, expected N x C = "
                    + truth.length + " x " + c);
        }
        int[] pred = new int[truth.length];
        for (int i = 0; i < truth.length; i++) {
            int base = i * c;
            int best = 0;
            float bestValue = scores[base];
            if (Float.isNaN(bestValue)) {
                throw new IllegalArgumentException("score (" + i + ", 0) is NaN");
            }
            for (int k = 1; k < c; k++) {
                float v = scores[base + k];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("score (" + i + ", " + k + ") is NaN");
                }
                if (v > bestValue) {
                    bestValue = v;
                    best = k;
                }
            }
            pred[i] = best;
        }
        return weights == null ? update(truth, pred) : update(truth, pred, filled(truth.length));
    }

    private static double[] filled(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    /**
     * Adds another state of the same number of classes and ignore index into this one.
     *
     * @return this state
     */
    @Override
    public MulticlassConfusion merge(MulticlassConfusion other) {
        if (other.numClasses != numClasses || other.ignoreIndex != ignoreIndex || other.isWeighted() != isWeighted()) {
            throw new IllegalArgumentException("cannot merge a " + describe(other) + " state into a " + describe(this)
                    + " state");
        }
        if (counts != null) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
        } else {
            WeightSums.merge(weights, weightsLow, other.weights, other.weightsLow);
        }
        return this;
    }

    private static String describe(MulticlassConfusion s) {
        return (s.isWeighted() ? "weighted " : "") + s.numClasses + "-class"
                + (s.ignoreIndex == NO_IGNORE ? "" : " ignore_index=" + s.ignoreIndex);
    }

    /**
     * A copy with {@code numClasses} classes (at least the current number): existing counts keep their indices,
     * new classes start at zero. Lets a stream whose class range is discovered on the way grow its state.
     */
    public MulticlassConfusion resized(int numClasses) {
        if (numClasses < this.numClasses) {
            throw new IllegalArgumentException("cannot shrink a " + this.numClasses + "-class state to " + numClasses);
        }
        MulticlassConfusion c = new MulticlassConfusion(numClasses, ignoreIndex, isWeighted());
        for (int t = 0; t < this.numClasses; t++) {
            for (int p = 0; p < this.numClasses; p++) {
                int from = t * this.numClasses + p;
                int to = t * numClasses + p;
                if (counts != null) {
                    c.counts[to] = counts[from];
                } else {
                    c.weights[to] = weights[from];
                    c.weightsLow[to] = weightsLow[from];
                }
            }
        }
        return c;
    }

    @Override
    public MulticlassConfusion reset() {
        if (counts != null) {
            java.util.Arrays.fill(counts, 0);
        } else {
            java.util.Arrays.fill(weights, 0);
            java.util.Arrays.fill(weightsLow, 0);
        }
        return this;
    }

    @Override
    public double samples() {
        return total();
    }

    /** A deep copy. */
    @Override
    public MulticlassConfusion copy() {
        MulticlassConfusion c = new MulticlassConfusion(numClasses, ignoreIndex, isWeighted());
        return c.merge(this);
    }

    /** The count (or summed weight) of samples of true class t predicted as p. */
    public double get(int truth, int prediction) {
        int k = truth * numClasses + prediction;
        return counts != null ? counts[k] : weights[k];
    }

    /** The count of samples of true class t predicted as p (unweighted states). */
    public long count(int truth, int prediction) {
        requireUnweighted();
        return counts[truth * numClasses + prediction];
    }

    /** The total count (or weight) of samples in the state. */
    public double total() {
        double s = 0;
        if (counts != null) {
            long t = 0;
            for (long v : counts) {
                t += v;
            }
            return t;
        }
        for (double v : weights) {
            s += v;
        }
        return s;
    }

    /** The matrix as rows of doubles (row = true class). */
    public double[][] toMatrix() {
        double[][] out = new double[numClasses][numClasses];
        for (int t = 0; t < numClasses; t++) {
            for (int p = 0; p < numClasses; p++) {
                out[t][p] = get(t, p);
            }
        }
        return out;
    }

    /** Per-class tp (diagonal), predicted (column sums) and support (row sums). */
    public LabelCounts labelCounts() {
        int c = numClasses;
        double[] tp = new double[c];
        double[] pred = new double[c];
        double[] sup = new double[c];
        if (counts != null) {
            long[] lp = new long[c];
            long[] ls = new long[c];
            for (int t = 0; t < c; t++) {
                for (int p = 0; p < c; p++) {
                    long v = counts[t * c + p];
                    ls[t] += v;
                    lp[p] += v;
                }
                tp[t] = counts[t * c + t];
            }
            for (int k = 0; k < c; k++) {
                pred[k] = lp[k];
                sup[k] = ls[k];
            }
        } else {
            for (int t = 0; t < c; t++) {
                for (int p = 0; p < c; p++) {
                    double v = weights[t * c + p];
                    sup[t] += v;
                    pred[p] += v;
                }
                tp[t] = weights[t * c + t];
            }
        }
        return LabelCounts.of(tp, pred, sup);
    }

    private void requireUnweighted() {
        if (counts == null) {
            throw new IllegalStateException("this state sums sample weights; pass sample weights to update");
        }
    }

    private static void checkLengths(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("truth has " + a + " samples but prediction has " + b);
        }
    }

    private IllegalArgumentException outOfRange(int i, int t, int p) {
        return new IllegalArgumentException("sample " + i + ": class index out of range (truth " + t + ", prediction "
                + p + "); expected 0.." + (numClasses - 1)
                + (ignoreIndex == NO_IGNORE ? "" : " or the ignore index " + ignoreIndex + " in truth"));
    }
}
