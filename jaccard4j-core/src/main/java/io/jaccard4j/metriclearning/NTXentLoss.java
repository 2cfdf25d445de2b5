package io.jaccard4j.metriclearning;

import java.util.List;

/**
 * NT-Xent / InfoNCE loss (Oord et al. 2018; Chen et al., SimCLR 2020), pytorch-metric-learning's
 * {@code NTXentLoss}: with closeness c = M for similarities (−M for distances) and temperature τ, every (mined)
 * positive pair (a, p) costs −log(e<sup>c<sub>ap</sub>/τ</sup> / (e<sup>c<sub>ap</sub>/τ</sup> + Σ<sub>q∈N(a)</sub>
 * e<sup>c<sub>aq</sub>/τ</sup>)), N(a) being the (mined) negatives of a. Reduced by default with {@link Reducer#MEAN} over the
 * positive pairs. Defaults: τ = 0.07, cosine similarity, all pairs. {@link SupConLoss} is the supervised
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
    List<Terms> terms(double[] m, int n, int[] labels, Tuples mined) {
        Tuples t = Tuples.pairsOrAll(mined, labels);
        int[] a1 = t.rawA1();
        if (a1.length == 0) {
            return null;
        }
        int[][] neg = pairLists(n, labels, t)[1];
        double sign = distance().isSimilarity() ? 1 : -1;
        int[] p = t.rawP();
        Terms terms = new Terms();
        for (int i = 0; i < a1.length; i++) {
            int a = a1[i];
            int[] qs = neg[a];
            double[] x = new double[qs.length + 1];
            double[] soft = new double[x.length];
            x[0] = sign * m[a * n + p[i]] / temperature;
            for (int k = 0; k < qs.length; k++) {
                x[k + 1] = sign * m[a * n + qs[k]] / temperature;
            }
            double lse = Terms.logSumExp(x, x.length, soft);
            terms.grad(a * n + p[i], sign * (soft[0] - 1) / temperature);
            for (int k = 0; k < qs.length; k++) {
                terms.grad(a * n + qs[k], sign * soft[k + 1] / temperature);
            }
            terms.close(a, lse - x[0]);
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
