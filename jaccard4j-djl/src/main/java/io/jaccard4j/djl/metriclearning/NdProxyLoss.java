package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.metriclearning.ArcFaceLoss;
import io.jaccard4j.metriclearning.CosFaceLoss;
import io.jaccard4j.metriclearning.Distance;
import io.jaccard4j.metriclearning.NormalizedSoftmaxLoss;
import io.jaccard4j.metriclearning.ProxyAnchorLoss;
import io.jaccard4j.metriclearning.ProxyLoss;
import io.jaccard4j.metriclearning.ProxyNCALoss;
import io.jaccard4j.metriclearning.Reducer;
import java.util.Objects;

/**
 * A core {@link ProxyLoss} configuration (ProxyAnchor, ProxyNCA, NormalizedSoftmax, ArcFace, CosFace) as a DJL
 * {@link Loss}: the same formula written with NDArray operations, so autograd reaches both the embeddings and the
 * learnable class weights. Predictions: {@code [embeddings (n × d), weights]}, the weights in PML's layout (C × d for
 * ProxyAnchor and ProxyNCA, d × C for the others). Labels: {@code [labels (n)]}. The miner's sample weights and the
 * reducer's element weights are constants computed on a detached copy, as in core. One difference from core: ProxyNCA
 * keeps samples whose class probability underflows to 0 (core and PML drop them).
 */
public final class NdProxyLoss extends Loss {
    private final ProxyLoss config;

    /** The DJL version of a core configuration. */
    public NdProxyLoss(ProxyLoss config) {
        super(Objects.requireNonNull(config, "config").name());
        this.config = config;
        Reducer r = config.reducer();
        if (r instanceof Reducer.DoNothing) {
            throw new IllegalArgumentException(config.name() + ": the do-nothing reducer gives no loss value to train "
                    + "on; use the core loss's elements(...)");
        }
    }

    /** The core configuration whose formula this loss computes. */
    public ProxyLoss config() {
        return config;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (predictions.size() < 2) {
            throw new IllegalArgumentException(getName() + ": predictions must be [embeddings, weights]");
        }
        NDArray e = predictions.get(0);
        NDArray w = predictions.get(1);
        if (e.getShape().dimension() != 2 || w.getShape().dimension() != 2) {
            throw new IllegalArgumentException(getName() + ": embeddings and weights must be matrices; got "
                    + e.getShape() + " and " + w.getShape());
        }
        int n = (int) e.getShape().get(0);
        int d = (int) e.getShape().get(1);
        int c = config.classes();
        Shape expected = config.weightsAreClassColumns() ? new Shape(d, c) : new Shape(c, d);
        if (!w.getShape().equals(expected)) {
            throw new IllegalArgumentException(getName() + ": weights have shape " + w.getShape() + "; expected "
                    + expected);
        }
        int[] y = labels.get(0).toType(DataType.INT32, false).toIntArray();
        double[] host = e.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] sw = config.sampleWeights(host, n, d, y, null);
        NDArray p = config.weightsAreClassColumns() ? w.transpose() : w;
        Distance dist = config.distance();
        if (config instanceof NormalizedSoftmaxLoss) {
            p = normalize(p, dist);
        }
        NDArray s = cross(e, p, dist);
        float[] onehot = new float[n * c];
        for (int i = 0; i < n; i++) {
            onehot[i * c + y[i]] = 1;
        }
        NDArray oh = e.getManager().create(onehot, new Shape(n, c)).toType(e.getDataType(), false);
        NDArray weights = e.getManager().create(sw).toType(e.getDataType(), false);
        if (config instanceof ProxyAnchorLoss) {
            return proxyAnchor((ProxyAnchorLoss) config, s, oh, weights, y, n, c);
        }
        NDArray z;
        if (config instanceof ProxyNCALoss) {
            z = s.mul(scalar(s, ((ProxyNCALoss) config).softmaxScale() * (dist.isSimilarity() ? 1 : -1)));
        } else if (config instanceof NormalizedSoftmaxLoss) {
            double t = ((NormalizedSoftmaxLoss) config).temperature();
            z = s.div(scalar(s, t));
            z = dist.isSimilarity() ? z : z.neg();
        } else if (config instanceof ArcFaceLoss) {
            double m = ((ArcFaceLoss) config).marginRadians();
            NDArray ct = s.mul(oh).sum(new int[] {1});
            NDArray theta = ct.clip(-1f, 1f).acos();
            NDArray mod = NDArrays.where(theta.lte(scalar(theta, Math.PI - m)), theta.add(scalar(theta, m)).cos(),
                    theta.cos().sub(scalar(theta, m * Math.sin(m))));
            z = s.add(oh.mul(mod.sub(ct).expandDims(1))).mul(scalar(s, ((ArcFaceLoss) config).scale()));
        } else {
            CosFaceLoss cf = (CosFaceLoss) config;
            z = s.sub(oh.mul(scalar(s, cf.margin()))).mul(scalar(s, cf.scale()));
        }
        NDArray l = z.logSoftmax(1).mul(oh).sum(new int[] {1}).neg().mul(weights);
        return reduce(l, identity(n), y, Double.NaN);
    }

    private NDArray proxyAnchor(ProxyAnchorLoss pa, NDArray s, NDArray oh, NDArray weights, int[] y, int n, int c) {
        boolean sim = config.distance().isSimilarity();
        double a = pa.alpha();
        double m = pa.margin();
        NDArray posExp = sim ? s.neg().add(scalar(s, m)) : s.sub(scalar(s, m));
        NDArray negExp = sim ? s.add(scalar(s, m)) : s.neg().sub(scalar(s, m));
        NDArray shift = weights.sub(scalar(s, 1)).expandDims(1);
        NDArray notOh = oh.neg().add(scalar(oh, 1));
        NDArray pos = lse(posExp.mul(scalar(s, a)).add(shift), oh);
        NDArray neg = lse(negExp.mul(scalar(s, a)).add(shift), notOh);
        int present = 0;
        boolean[] seen = new boolean[c];
        for (int label : y) {
            if (!seen[label]) {
                seen[label] = true;
                present++;
            }
        }
        return reduce(pos, identity(c), y, present).add(reduce(neg, identity(c), y, c));
    }

    /** Per column: log(1 + Σ over the rows kept by {@code mask} of exp(x)). */
    private static NDArray lse(NDArray x, NDArray mask) {
        NDArray masked = x.mul(mask).add(mask.neg().add(scalar(mask, 1)).mul(scalar(x, NdMetricLoss.MASKED)));
        NDArray withZero = NDArrays.concat(new NDList(masked.zerosLike().get(":1, :"), masked), 0);
        return withZero.logSoftmax(0).get("0, :").neg();
    }

    private NDArray reduce(NDArray l, int[] anchors, int[] y, double divisor) {
        double[] values = l.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] w = config.elementWeights(values, anchors, y, divisor);
        return l.mul(l.getManager().create(w).toType(l.getDataType(), false)).sum();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static NDArray normalize(NDArray x, Distance dist) {
        double q = dist.isSimilarity() ? 2 : dist.p();
        NDArray norm = q == 2 ? x.norm(new int[] {1}, true)
                : x.abs().pow(scalar(x, q)).sum(new int[] {1}, true).pow(scalar(x, 1 / q));
        return x.div(norm.maximum(scalar(x, 1e-12f)));
    }

    /** M(e, p) (n × C) with NDArray operations, as core's {@link Distance#matrix(double[], int, double[], int, int)}. */
    private static NDArray cross(NDArray e, NDArray p, Distance dist) {
        NDArray u = dist.normalizesEmbeddings() ? normalize(e, dist) : e;
        NDArray v = dist.normalizesEmbeddings() ? normalize(p, dist) : p;
        NDArray m;
        if (dist.isSimilarity()) {
            m = u.matMul(v.transpose());
        } else {
            double pp = dist.p();
            NDArray diff = u.expandDims(1).sub(v.expandDims(0));
            NDArray s = diff.abs().pow(scalar(u, pp)).sum(new int[] {2});
            NDArray pos = s.gt(0);
            NDArray safe = NDArrays.where(pos, s, s.onesLike());
            m = NDArrays.where(pos, safe.pow(scalar(u, 1 / pp)), s.zerosLike());
        }
        return dist.power() == 1 ? m : m.pow(scalar(m, dist.power()));
    }
}
