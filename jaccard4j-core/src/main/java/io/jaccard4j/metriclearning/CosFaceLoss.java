package io.jaccard4j.metriclearning;

/**
 * CosFace (Wang et al., CVPR 2018), pytorch-metric-learning's {@code CosFaceLoss}: with the cosine matrix
 * S = cos(e, W<sup>T</sup>) (W d × C, learnable), the target entry S<sub>i y<sub>i</sub></sub> is lowered by the
 * margin m, the logits are scaled by s and go into the cross-entropy, times the miner weights. Reduced by default
 * with {@link Reducer#MEAN}. Defaults (PML's): m = 0.35, s = 64. The distance must be cosine similarity, as PML
 * requires.
 */
public final class CosFaceLoss extends MarginSoftmaxLoss {
    private final double margin;

    private CosFaceLoss(Builder b) {
        super(b, b.scale);
        this.margin = b.margin;
    }

    /** A builder with PML's defaults for C classes. */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    @Override
    public String name() {
        return "CosFaceLoss";
    }

    /** m. */
    public double margin() {
        return margin;
    }

    @Override
    double[] target(double ct) {
        return new double[] {ct - margin, 1};
    }

    /** Builder of {@link CosFaceLoss}. */
    public static final class Builder extends ProxyLoss.Builder<Builder> {
        private double margin = 0.35;
        private double scale = 64;

        Builder(int classes) {
            super(classes, Distance.cosine());
        }

        /** m (PML's {@code margin}). */
        public Builder margin(double margin) {
            this.margin = MetricLoss.finite("margin", margin);
            return this;
        }

        /** s (PML's {@code scale}). */
        public Builder scale(double scale) {
            this.scale = MetricLoss.positive("scale", scale);
            return this;
        }

        @Override
        public CosFaceLoss build() {
            return new CosFaceLoss(this);
        }
    }
}
