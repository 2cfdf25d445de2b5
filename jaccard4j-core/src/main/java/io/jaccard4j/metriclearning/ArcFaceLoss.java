package io.jaccard4j.metriclearning;

/**
 * ArcFace (Deng et al., CVPR 2019), pytorch-metric-learning's {@code ArcFaceLoss}: with the cosine matrix
 * S = cos(e, W<sup>T</sup>) (W d × C, learnable), the target entry c = S<sub>i y<sub>i</sub></sub> with angle
 * θ = acos(clamp(c, −1, 1)) becomes cos(θ + m) when θ ≤ π − m and cos θ − m·sin m beyond (PML's monotone
 * continuation); the logits, scaled by s, go into the cross-entropy, times the miner weights. Reduced by default with
 * {@link Reducer#MEAN}. Defaults (PML's): m = 28.6° (given in degrees, as PML; stored in radians), s = 64. The
 * distance must be cosine similarity, as PML requires.
 */
public final class ArcFaceLoss extends MarginSoftmaxLoss {
    private final double margin;

    private ArcFaceLoss(Builder b) {
        super(b, b.scale);
        this.margin = Math.toRadians(b.marginDegrees);
    }

    /** A builder with PML's defaults for C classes. */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    @Override
    public String name() {
        return "ArcFaceLoss";
    }

    /** m in radians. */
    public double marginRadians() {
        return margin;
    }

    @Override
    double[] target(double ct) {
        double cl = Math.max(-1, Math.min(1, ct));
        double theta = Math.acos(cl);
        // d theta / d c: acos' = −1/sqrt(1 − c²) inside the clamp, 0 outside
        double dTheta = ct < -1 || ct > 1 ? 0 : -1 / Math.sqrt(1 - cl * cl);
        if (theta <= Math.PI - margin) {
            return new double[] {Math.cos(theta + margin), -Math.sin(theta + margin) * dTheta};
        }
        return new double[] {Math.cos(theta) - margin * Math.sin(margin), -Math.sin(theta) * dTheta};
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
