package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * NT-Xent / InfoNCE loss (Oord et al. 2018; Chen et al., SimCLR 2020), pytorch-metric-learning's
 * {@code NTXentLoss}: with closeness c = M for similarities (−M for distances) and temperature τ, every (mined)
 * positive pair (a, p) costs −log(e<sup>c<sub>ap</sub>/τ</sup> / (e<sup>c<sub>ap</sub>/τ</sup> + Σ<sub>q∈N(a)</sub>
 * e<sup>c<sub>aq</sub>/τ</sup>)), N(a) being the (mined) negatives of a. Reduced by default with {@link Reducer#MEAN} over the
 * positive pairs (PML's form, −log(ratio + tiny) with tiny the smallest normal double; each mined pair counts as
 * often as it is listed). A batch without positive or without negative pairs gives 0, as does one whose pair lists
 * all hold at most one pair. Defaults: τ = 0.07, cosine similarity, all pairs. {@link SupConLoss} is the supervised
 * contrastive variant that puts the other positives in the denominator too.
 */
public final class NTXentLoss extends MetricLoss {
    private final double temperature;

    private NTXentLoss(Builder b) {
        super(b);
        this.temperature = b.temperature;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "NT-Xent loss";
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
        if (t == null || t.rawA1().length == 0 || t.rawA2().length == 0) {
            return null;
        }
        int[] a1 = t.rawA1();
        int[] p = t.rawP();
        int[][] neg = Tuples.byAnchor(n, t.rawA2(), t.rawQ());
        double sign = distance().isSimilarity() ? 1 : -1;
        Terms terms = new Terms("loss", Reducer.ReductionType.POS_PAIR);
        for (int i = 0; i < a1.length; i++) {
            int a = a1[i];
            int[] qs = neg[a];
            // PML: r = e^(x0 − max) / (e^(x0 − max) + Σ e^(xk − max)), loss −log(r + tiny)
            double x0 = sign * m[a * nr + p[i]] / temperature;
            double max = x0;
            for (int q : qs) {
                max = Math.max(max, sign * m[a * nr + q] / temperature);
            }
            double num = Math.exp(x0 - max);
            double[] ek = new double[qs.length];
            double den = 0;
            for (int k = 0; k < qs.length; k++) {
                ek[k] = Math.exp(sign * m[a * nr + qs[k]] / temperature - max);
                den += ek[k];
            }
            den += num;
            double r = num / den;
            double rt = r + Double.MIN_NORMAL;
            // dr/dx0 = r(1 − r), dr/dxk = −r·e_k/den; d(−log(r + tiny)) = −dr / (r + tiny)
            terms.grad(a * nr + p[i], -sign * r * (1 - r) / rt / temperature);
            for (int k = 0; k < qs.length; k++) {
                terms.grad(a * nr + qs[k], sign * r * (ek[k] / den) / rt / temperature);
            }
            terms.close(a, p[i], -1, -Math.log(rt));
        }
        return List.of(terms);
    }

    /** Builder of {@link NTXentLoss}. */
    public static final class Builder extends MetricLoss.Builder<Builder> {
        private double temperature = 0.07;

        Builder() {
            super(Distance.cosine(), Reducer.MEAN);
        }

        /** τ &gt; 0. */
        public Builder temperature(double temperature) {
            this.temperature = positive("temperature", temperature);
            return this;
        }

        /** The loss. */
        public NTXentLoss build() {
            return new NTXentLoss(this);
        }
    }
}
