package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * Contrastive loss (Hadsell, Chopra, LeCun 2006), pytorch-metric-learning's {@code ContrastiveLoss}: for distances
 * M, a positive pair costs relu(M<sub>ap</sub> − m<sub>pos</sub>) and a negative pair relu(m<sub>neg</sub> − M<sub>aq</sub>);
 * for similarities relu(m<sub>pos</sub> − M<sub>ap</sub>) and relu(M<sub>aq</sub> − m<sub>neg</sub>). The positive and the
 * negative parts (sub-losses {@code pos_loss}, {@code neg_loss}) are reduced separately (default
 * {@link Reducer#AVG_NON_ZERO}) and added. As in PML, a batch without positive pairs still scores its negative pairs,
 * and a batch whose pair lists all hold at most one pair gives 0. Defaults: L2 distance on normalised embeddings,
 * m<sub>pos</sub> = 0, m<sub>neg</sub> = 1, all pairs.
 */
public final class ContrastiveLoss extends MetricLoss {
    private final double posMargin;
    private final double negMargin;

    private ContrastiveLoss(Builder b) {
        super(b);
        this.posMargin = b.posMargin;
        this.negMargin = b.negMargin;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "contrastive loss";
    }

    /** m<sub>pos</sub>. */
    public double posMargin() {
        return posMargin;
    }

    /** m<sub>neg</sub>. */
    public double negMargin() {
        return negMargin;
    }

    @Override
    List<String> subLossNames() {
        return List.of("pos_loss", "neg_loss");
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
        boolean sim = distance().isSimilarity();
        Terms pos = new Terms("pos_loss", Reducer.ReductionType.POS_PAIR);
        int[] a1 = t.rawA1();
        int[] p = t.rawP();
        for (int i = 0; i < a1.length; i++) {
            int ix = a1[i] * nr + p[i];
            double l = sim ? posMargin - m[ix] : m[ix] - posMargin;
            if (l > 0) {
                pos.grad(ix, sim ? -1 : 1);
            }
            pos.close(a1[i], p[i], -1, Math.max(l, 0));
        }
        Terms neg = new Terms("neg_loss", Reducer.ReductionType.NEG_PAIR);
        int[] a2 = t.rawA2();
        int[] q = t.rawQ();
        for (int j = 0; j < a2.length; j++) {
            int ix = a2[j] * nr + q[j];
            double l = sim ? m[ix] - negMargin : negMargin - m[ix];
            if (l > 0) {
                neg.grad(ix, sim ? 1 : -1);
            }
            neg.close(a2[j], q[j], -1, Math.max(l, 0));
        }
        return List.of(pos, neg);
    }

    /** Builder of {@link ContrastiveLoss}. */
    public static final class Builder extends MetricLoss.Builder<Builder> {
        private double posMargin = 0;
        private double negMargin = 1;

        Builder() {
            super(Distance.lp(2), Reducer.AVG_NON_ZERO);
        }

        /** m<sub>pos</sub>. */
        public Builder posMargin(double posMargin) {
            this.posMargin = finite("posMargin", posMargin);
            return this;
        }

        /** m<sub>neg</sub>. */
        public Builder negMargin(double negMargin) {
            this.negMargin = finite("negMargin", negMargin);
            return this;
        }

        /** The loss. */
        public ContrastiveLoss build() {
            return new ContrastiveLoss(this);
        }
    }
}
