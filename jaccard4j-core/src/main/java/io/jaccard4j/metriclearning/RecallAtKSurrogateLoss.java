package io.jaccard4j.metriclearning;

import java.util.Arrays;
import java.util.List;

/**
 * Recall@k surrogate loss (Patel, Tolias, Matas, CVPR 2022, "Recall@k Surrogate Loss with Large Batches and
 * Similarity Mixup"). Each sample q queries the rest of the batch Ω (plus, with {@link SimilarityMixup}, the virtual
 * samples of every same-class pair i &lt; j not involving q, with S<sub>qv</sub> = α S<sub>qi</sub> + (1 − α) S<sub>qj</sub>);
 * P are the items of q's class. With σ<sub>τ</sub>(u) = 1/(1 + e<sup>−u/τ</sup>), the smoothed rank of x ∈ P is
 * r̃(x) = 1 + Σ<sub>z∈Ω, z≠x</sub> σ<sub>τ2</sub>(S<sub>qz</sub> − S<sub>qx</sub>), the smoothed recall
 * R̃@k = min(k, Σ<sub>x∈P</sub> σ<sub>τ1</sub>(k − r̃(x))) / min(k, |P|) (the min with k as in the authors' code), and
 * l<sub>q</sub> = 1 − (1/|K|) Σ<sub>k∈K</sub> R̃@k. Queries without positives are skipped; the rest are reduced by
 * default with {@link Reducer#MEAN}. Defaults: K = {1, 2, 4, 8, 16}, τ1 = 1, τ2 = 0.01, cosine similarity, no mixup.
 * Needs a similarity; it ranks the whole batch, so it takes no miner or tuples.
 */
public final class RecallAtKSurrogateLoss extends MetricLoss {
    private final int[] ks;
    private final double tau1;
    private final double tau2;
    private final SimilarityMixup mixup;

    private RecallAtKSurrogateLoss(Builder b) {
        super(b);
        if (!b.distance.isSimilarity()) {
            throw new IllegalArgumentException("Recall@k surrogate needs a similarity (cosine or dot), not "
                    + b.distance);
        }
        if (b.miner != null) {
            throw new IllegalArgumentException("Recall@k surrogate ranks the whole batch; it takes no miner");
        }
        this.ks = b.ks.clone();
        this.tau1 = b.tau1;
        this.tau2 = b.tau2;
        this.mixup = b.mixup;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "Recall@k surrogate loss";
    }

    /** K. */
    public int[] ks() {
        return ks.clone();
    }

    /** τ1, the temperature of the sigmoid on k − rank. */
    public double tau1() {
        return tau1;
    }

    /** τ2, the temperature of the sigmoid on similarity differences. */
    public double tau2() {
        return tau2;
    }

    /** The similarity mixup, or null. */
    public SimilarityMixup mixup() {
        return mixup;
    }

    @Override
    List<Terms> terms(double[] m, int n, int[] labels, int[] refLabels, boolean sameSet, Tuples mined) {
        if (!sameSet) {
            throw new IllegalArgumentException("Recall@k surrogate ranks the batch against itself; it takes no "
                    + "separate reference set");
        }
        if (mined != null) {
            throw new IllegalArgumentException("Recall@k surrogate ranks the whole batch; it takes no tuples");
        }
        // virtual items: same-class pairs i < j
        int[] vi = new int[0];
        int[] vj = new int[0];
        double[] va = new double[0];
        if (mixup != null) {
            Tuples.IntList li = new Tuples.IntList();
            Tuples.IntList lj = new Tuples.IntList();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (labels[i] == labels[j]) {
                        li.add(i);
                        lj.add(j);
                    }
                }
            }
            vi = li.toArray();
            vj = lj.toArray();
            va = new double[vi.length];
            for (int v = 0; v < va.length; v++) {
                va[v] = mixup.weight(vi[v], vj[v]);
                if (!(va[v] >= 0 && va[v] <= 1)) {
                    throw new IllegalArgumentException("mixup weight for pair (" + vi[v] + ", " + vj[v] + ") is "
                            + va[v] + "; expected a value in [0, 1]");
                }
            }
        }
        Terms terms = new Terms("loss", Reducer.ReductionType.ELEMENT);
        int cap = n - 1 + vi.length;
        double[] s = new double[cap];
        boolean[] pos = new boolean[cap];
        int[] first = new int[cap];
        int[] second = new int[cap];
        double[] alpha = new double[cap];
        double[] gs = new double[cap];
        for (int q = 0; q < n; q++) {
            int size = 0;
            for (int x = 0; x < n; x++) {
                if (x == q) {
                    continue;
                }
                s[size] = m[q * n + x];
                pos[size] = labels[x] == labels[q];
                first[size] = x;
                second[size] = -1;
                alpha[size] = 1;
                size++;
            }
            for (int v = 0; v < vi.length; v++) {
                if (vi[v] == q || vj[v] == q) {
                    continue;
                }
                s[size] = va[v] * m[q * n + vi[v]] + (1 - va[v]) * m[q * n + vj[v]];
                pos[size] = labels[vi[v]] == labels[q];
                first[size] = vi[v];
                second[size] = vj[v];
                alpha[size] = va[v];
                size++;
            }
            int np = 0;
            for (int x = 0; x < size; x++) {
                if (pos[x]) {
                    np++;
                }
            }
            if (np == 0) {
                continue;
            }
            double[] rank = new double[size];
            for (int x = 0; x < size; x++) {
                if (!pos[x]) {
                    continue;
                }
                double r = 1;
                for (int z = 0; z < size; z++) {
                    if (z != x) {
                        r += Terms.sigmoid((s[z] - s[x]) / tau2);
                    }
                }
                rank[x] = r;
            }
            double value = 1;
            double[] gRank = new double[size];
            for (int k : ks) {
                double sum = 0;
                for (int x = 0; x < size; x++) {
                    if (pos[x]) {
                        sum += Terms.sigmoid((k - rank[x]) / tau1);
                    }
                }
                double norm = Math.min(k, np);
                value -= Math.min(sum, k) / norm / ks.length;
                if (sum < k) {
                    double dSum = -1.0 / norm / ks.length;
                    for (int x = 0; x < size; x++) {
                        if (pos[x]) {
                            double sg = Terms.sigmoid((k - rank[x]) / tau1);
                            gRank[x] += dSum * -(sg * (1 - sg)) / tau1;
                        }
                    }
                }
            }
            Arrays.fill(gs, 0, size, 0);
            for (int x = 0; x < size; x++) {
                if (!pos[x] || gRank[x] == 0) {
                    continue;
                }
                for (int z = 0; z < size; z++) {
                    if (z == x) {
                        continue;
                    }
                    double sg = Terms.sigmoid((s[z] - s[x]) / tau2);
                    double der = gRank[x] * sg * (1 - sg) / tau2;
                    gs[z] += der;
                    gs[x] -= der;
                }
            }
            for (int x = 0; x < size; x++) {
                if (gs[x] == 0) {
                    continue;
                }
                if (second[x] < 0) {
                    terms.grad(q * n + first[x], gs[x]);
                } else {
                    terms.grad(q * n + first[x], gs[x] * alpha[x]);
                    terms.grad(q * n + second[x], gs[x] * (1 - alpha[x]));
                }
            }
            terms.close(q, value);
        }
        return terms.size() == 0 ? null : List.of(terms);
    }

    /** Builder of {@link RecallAtKSurrogateLoss}. */
    public static final class Builder extends MetricLoss.Builder<Builder> {
        private int[] ks = {1, 2, 4, 8, 16};
        private double tau1 = 1;
        private double tau2 = 0.01;
        private SimilarityMixup mixup;

        Builder() {
            super(Distance.cosine(), Reducer.MEAN);
        }

        /** The k of Recall@k, each ≥ 1, at least one. */
        public Builder ks(int... ks) {
            if (ks == null || ks.length == 0) {
                throw new IllegalArgumentException("ks is empty; expected at least one k >= 1");
            }
            for (int k : ks) {
                if (k < 1) {
                    throw new IllegalArgumentException("ks holds " + k + "; expected every k >= 1");
                }
            }
            this.ks = ks.clone();
            return this;
        }

        /** τ1 &gt; 0 (sigmoid on k − rank). */
        public Builder tau1(double tau1) {
            this.tau1 = positive("tau1", tau1);
            return this;
        }

        /** τ2 &gt; 0 (sigmoid on similarity differences). */
        public Builder tau2(double tau2) {
            this.tau2 = positive("tau2", tau2);
            return this;
        }

        /** Similarity mixup (SiMix) with these weights; null turns it off. */
        public Builder similarityMixup(SimilarityMixup mixup) {
            this.mixup = mixup;
            return this;
        }

        /** The loss. */
        public RecallAtKSurrogateLoss build() {
            return new RecallAtKSurrogateLoss(this);
        }
    }
}
