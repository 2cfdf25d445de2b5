package io.jaccard4j.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Per-sample counts of a multilabel problem, for {@code average=samples}: for each sample, the number of
 * labels that are true and predicted (tp), predicted only (fp) and true only (fn). Scores are computed per
 * sample and then averaged over samples (weighted by sample weight when given).
 *
 * <p>Samples are kept as a histogram of their (tp, fp, fn) triples, so the state's size is bounded by the
 * number of distinct triples (at most (L+1)³), not by the number of samples, and {@link #merge} is exactly
 * associative and commutative for unweighted states. A sample of weight 0 counts as (0, 0, 0), as
 * scikit-learn's weighted per-sample counts make it.
 */
public final class SamplewiseConfusion implements ConfusionState<SamplewiseConfusion, IndicatorMatrix> {
    private static final long serialVersionUID = 1L;

    private final int numLabels;
    /** key (tp, fp, fn) packed in 21 bits each → {number of samples, summed weight (double-double: hi, lo)}. */
    private final TreeMap<Long, double[]> histogram = new TreeMap<>();
    private final boolean weighted;

    private SamplewiseConfusion(int numLabels, boolean weighted) {
        if (numLabels < 1 || numLabels >= (1 << 21)) {
            throw new IllegalArgumentException("numLabels must be in [1, 2^21); got " + numLabels);
        }
        this.numLabels = numLabels;
        this.weighted = weighted;
    }

    public static SamplewiseConfusion of(int numLabels) {
        return new SamplewiseConfusion(numLabels, false);
    }

    public static SamplewiseConfusion weighted(int numLabels) {
        return new SamplewiseConfusion(numLabels, true);
    }

    public int numLabels() {
        return numLabels;
    }

    @Override
    public boolean isWeighted() {
        return weighted;
    }

    /**
     * Adds samples, counting only the given label columns (null = all).
     *
     * @param sampleWeight one weight a sample for a weighted state, null for an unweighted one
     */
    public SamplewiseConfusion update(IndicatorMatrix truth, IndicatorMatrix prediction, int[] columns,
            double[] sampleWeight) {
        if (truth.size() != prediction.size() || truth.columns() != prediction.columns()) {
            throw new IllegalArgumentException("truth is " + truth.size() + " x " + truth.columns()
                    + " but prediction is " + prediction.size() + " x " + prediction.columns());
        }
        int[] cols = columns;
        if (cols == null) {
            cols = new int[truth.columns()];
            for (int j = 0; j < cols.length; j++) {
                cols[j] = j;
            }
        }
        if (cols.length != numLabels) {
            throw new IllegalArgumentException("counting " + cols.length + " labels, this state has " + numLabels);
        }
        if (weighted != (sampleWeight != null)) {
            throw new IllegalStateException(weighted ? "a weighted state needs sample weights"
                    : "this state counts samples; create it with SamplewiseConfusion.weighted");
        }
        if (sampleWeight != null && sampleWeight.length != truth.size()) {
            throw new IllegalArgumentException("sample_weight has " + sampleWeight.length + " entries, expected "
                    + truth.size());
        }
        byte[] t = truth.data();
        byte[] p = prediction.data();
        int l = truth.columns();
        for (int i = 0; i < truth.size(); i++) {
            int base = i * l;
            long a = 0;
            long b = 0;
            long c = 0;
            for (int col : cols) {
                int x = t[base + col];
                int y = p[base + col];
                a += x & y;
                b += y & ~x & 1;
                c += x & ~y & 1;
            }
            double w = sampleWeight == null ? 1.0 : sampleWeight[i];
            long key = w == 0.0 ? 0L : (a << 42) | (b << 21) | c;
            double[] cell = histogram.computeIfAbsent(key, k -> new double[3]);
            cell[0] += 1;
            addWeight(cell, w);
        }
        return this;
    }

    /** Adds another state into this one. */
    /** Adds samples over all columns (see {@link #update(IndicatorMatrix, IndicatorMatrix, int[], double[])}). */
    @Override
    public SamplewiseConfusion update(IndicatorMatrix truth, IndicatorMatrix prediction, double[] sampleWeight) {
        return update(truth, prediction, null, sampleWeight);
    }

    @Override
    public SamplewiseConfusion copy() {
        return (weighted ? weighted(numLabels) : of(numLabels)).merge(this);
    }

    @Override
    public SamplewiseConfusion reset() {
        histogram.clear();
        return this;
    }

    /** The samples counted, or their summed weight. */
    @Override
    public double samples() {
        if (!weighted) {
            return samplesCounted();
        }
        double w = 0;
        for (double[] cell : histogram.values()) {
            w += cell[1] + cell[2];
        }
        return w;
    }

    @Override
    public SamplewiseConfusion merge(SamplewiseConfusion other) {
        if (other.numLabels != numLabels || other.weighted != weighted) {
            throw new IllegalArgumentException("cannot merge samplewise states of different shape or weighting");
        }
        for (Map.Entry<Long, double[]> e : other.histogram.entrySet()) {
            double[] cell = histogram.computeIfAbsent(e.getKey(), k -> new double[3]);
            cell[0] += e.getValue()[0];
            addWeight(cell, e.getValue()[1]);
            addWeight(cell, e.getValue()[2]);
        }
        return this;
    }

    private static void addWeight(double[] cell, double w) {
        WeightSums.add(cell, cell, 1, 2, w);
    }

    /** The number of samples added. */
    public long samplesCounted() {
        long n = 0;
        for (double[] cell : histogram.values()) {
            n += (long) cell[0];
        }
        return n;
    }

    /** Visits each distinct (tp, fp, fn) triple with its number of samples and summed weight, in a fixed order. */
    public void forEach(TripleVisitor visitor) {
        for (Map.Entry<Long, double[]> e : histogram.entrySet()) {
            long k = e.getKey();
            visitor.visit(k >>> 42, (k >>> 21) & 0x1FFFFF, k & 0x1FFFFF, (long) e.getValue()[0], e.getValue()[1]);
        }
    }

    /** Receives one histogram cell of a {@link SamplewiseConfusion}. */
    @FunctionalInterface
    public interface TripleVisitor {
        void visit(long tp, long fp, long fn, long samples, double weight);
    }
}
