package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * Triplet margin loss (Weinberger &amp; Saul 2009; Schroff et al. 2015), pytorch-metric-learning's
 * {@code TripletMarginLoss}: a triplet (a, p, q) costs relu(M<sub>ap</sub> − M<sub>aq</sub> + margin) for distances and
 * relu(M<sub>aq</sub> − M<sub>ap</sub> + margin) for similarities; with {@code swap} M<sub>aq</sub> is replaced by the
 * closer of M<sub>aq</sub> and M<sub>pq</sub>, with {@code smoothLoss} relu by softplus log(1 + e<sup>v</sup>) (PML's
 * options; only PML's {@code triplets_per_anchor="all"} is offered). Defaults: margin 0.05, L2 distance on normalised
 * embeddings, all triplets (or a triplet miner such as {@link Miners#batchHard()}; mined pairs are combined into
 * triplets), {@link Reducer#AVG_NON_ZERO}.
 */
public final class TripletMarginLoss extends MetricLoss {
    private final double margin;
    private final boolean swap;
    private final boolean smooth;

    private TripletMarginLoss(Builder b) {
        super(b);
        this.margin = b.margin;
        this.swap = b.swap;
        this.smooth = b.smooth;
    }

    /** Whether the negative's distance is the closer of anchor–negative and positive–negative (PML's {@code swap}). */
    public boolean swap() {
        return swap;
    }

    /** Whether the hinge is the softplus log(1 + e<sup>v</sup>) (PML's {@code smooth_loss}). */
    public boolean smoothLoss() {
        return smooth;
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
    List<Terms> terms(double[] m, int n, int[] labels, int[] refLabels, boolean sameSet, Tuples mined) {
        if (swap && !sameSet) {
            throw new IllegalArgumentException("triplet margin loss: swap compares positives with negatives inside "
                    + "the reference set, which a separate reference set does not give; use swap = false");
        }
        Tuples t = Tuples.tripletsOrAll(mined, labels, refLabels, sameSet);
        int nr = refLabels.length;
        int[] a = t.rawA1();
        if (a.length == 0) {
            return null;
        }
        int[] p = t.rawP();
        int[] q = t.rawQ();
        boolean sim = distance().isSimilarity();
        Terms terms = new Terms("loss", Reducer.ReductionType.TRIPLET);
        for (int k = 0; k < a.length; k++) {
            int ap = a[k] * nr + p[k];
            int aq = a[k] * nr + q[k];
            int pq = p[k] * nr + q[k];
            // the negative's distance: M_aq, or with swap the closer of M_aq and M_pq (ties share the gradient)
            double an = m[aq];
            double wAq = 1;
            double wPq = 0;
            if (swap) {
                double pn = m[pq];
                boolean pnCloser = sim ? pn > an : pn < an;
                if (pn == an) {
                    wAq = 0.5;
                    wPq = 0.5;
                } else if (pnCloser) {
                    an = pn;
                    wAq = 0;
                    wPq = 1;
                }
            }
            double v = (sim ? an - m[ap] : m[ap] - an) + margin;
            double l;
            double dv;
            if (smooth) {
                l = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
                dv = Terms.sigmoid(v);
            } else {
                l = Math.max(v, 0);
                dv = v > 0 ? 1 : 0;
            }
            if (dv != 0) {
                terms.grad(ap, sim ? -dv : dv);
                if (wAq != 0) {
                    terms.grad(aq, (sim ? dv : -dv) * wAq);
                }
                if (wPq != 0) {
                    terms.grad(pq, (sim ? dv : -dv) * wPq);
                }
            }
            terms.close(a[k], p[k], q[k], l);
        }
        return List.of(terms);
    }

    /** Builder of {@link TripletMarginLoss}. */
    public static final class Builder extends MetricLoss.Builder<Builder> {
        private double margin = 0.05;
        private boolean swap;
        private boolean smooth;

        /** PML's {@code swap}: use min(M<sub>aq</sub>, M<sub>pq</sub>) (max for similarities) as the negative's distance. */
        public Builder swap(boolean swap) {
            this.swap = swap;
            return this;
        }

        /** PML's {@code smooth_loss}: softplus instead of relu. */
        public Builder smoothLoss(boolean smoothLoss) {
            this.smooth = smoothLoss;
            return this;
        }

        Builder() {
            super(Distance.lp(2), Reducer.AVG_NON_ZERO);
        }

        /** The margin (any finite number, as in PML). */
        public Builder margin(double margin) {
            this.margin = finite("margin", margin);
            return this;
        }

        /** The loss. */
        public TripletMarginLoss build() {
            return new TripletMarginLoss(this);
        }
    }
}
