package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * Triplet margin loss (Weinberger &amp; Saul 2009; Schroff et al. 2015), pytorch-metric-learning's
 * {@code TripletMarginLoss}: a triplet (a, p, q) costs relu(M<sub>ap</sub> − M<sub>aq</sub> + margin) for distances and
 * relu(M<sub>aq</sub> − M<sub>ap</sub> + margin) for similarities. Defaults: margin 0.05, L2 distance on normalised
 * embeddings, all triplets (or a triplet miner such as {@link Miners#batchHard()}; mined pairs are combined into
 * triplets), {@link Reducer#AVG_NON_ZERO}.
 */
public final class TripletMarginLoss extends MetricLoss {
    private final double margin;

    private TripletMarginLoss(Builder b) {
        super(b);
        this.margin = b.margin;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "triplet margin loss";
    }

    /** The margin. */
    public double margin() {
        return margin;
    }

    @Override
    String emptyReason() {
        return "the batch has no (anchor, positive, negative) triplet";
    }

    @Override
    List<Terms> terms(double[] m, int n, int[] labels, Tuples mined) {
        Tuples t = Tuples.tripletsOrAll(mined, labels);
        int[] a = t.rawA1();
        if (a.length == 0) {
            return null;
        }
        int[] p = t.rawP();
        int[] q = t.rawQ();
        boolean sim = distance().isSimilarity();
        Terms terms = new Terms();
        for (int k = 0; k < a.length; k++) {
            int ap = a[k] * n + p[k];
            int aq = a[k] * n + q[k];
            double l = sim ? m[aq] - m[ap] + margin : m[ap] - m[aq] + margin;
            if (l > 0) {
                terms.grad(ap, sim ? -1 : 1);
                terms.grad(aq, sim ? 1 : -1);
            }
            terms.close(a[k], Math.max(l, 0));
        }
        return List.of(terms);
    }

    /** Builder of {@link TripletMarginLoss}. */
    public static final class Builder extends MetricLoss.Builder<Builder> {
        private double margin = 0.05;

        Builder() {
            super(Distance.lp(2), Reducer.AVG_NON_ZERO);
        }

        /** The margin (≥ 0). */
        public Builder margin(double margin) {
            if (!(margin >= 0) || Double.isInfinite(margin)) {
                throw new IllegalArgumentException("margin is " + margin + "; expected a finite margin >= 0");
            }
            this.margin = margin;
            return this;
        }

        /** The loss. */
        public TripletMarginLoss build() {
            return new TripletMarginLoss(this);
        }
    }
}
