package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.metriclearning.Distance;
import io.jaccard4j.metriclearning.MetricLoss;
import io.jaccard4j.metriclearning.Reducer;
import io.jaccard4j.metriclearning.Tuples;
import java.util.Objects;

/**
 * The shared pipeline of the DJL metric-learning losses: the formulas of a core {@link MetricLoss} configuration
 * (its distance, miner, reducer and parameters) written with NDArray operations, so autograd and any device work.
 * {@code predictions.get(0)} holds the embeddings (n × d), {@code labels.get(0)} the n class labels (any integer or
 * float type holding integers). The distance matrix M is computed with NDArrays; the miner runs on a detached copy
 * of M (mining picks indices only); each element loss is an NDArray expression of gathered entries of M; the
 * reducer's weights w<sub>e</sub>, constant in the backward pass as in core, give L = Σ w<sub>e</sub> l<sub>e</sub>.
 * A batch with nothing to compute gives 0 with a zero gradient, by core's (PML's) rules.
 */
public abstract class NdMetricLoss extends Loss {
    /** Padding added to masked logits: exp of it underflows to 0 in float32 and float64. */
    static final float MASKED = -1e9f;

    private final MetricLoss config;

    NdMetricLoss(String name, MetricLoss config) {
        super(name);
        this.config = Objects.requireNonNull(config, "config");
        if (config.reducer() instanceof Reducer.DoNothing) {
            throw new IllegalArgumentException(name + ": the do-nothing reducer gives no loss value to train on; "
                    + "use the core loss's elements(...) to inspect element losses");
        }
    }

    /** The core configuration whose formula this loss computes. */
    public MetricLoss config() {
        return config;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray e = predictions.get(0);
        Shape s = e.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException(getName() + ": predictions must be n x d embeddings; got shape " + s);
        }
        int n = (int) s.get(0);
        int[] y = labels.get(0).toType(DataType.INT32, false).toIntArray();
        if (y.length != n) {
            throw new IllegalArgumentException(getName() + ": " + y.length + " labels for " + n + " embeddings");
        }
        NDArray m = matrix(e, config.distance());
        Tuples t = null;
        if (config.miner() != null) {
            // the miner measures with its own distance (PML), on a detached copy
            Distance md = config.miner().distance() == null ? config.distance() : config.miner().distance();
            double[] mv = md.equals(config.distance()) ? m.toType(DataType.FLOAT64, false).toDoubleArray()
                    : md.matrix(e.toType(DataType.FLOAT64, false).toDoubleArray(), n, (int) s.get(1));
            t = config.miner().mine(mv, n, y, md.isSimilarity());
        }
        NDArray[] groups = elements(m, n, y, t);
        if (groups == null) {
            return e.sum().mul(scalar(e, 0));
        }
        NDArray total = null;
        for (int g = 0; g < groups.length; g += 2) {
            NDArray l = groups[g];
            int[] anchors = groups[g + 1].toType(DataType.INT32, false).toIntArray();
            double[] values = l.toType(DataType.FLOAT64, false).toDoubleArray();
            double[] w = config.reducer().weights(values, reductionType(g / 2), anchors, y);
            NDArray part = values.length == 0 ? e.sum().mul(scalar(e, 0))
                    : l.mul(constant(e.getManager(), w, e.getDataType())).sum();
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    /**
     * Element losses and their anchors, as pairs {@code [losses, anchors, losses, anchors, ...]}, one pair per
     * reduction group; null when the batch has nothing to compute.
     */
    abstract NDArray[] elements(NDArray m, int n, int[] labels, Tuples mined);

    /** What the elements of reduction group g are (PML's reduction type); element losses by default. */
    Reducer.ReductionType reductionType(int group) {
        return Reducer.ReductionType.ELEMENT;
    }

    /**
     * M (n × n) of embeddings e with NDArray operations; the gradient at coincident points of Lp is 0. Normalisation
     * divides by the p-norm of an Lp distance (the 2-norm for similarities), clamped at 10<sup>−12</sup>, as PML.
     */
    static NDArray matrix(NDArray e, Distance dist) {
        NDArray u = e;
        if (dist.normalizesEmbeddings()) {
            double q = dist.isSimilarity() ? 2 : dist.p();
            NDArray norm = q == 2 ? e.norm(new int[] {1}, true)
                    : e.abs().pow(scalar(e, q)).sum(new int[] {1}, true).pow(scalar(e, 1 / q));
            u = e.div(norm.maximum(scalar(e, 1e-12f)));
        }
        if (dist.isSimilarity()) {
            return u.matMul(u.transpose());
        }
        double p = dist.p();
        NDArray diff = u.expandDims(1).sub(u.expandDims(0));
        NDArray s = diff.abs().pow(scalar(u, p)).sum(new int[] {2});
        NDArray pos = s.gt(0);
        NDArray safe = NDArrays.where(pos, s, s.onesLike());
        return NDArrays.where(pos, safe.pow(scalar(u, 1 / p)), s.zerosLike());
    }

    /** Entries of M at linear indices (an empty index list gives an empty array). */
    static NDArray gather(NDArray m, long[] linear) {
        if (linear.length == 0) {
            return m.getManager().zeros(new Shape(0), m.getDataType());
        }
        return m.take(indices(m.getManager(), linear));
    }

    static NDArray constant(NDManager manager, double[] v, DataType type) {
        return manager.create(v).toType(type, false);
    }

    static NDArray constant(NDManager manager, double[] v, Shape shape, DataType type) {
        return manager.create(v, shape).toType(type, false);
    }

    static NDArray indices(NDManager manager, long[] v) {
        return manager.create(v);
    }

    static NDArray anchors(NDManager manager, int[] v) {
        return manager.create(v);
    }

    static long[] linear(int n, int[] a, int[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (long) a[i] * n + b[i];
        }
        return out;
    }


    /**
     * A padded gather: row r holds M[rowAnchor[r], cols[r][c]]; returns the gathered matrix (R × width) and fills
     * {@code mask} with 0 for real entries and {@link #MASKED} for padding.
     */
    static NDArray padded(NDArray m, int n, int[] rowAnchor, int[][] cols, int width, double[] mask) {
        int rows = rowAnchor.length;
        long[] idx = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                if (c < cols[r].length) {
                    idx[r * width + c] = (long) rowAnchor[r] * n + cols[r][c];
                    mask[r * width + c] = 0;
                } else {
                    idx[r * width + c] = 0;
                    mask[r * width + c] = MASKED;
                }
            }
        }
        return m.take(indices(m.getManager(), idx)).reshape(rows, width);
    }
}
