package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * ArcFace (Deng et al., CVPR 2019), pytorch-metric-learning's {@code ArcFaceLoss}: with the cosine matrix
 * S = cos(e, W<sup>T</sup>) (W d × C, learnable), the target entry c = S<sub>i y<sub>i</sub></sub> with angle
 * θ = acos(clamp(c, −1, 1)) becomes cos(θ + m) when θ ≤ π − m and cos θ − m·sin m beyond (PML's monotone
 * continuation); the logits, scaled by s, go into the cross-entropy, times the miner weights. Reduced by default with
 * {@link Reducer#MEAN}. Defaults (PML's): m = 28.6° (given in degrees, as PML; stored in radians), s = 64. The
 * distance must be cosine similarity, as PML requires.
 */
public final class ArcFaceLoss extends ProxyLoss {
    private final double margin;
    private final double scale;

    private ArcFaceLoss(Builder b) {
        super(b);
        this.margin = Math.toRadians(b.marginDegrees);
        this.scale = b.scale;
        requireCosine(name(), distance());
    }

    static void requireCosine(String name, Distance d) {
        if (!(d.isSimilarity() && d.normalizesEmbeddings() && d.power() == 1)) {
            throw new IllegalArgumentException(name + " requires the distance to be cosine similarity (PML's "
                    + "CosineSimilarity); got " + d);
        }
    }

    /** A builder with PML's defaults for C classes. */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    @Override
    public String name() {
        return "ArcFaceLoss";
    }

    @Override
    public boolean weightsAreClassColumns() {
        return true;
    }

    /** m in radians. */
    public double marginRadians() {
        return margin;
    }

    /** s. */
    public double scale() {
        return scale;
    }

    @Override
    List<Terms> terms(double[] s, int n, int c, int[] labels, double[] minerWeights) {
        double[] z = new double[s.length];
        double[] dz = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            z[i] = s[i] * scale;
            dz[i] = scale;
        }
        for (int i = 0; i < n; i++) {
            int ix = i * c + labels[i];
            double ct = s[ix];
            double cl = Math.max(-1, Math.min(1, ct));
            double theta = Math.acos(cl);
            // d theta / d c: acos' = −1/sqrt(1 − c²) inside the clamp, 0 outside
            double dTheta = ct < -1 || ct > 1 ? 0 : -1 / Math.sqrt(1 - cl * cl);
            double mod;
            double dMod;
            if (theta <= Math.PI - margin) {
                mod = Math.cos(theta + margin);
                dMod = -Math.sin(theta + margin) * dTheta;
            } else {
                mod = Math.cos(theta) - margin * Math.sin(margin);
                dMod = -Math.sin(theta) * dTheta;
            }
            z[ix] = (ct + (mod - ct)) * scale;
            dz[ix] = dMod * scale;
        }
        return List.of(crossEntropy(z, dz, n, c, labels, minerWeights));
    }

    /** Builder of {@link ArcFaceLoss}. */
    public static final class Builder extends ProxyLoss.Builder<Builder> {
        private double marginDegrees = 28.6;
        private double scale = 64;

        Builder(int classes) {
            super(classes, Distance.cosine());
        }

        /** m in degrees (PML's {@code margin}). */
        public Builder marginDegrees(double marginDegrees) {
            this.marginDegrees = MetricLoss.finite("margin", marginDegrees);
            return this;
        }

        /** s (PML's {@code scale}). */
        public Builder scale(double scale) {
            this.scale = MetricLoss.positive("scale", scale);
            return this;
        }

        @Override
        public ArcFaceLoss build() {
            return new ArcFaceLoss(this);
        }
    }
}
