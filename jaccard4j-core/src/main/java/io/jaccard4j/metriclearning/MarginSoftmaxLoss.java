package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * The shared form of PML's large-margin softmax losses ({@link ArcFaceLoss}, {@link CosFaceLoss}): with the cosine
 * matrix S = cos(e, W<sup>T</sup>) (W d × C, learnable), the target entry c = S<sub>i y<sub>i</sub></sub> becomes
 * c + (f(c) − c) for the loss's margin function f, every logit is scaled by s, and sample i costs the cross-entropy
 * times its miner weight. The distance must be cosine similarity, as PML requires.
 */
public abstract class MarginSoftmaxLoss extends ProxyLoss {
    private final double scale;

    MarginSoftmaxLoss(Builder<?> b, double scale) {
        super(b);
        this.scale = scale;
        Distance d = distance();
        if (!(d.isSimilarity() && d.normalizesEmbeddings() && d.power() == 1)) {
            throw new IllegalArgumentException(name() + " requires the distance to be cosine similarity (PML's "
                    + "CosineSimilarity); got " + d);
        }
    }

    @Override
    public final boolean weightsAreClassColumns() {
        return true;
    }

    /** s. */
    public final double scale() {
        return scale;
    }

    /** {f(c), f'(c)}: the target logit with its margin, and its derivative. */
    abstract double[] target(double c);

    @Override
    final List<Terms> terms(double[] s, int n, int c, int[] labels, double[] minerWeights) {
        double[] z = new double[s.length];
        double[] dz = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            z[i] = s[i] * scale;
            dz[i] = scale;
        }
        for (int i = 0; i < n; i++) {
            int ix = i * c + labels[i];
            double ct = s[ix];
            double[] f = target(ct);
            z[ix] = (ct + (f[0] - ct)) * scale;
            dz[ix] = f[1] * scale;
        }
        return List.of(crossEntropy(z, dz, n, c, labels, minerWeights));
    }
}
