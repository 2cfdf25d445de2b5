package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * Proxy-Anchor loss (Kim, Kim, Cho, Kwak, CVPR 2020), pytorch-metric-learning's {@code ProxyAnchorLoss}: with
 * S = M(e, P) against the C proxies P (C × d, learnable), margin δ and scale α, and w<sub>i</sub> − 1 added to every
 * exponent (PML's miner weights, 0 without a miner), each proxy c gives
 * <pre>
 *   pos_c = log(1 + Σ_{i: y_i = c} exp(α(δ − S_ic) + w_i − 1))      (0 when class c has no sample)
 *   neg_c = log(1 + Σ_{i: y_i ≠ c} exp(α(S_ic + δ) + w_i − 1))
 * </pre>
 * for similarities (for distances S − δ and −δ − S). The sub-losses {@code pos_loss} and {@code neg_loss} each have
 * C elements; by default ({@link Reducer#divisor()}) L = Σ pos_c / #{classes present} + Σ neg_c / C. Defaults:
 * δ = 0.1, α = 32, cosine similarity.
 */
public final class ProxyAnchorLoss extends ProxyLoss {
    private final double margin;
    private final double alpha;

    private ProxyAnchorLoss(Builder b) {
        super(b);
        this.margin = b.margin;
        this.alpha = b.alpha;
    }

    /** A builder with PML's defaults for C classes. */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    @Override
    public String name() {
        return "ProxyAnchorLoss";
    }

    @Override
    public boolean weightsAreClassColumns() {
        return false;
    }

    /** δ. */
    public double margin() {
        return margin;
    }

    /** α. */
    public double alpha() {
        return alpha;
    }

    @Override
    Reducer defaultReducer() {
        return Reducer.divisor();
    }

    @Override
    List<String> subLossNames() {
        return List.of("pos_loss", "neg_loss");
    }

    @Override
    List<Terms> terms(double[] s, int n, int c, int[] labels, double[] minerWeights) {
        boolean sim = distance().isSimilarity();
        Terms pos = new Terms("pos_loss", Reducer.ReductionType.ELEMENT);
        Terms neg = new Terms("neg_loss", Reducer.ReductionType.ELEMENT);
        int present = 0;
        for (int k = 0; k < c; k++) {
            int np = 0;
            for (int i = 0; i < n; i++) {
                np += labels[i] == k ? 1 : 0;
            }
            present += np > 0 ? 1 : 0;
            pos.close(k, side(pos, s, n, c, k, labels, minerWeights, true, np, sim));
            neg.close(k, side(neg, s, n, c, k, labels, minerWeights, false, n - np, sim));
        }
        pos.divisor = present;
        neg.divisor = c;
        return List.of(pos, neg);
    }

    /** log(1 + Σ exp(x_i)) over the class's positives (or negatives), with its partials. */
    private double side(Terms t, double[] s, int n, int c, int k, int[] labels, double[] w, boolean positive,
            int count, boolean sim) {
        if (count == 0) {
            return 0;
        }
        // x = α·(δ − S) or α·(S + δ) for similarities; α·(S − δ) or α·(−δ − S) for distances; plus w_i − 1
        double sign = positive == sim ? -1 : 1;
        double[] x = new double[count + 1];
        int[] rows = new int[count];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if ((labels[i] == k) == positive) {
                double v = s[i * c + k];
                double e = positive ? (sim ? margin - v : v - margin) : (sim ? v + margin : -margin - v);
                x[m + 1] = alpha * e + (w[i] - 1);
                rows[m++] = i;
            }
        }
        double[] soft = new double[x.length];
        double lse = Terms.logSumExp(x, x.length, soft);
        for (int j = 0; j < count; j++) {
            t.grad(rows[j] * c + k, soft[j + 1] * alpha * sign);
        }
        return lse;
    }

    /** Builder of {@link ProxyAnchorLoss}. */
    public static final class Builder extends ProxyLoss.Builder<Builder> {
        private double margin = 0.1;
        private double alpha = 32;

        Builder(int classes) {
            super(classes, Distance.cosine());
        }

        /** δ (PML's {@code margin}). */
        public Builder margin(double margin) {
            this.margin = MetricLoss.finite("margin", margin);
            return this;
        }

        /** α (PML's {@code alpha}). */
        public Builder alpha(double alpha) {
            this.alpha = MetricLoss.positive("alpha", alpha);
            return this;
        }

        @Override
        public ProxyAnchorLoss build() {
            return new ProxyAnchorLoss(this);
        }
    }
}
