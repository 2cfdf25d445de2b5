package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * Supervised contrastive loss (Khosla et al., NeurIPS 2020, the L<sup>sup</sup><sub>out</sub> form), as
 * pytorch-metric-learning's {@code SupConLoss}: with closeness c = M for similarities (−M for distances) and
 * temperature τ, each anchor a with at least one (mined) positive costs
 * l<sub>a</sub> = (1/|P(a)|) Σ<sub>p∈P(a)</sub> −log(e<sup>c<sub>ap</sub>/τ</sup> / Σ<sub>k∈K(a)</sub> e<sup>c<sub>ak</sub>/τ</sup>),
 * where K(a) = P(a) ∪ N(a) — without a miner every k ≠ a. As in PML: one element per anchor of the batch (0 for an
 * anchor without positives), reduced by default with {@link Reducer#AVG_NON_ZERO} (so {@link Reducer#MEAN} averages
 * over all n anchors); mined pairs act as masks; a batch without any positive or any negative pair gives 0.
 * Defaults: τ = 0.1, cosine similarity, all pairs.
 */
public final class SupConLoss extends MetricLoss {
    private final double temperature;

    private SupConLoss(Builder b) {
        super(b);
        this.temperature = b.temperature;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "SupCon loss";
    }

    /** τ. */
    public double temperature() {
        return temperature;
    }

    @Override
    String emptyReason() {
        return "the batch has no positive pair or no negative pair";
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
        boolean anyPos = false;
        boolean anyNeg = false;
        for (int a = 0; a < n; a++) {
            anyPos |= pos[a].length > 0;
            anyNeg |= neg[a].length > 0;
        }
        if (!anyPos || !anyNeg) {
            return null;
        }
        double sign = distance().isSimilarity() ? 1 : -1;
        Terms terms = new Terms("loss", Reducer.ReductionType.ELEMENT);
        for (int a = 0; a < n; a++) {
            int[] ps = pos[a];
            if (ps.length == 0) {
                terms.close(a, 0);
                continue;
            }
            int[] ks = new int[ps.length + neg[a].length];
            System.arraycopy(ps, 0, ks, 0, ps.length);
            System.arraycopy(neg[a], 0, ks, ps.length, neg[a].length);
            double[] x = new double[ks.length];
            double[] soft = new double[ks.length];
            for (int k = 0; k < ks.length; k++) {
                x[k] = sign * m[a * nr + ks[k]] / temperature;
            }
            double lse = Terms.logSumExp(x, x.length, soft);
            double v = 0;
            double np = ps.length;
            for (int k = 0; k < ps.length; k++) {
                v += (lse - x[k]) / np;
            }
            // d l_a / d x_k = soft_k − [k is a positive] / |P|
            for (int k = 0; k < ks.length; k++) {
                double g = soft[k] - (k < ps.length ? 1 / np : 0);
                terms.grad(a * nr + ks[k], sign * g / temperature);
            }
            terms.close(a, v);
        }
        return List.of(terms);
    }

    /** Builder of {@link SupConLoss}. */
    public static final class Builder extends MetricLoss.Builder<Builder> {
        private double temperature = 0.1;

        Builder() {
            super(Distance.cosine(), Reducer.AVG_NON_ZERO);
        }

        /** τ &gt; 0. */
        public Builder temperature(double temperature) {
            this.temperature = positive("temperature", temperature);
            return this;
        }

        /** The loss. */
        public SupConLoss build() {
            return new SupConLoss(this);
        }
    }
}
