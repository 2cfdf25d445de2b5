package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * Multi-similarity loss (Wang, Han, Huang, Dong, Scott, CVPR 2019), pytorch-metric-learning's
 * {@code MultiSimilarityLoss}: per anchor a, over its (mined) positives P(a) and negatives N(a),
 * l<sub>a</sub> = (1/α) log(1 + Σ<sub>p∈P(a)</sub> e<sup>−α(S<sub>ap</sub> − λ)</sup>)
 * + (1/β) log(1 + Σ<sub>q∈N(a)</sub> e<sup>β(S<sub>aq</sub> − λ)</sup>) with similarities S = M; for distances S is replaced by
 * −M and λ by −λ (pytorch-metric-learning's convention: exponents α(M<sub>ap</sub> − λ) and β(λ − M<sub>aq</sub>)).
 * One element per anchor of the batch (0 for anchors without pairs; a batch without positive pairs still scores
 * its negatives, as in PML), reduced by default with {@link Reducer#MEAN} over all n anchors; mined pairs act as
 * PML's masks (a repeated pair counts once). Defaults: α = 2, β = 50, base λ = 0.5, cosine similarity, all pairs (the paper pairs it with
 * {@link Miners#multiSimilarity(double)}).
 */
public final class MultiSimilarityLoss extends MetricLoss {
    private final double alpha;
    private final double beta;
    private final double base;

    private MultiSimilarityLoss(Builder b) {
        super(b);
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.base = b.base;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "multi-similarity loss";
    }

    /** α. */
    public double alpha() {
        return alpha;
    }

    /** β. */
    public double beta() {
        return beta;
    }

    /** The base λ. */
    public double base() {
        return base;
    }

    @Override
    String emptyReason() {
        return "the batch has at most one positive and one negative pair (PML's GenericPairLoss gives 0)";
    }

    @Override
    List<Terms> terms(double[] m, int n, int[] labels, int[] refLabels, boolean sameSet, Tuples mined) {
        Tuples t = pairsOrNothing(mined, labels, refLabels, sameSet);
        int nr = refLabels.length;
        if (t == null) {
            return null;
        }
        int[][][] lists = pairLists(n, nr, t);
        int[][] pos = lists[0];
        int[][] neg = lists[1];
        boolean sim = distance().isSimilarity();
        Terms terms = new Terms("loss", Reducer.ReductionType.ELEMENT);
        for (int a = 0; a < n; a++) {
            double v = 0;
            v += part(terms, m, nr, a, pos[a], sim ? -alpha : alpha, alpha);
            v += part(terms, m, nr, a, neg[a], sim ? beta : -beta, beta);
            terms.close(a, v);
        }
        return List.of(terms);
    }

    /** (1/s) log(1 + Σ e^{c (M_aj − base)}) with its partials. */
    private double part(Terms terms, double[] m, int nr, int a, int[] js, double c, double s) {
        if (js.length == 0) {
            return 0;
        }
        double[] x = new double[js.length + 1];
        double[] soft = new double[x.length];
        for (int k = 0; k < js.length; k++) {
            x[k + 1] = c * (m[a * nr + js[k]] - base);
        }
        double lse = Terms.logSumExp(x, x.length, soft);
        for (int k = 0; k < js.length; k++) {
            terms.grad(a * nr + js[k], soft[k + 1] * c / s);
        }
        return lse / s;
    }

    /** Builder of {@link MultiSimilarityLoss}. */
    public static final class Builder extends MetricLoss.Builder<Builder> {
        private double alpha = 2;
        private double beta = 50;
        private double base = 0.5;

        Builder() {
            super(Distance.cosine(), Reducer.MEAN);
        }

        /** α &gt; 0, the weight of positive pairs. */
        public Builder alpha(double alpha) {
            this.alpha = positive("alpha", alpha);
            return this;
        }

        /** β &gt; 0, the weight of negative pairs. */
        public Builder beta(double beta) {
            this.beta = positive("beta", beta);
            return this;
        }

        /** The base λ. */
        public Builder base(double base) {
            this.base = finite("base", base);
            return this;
        }

        /** The loss. */
        public MultiSimilarityLoss build() {
            return new MultiSimilarityLoss(this);
        }
    }
}
