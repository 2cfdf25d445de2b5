package io.jaccard4j.metriclearning;

import java.util.Arrays;
import java.util.List;

/**
 * Per-element losses of one sub-loss (PML's loss dict entry: a name and a {@link Reducer.ReductionType}), each with
 * its anchor, its PML indices and its sparse partial derivatives with respect to entries of the n × n matrix (index
 * i·n + j).
 */
final class Terms {
    final String name;
    final Reducer.ReductionType type;
    /** PML's {@code divisor} of the sub-loss, used by {@link Reducer#divisor()}; NaN when it has none. */
    double divisor = Double.NaN;
    private int[] second = new int[16];
    private int[] third = new int[16];

    Terms(String name, Reducer.ReductionType type) {
        this.name = name;
        this.type = type;
    }

    private double[] values = new double[16];
    private int[] anchors = new int[16];
    private int[] start = new int[17];
    private int[] idx = new int[64];
    private double[] partial = new double[64];
    private int size;
    private int nnz;

    /** Adds ∂l/∂M[index] for the element being built. */
    void grad(int index, double der) {
        if (nnz == idx.length) {
            idx = Arrays.copyOf(idx, nnz * 2);
            partial = Arrays.copyOf(partial, nnz * 2);
        }
        idx[nnz] = index;
        partial[nnz++] = der;
    }

    /** Closes the element being built with its value and anchor. */
    void close(int anchor, double value) {
        close(anchor, -1, -1, value);
    }

    /** Closes the element being built with its value, anchor and the other indices of its pair or triplet. */
    void close(int anchor, int other, int third, double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            anchors = Arrays.copyOf(anchors, size * 2);
            second = Arrays.copyOf(second, size * 2);
            this.third = Arrays.copyOf(this.third, size * 2);
            start = Arrays.copyOf(start, size * 2 + 1);
        }
        values[size] = value;
        anchors[size] = anchor;
        second[size] = other;
        this.third[size] = third;
        size++;
        start[size] = nnz;
    }

    int size() {
        return size;
    }

    double[] values() {
        return Arrays.copyOf(values, size);
    }

    int[] anchors() {
        return Arrays.copyOf(anchors, size);
    }

    /** The PML indices of the elements: (anchor) for elements, (anchor, other) for pairs, (a, p, n) for triplets. */
    int[][] indices() {
        switch (type) {
            case ELEMENT: return new int[][] {anchors()};
            case TRIPLET: return new int[][] {anchors(), Arrays.copyOf(second, size), Arrays.copyOf(third, size)};
            default: return new int[][] {anchors(), Arrays.copyOf(second, size)};
        }
    }

    /** Σ w<sub>e</sub> l<sub>e</sub>, adding Σ w<sub>e</sub> ∂l<sub>e</sub>/∂M into gradM. */
    double reduce(Reducer reducer, int[] labels, double[] gradM) {
        if (size == 0) {
            return 0;
        }
        double[] w;
        if (reducer instanceof Reducer.Divisor) {
            if (Double.isNaN(divisor)) {
                throw new IllegalArgumentException("the divisor reducer needs a loss that gives divisors "
                        + "(ProxyAnchorLoss); " + name + " has none");
            }
            w = new double[size];
            java.util.Arrays.fill(w, divisor == 0 ? 0 : 1 / divisor);
        } else {
            w = reducer.weights(values(), type, anchors(), labels);
        }
        double v = 0;
        for (int e = 0; e < size; e++) {
            if (w[e] == 0) {
                continue;
            }
            v += w[e] * values[e];
            for (int k = start[e]; k < start[e + 1]; k++) {
                gradM[idx[k]] += w[e] * partial[k];
            }
        }
        return v;
    }

    /** Σ over the sub-losses of their reduced values, adding each one's weighted partials into gradM. */
    static double reduceAll(List<Terms> groups, Reducer reducer, int[] labels, double[] gradM) {
        double value = 0;
        for (Terms g : groups) {
            value += g.reduce(reducer, labels, gradM);
        }
        return value;
    }

    /** log Σ exp(x) over x[0..len), stable; fills soft with the softmax. */
    static double logSumExp(double[] x, int len, double[] soft) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < len; i++) {
            max = Math.max(max, x[i]);
        }
        double z = 0;
        for (int i = 0; i < len; i++) {
            soft[i] = Math.exp(x[i] - max);
            z += soft[i];
        }
        for (int i = 0; i < len; i++) {
            soft[i] /= z;
        }
        return max + Math.log(z);
    }

    /** The logistic function 1/(1 + e<sup>−x</sup>), stable for large |x|. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
