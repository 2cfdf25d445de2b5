package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * Normalised softmax (Zhai &amp; Wu, BMVC 2019), pytorch-metric-learning's {@code NormalizedSoftmaxLoss}: the
 * columns of W (d × C, learnable) are normalised with the distance's norm (W<sub>c</sub> / max(‖W<sub>c</sub>‖,
 * 10<sup>−12</sup>), always), S = M(e, normalised W<sup>T</sup>), z = S/τ for similarities and −S/τ for distances,
 * and sample i costs the cross-entropy −log softmax(z<sub>i</sub>)<sub>y<sub>i</sub></sub> · w<sub>i</sub> (w the
 * miner weights). Reduced by default with {@link Reducer#MEAN}. Defaults: τ = 0.05, PML's
 * {@code DotProductSimilarity()} (normalised, i.e. cosine).
 */
public final class NormalizedSoftmaxLoss extends ProxyLoss {
    private final double temperature;

    private NormalizedSoftmaxLoss(Builder b) {
        super(b);
        this.temperature = b.temperature;
    }

    /** A builder with PML's defaults for C classes. */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    @Override
    public String name() {
        return "NormalizedSoftmaxLoss";
    }

    @Override
    public boolean weightsAreClassColumns() {
        return true;
    }

    /** τ. */
    public double temperature() {
        return temperature;
    }

    @Override
    double[] prepareProxies(double[] p, int c, int d) {
        return distance().normalizeRows(p, c, d);
    }

    @Override
    double[] prepareProxiesBackward(double[] p, int c, int d, double[] gradP) {
        return distance().normalizeRowsBackward(p, c, d, gradP);
    }

    @Override
    List<Terms> terms(double[] s, int n, int c, int[] labels, double[] minerWeights) {
        boolean sim = distance().isSimilarity();
        double[] z = new double[s.length];
        double[] dz = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            z[i] = sim ? s[i] / temperature : -(s[i] / temperature);
            dz[i] = (sim ? 1 : -1) / temperature;
        }
        return List.of(crossEntropy(z, dz, n, c, labels, minerWeights));
    }

    /** Builder of {@link NormalizedSoftmaxLoss}. */
    public static final class Builder extends ProxyLoss.Builder<Builder> {
        private double temperature = 0.05;

        Builder(int classes) {
            super(classes, Distance.dot().normalizeEmbeddings(true));
        }

        /** τ (PML's {@code temperature}). */
        public Builder temperature(double temperature) {
            this.temperature = MetricLoss.positive("temperature", temperature);
            return this;
        }

        @Override
        public NormalizedSoftmaxLoss build() {
            return new NormalizedSoftmaxLoss(this);
        }
    }
}
