package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * ProxyNCA (Movshovitz-Attias et al., ICCV 2017), pytorch-metric-learning's {@code ProxyNCALoss}: with
 * S = M(e, P) against the C proxies P (C × d, learnable), z = s·S for similarities and z = −s·S for distances (s the
 * softmax scale), sample i costs −log softmax(z<sub>i</sub>)<sub>y<sub>i</sub></sub> · w<sub>i</sub> (w the miner
 * weights, counting only anchors); samples whose probability underflows to 0 are left out, as in PML. Reduced by
 * default with {@link Reducer#MEAN}. Defaults: s = 1, PML's {@code LpDistance(power=2)} — the squared L2 distance on
 * normalised embeddings.
 */
public final class ProxyNCALoss extends ProxyLoss {
    private final double softmaxScale;

    private ProxyNCALoss(Builder b) {
        super(b);
        this.softmaxScale = b.softmaxScale;
    }

    /** A builder with PML's defaults for C classes. */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    @Override
    public String name() {
        return "ProxyNCALoss";
    }

    @Override
    public boolean weightsAreClassColumns() {
        return false;
    }

    @Override
    boolean weightsCountAnchorsOnly() {
        return true;
    }

    /** s. */
    public double softmaxScale() {
        return softmaxScale;
    }

    @Override
    List<Terms> terms(double[] s, int n, int c, int[] labels, double[] minerWeights) {
        double sign = distance().isSimilarity() ? 1 : -1;
        Terms t = new Terms("loss", Reducer.ReductionType.ELEMENT);
        double[] soft = new double[c];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, softmaxScale * (sign * s[i * c + k]));
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                soft[k] = Math.exp(softmaxScale * (sign * s[i * c + k]) - max);
                sum += soft[k];
            }
            for (int k = 0; k < c; k++) {
                soft[k] /= sum;
            }
            double p = soft[labels[i]];
            if (p == 0) {
                continue;
            }
            double w = minerWeights[i];
            for (int k = 0; k < c; k++) {
                double g = (soft[k] - (k == labels[i] ? 1 : 0)) * w;
                if (g != 0) {
                    t.grad(i * c + k, g * softmaxScale * sign);
                }
            }
            t.close(i, -Math.log(p) * w);
        }
        return List.of(t);
    }

    /** Builder of {@link ProxyNCALoss}. */
    public static final class Builder extends ProxyLoss.Builder<Builder> {
        private double softmaxScale = 1;

        Builder(int classes) {
            super(classes, Distance.lp(2).withPower(2));
        }

        /** s (PML's {@code softmax_scale}). */
        public Builder softmaxScale(double softmaxScale) {
            this.softmaxScale = MetricLoss.positive("softmax_scale", softmaxScale);
            return this;
        }

        @Override
        public ProxyNCALoss build() {
            return new ProxyNCALoss(this);
        }
    }
}
