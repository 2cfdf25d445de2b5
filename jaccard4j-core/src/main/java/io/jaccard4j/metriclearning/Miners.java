package io.jaccard4j.metriclearning;

import java.util.Objects;

/**
 * The miners, as static factories. With c<sub>ij</sub> the closeness of a pair (M<sub>ij</sub> for similarities,
 * −M<sub>ij</sub> for distances) — so "harder" positives have smaller c and harder negatives larger c:
 * <ul>
 *   <li>{@link #allPairs()} / {@link #allTriplets()}: every ordered positive pair (a ≠ p) and negative pair / every
 *       valid triplet;</li>
 *   <li>{@link #batchHard()}: per anchor with a positive and a negative, one triplet: its hardest positive
 *       argmin<sub>p</sub> c<sub>ap</sub> and hardest negative argmax<sub>q</sub> c<sub>aq</sub> (Hermans et al. 2017;
 *       ties: lowest index);</li>
 *   <li>{@link #semiHard(double)}: the triplets with 0 &lt; c<sub>ap</sub> − c<sub>aq</sub> ≤ margin — the negative is
 *       farther than the positive but inside the margin (pytorch-metric-learning's {@code TripletMarginMiner} with
 *       {@code type_of_triplets="semihard"});</li>
 *   <li>{@link #multiSimilarity(double)}: positive pairs with c<sub>ap</sub> − ε &lt; max<sub>q</sub> c<sub>aq</sub> and
 *       negative pairs with c<sub>aq</sub> + ε &gt; min<sub>p</sub> c<sub>ap</sub> (Wang et al. 2019,
 *       {@code MultiSimilarityMiner}; PML also sets ε = 0.1 by default);</li>
 *   <li>{@link #tripletMargin(double, TripletType)}: PML's {@code TripletMarginMiner} with "all", "hard", "semihard"
 *       or "easy" triplets;</li>
 *   <li>{@link #pairMargin(double, double)}: PML's {@code PairMarginMiner}.</li>
 * </ul>
 * As in PML each miner measures with its own {@link Miner#distance()}: {@code LpDistance()} (L2 on normalised
 * embeddings) unless given, cosine similarity for the multi-similarity miner; the all-pairs and all-triplets
 * miners measure nothing.
 */
public final class Miners {
    private Miners() {
    }

    /** Every positive and negative pair. */
    public static Miner allPairs() {
        return new Named("allPairs", (m, y, r, same, sim) -> Tuples.allPairs(y, r, same));
    }

    /** Every valid triplet. */
    public static Miner allTriplets() {
        return new Named("allTriplets", (m, y, r, same, sim) -> Tuples.allTriplets(y, r, same));
    }

    /** PML's {@code BatchHardMiner()}: measured with PML's default {@code LpDistance()} (normalised L2). */
    public static Miner batchHard() {
        return batchHard(Distance.lp(2));
    }

    /** One triplet per anchor: its hardest positive and hardest negative, measured with {@code distance}. */
    public static Miner batchHard(Distance distance) {
        return new Named("batchHard", (m, y, r, same, sim) -> {
            int n = y.length;
            int nr = r.length;
            Tuples.IntList a = new Tuples.IntList();
            Tuples.IntList p = new Tuples.IntList();
            Tuples.IntList q = new Tuples.IntList();
            for (int i = 0; i < n; i++) {
                int hp = -1;
                int hq = -1;
                for (int j = 0; j < nr; j++) {
                    if (same && j == i) {
                        continue;
                    }
                    double c = close(m, nr, i, j, sim);
                    if (r[j] == y[i]) {
                        if (hp < 0 || c < close(m, nr, i, hp, sim)) {
                            hp = j;
                        }
                    } else if (hq < 0 || c > close(m, nr, i, hq, sim)) {
                        hq = j;
                    }
                }
                if (hp >= 0 && hq >= 0) {
                    a.add(i);
                    p.add(hp);
                    q.add(hq);
                }
            }
            return Tuples.triplets(a.toArray(), p.toArray(), q.toArray());
        }, Objects.requireNonNull(distance, "distance"));
    }

    /** Which triplets PML's {@code TripletMarginMiner} keeps, by the triplet margin t = c<sub>ap</sub> − c<sub>aq</sub>. */
    public enum TripletType {
        /** t ≤ margin (the triplets that violate the margin). */
        ALL,
        /** t ≤ margin and t ≤ 0: the negative is at least as close as the positive. */
        HARD,
        /** 0 &lt; t ≤ margin: the negative is farther than the positive but inside the margin. */
        SEMIHARD,
        /** t &gt; margin: the triplets that do not violate it. */
        EASY
    }

    /** PML's {@code TripletMarginMiner(margin, type_of_triplets)} with its default {@code LpDistance()}. */
    public static Miner tripletMargin(double margin, TripletType type) {
        return tripletMargin(margin, type, Distance.lp(2));
    }

    /**
     * PML's {@code TripletMarginMiner}: of all valid triplets, those whose margin t = c<sub>ap</sub> − c<sub>aq</sub>
     * (c the closeness under {@code distance}) passes {@code type}'s test, in all-triplets order.
     */
    public static Miner tripletMargin(double margin, TripletType type, Distance distance) {
        finiteArg("triplet-margin miner: margin", margin);
        Objects.requireNonNull(type, "type");
        return new Named("tripletMargin(" + margin + ", " + type.name().toLowerCase(java.util.Locale.ROOT) + ")",
                (m, y, r, same, sim) -> {
                    int nr = r.length;
                    Tuples all = Tuples.allTriplets(y, r, same);
                    Tuples.IntList a = new Tuples.IntList();
                    Tuples.IntList p = new Tuples.IntList();
                    Tuples.IntList q = new Tuples.IntList();
                    int[] ta = all.rawA1();
                    int[] tp = all.rawP();
                    int[] tq = all.rawQ();
                    for (int t = 0; t < ta.length; t++) {
                        double gap = close(m, nr, ta[t], tp[t], sim) - close(m, nr, ta[t], tq[t], sim);
                        boolean keep;
                        switch (type) {
                            case EASY: keep = gap > margin; break;
                            case HARD: keep = gap <= margin && gap <= 0; break;
                            case SEMIHARD: keep = gap <= margin && gap > 0; break;
                            default: keep = gap <= margin;
                        }
                        if (keep) {
                            a.add(ta[t]);
                            p.add(tp[t]);
                            q.add(tq[t]);
                        }
                    }
                    return Tuples.triplets(a.toArray(), p.toArray(), q.toArray());
                }, Objects.requireNonNull(distance, "distance"));
    }

    /** Semi-hard triplets 0 &lt; c<sub>ap</sub> − c<sub>aq</sub> ≤ margin, with PML's default {@code LpDistance()}. */
    public static Miner semiHard(double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("semi-hard miner: margin is " + margin + "; expected a finite margin > 0");
        }
        return tripletMargin(margin, TripletType.SEMIHARD);
    }

    /** PML's {@code PairMarginMiner(pos_margin, neg_margin)} with its default {@code LpDistance()}. */
    public static Miner pairMargin(double posMargin, double negMargin) {
        return pairMargin(posMargin, negMargin, Distance.lp(2));
    }

    /**
     * PML's {@code PairMarginMiner}: the positive pairs with M<sub>ap</sub> &gt; posMargin and negative pairs with
     * M<sub>aq</sub> &lt; negMargin for distances (M<sub>ap</sub> &lt; posMargin and M<sub>aq</sub> &gt; negMargin for
     * similarities), in all-pairs order.
     */
    public static Miner pairMargin(double posMargin, double negMargin, Distance distance) {
        finiteArg("pair-margin miner: pos margin", posMargin);
        finiteArg("pair-margin miner: neg margin", negMargin);
        return new Named("pairMargin(" + posMargin + ", " + negMargin + ")", (m, y, r, same, sim) -> {
            int n = r.length;
            Tuples all = Tuples.allPairs(y, r, same);
            Tuples.IntList pa = new Tuples.IntList();
            Tuples.IntList pp = new Tuples.IntList();
            Tuples.IntList na = new Tuples.IntList();
            Tuples.IntList nq = new Tuples.IntList();
            for (int k = 0; k < all.rawA1().length; k++) {
                double v = m[all.rawA1()[k] * n + all.rawP()[k]];
                if (sim ? v < posMargin : v > posMargin) {
                    pa.add(all.rawA1()[k]);
                    pp.add(all.rawP()[k]);
                }
            }
            for (int k = 0; k < all.rawA2().length; k++) {
                double v = m[all.rawA2()[k] * n + all.rawQ()[k]];
                if (sim ? v > negMargin : v < negMargin) {
                    na.add(all.rawA2()[k]);
                    nq.add(all.rawQ()[k]);
                }
            }
            return Tuples.pairs(pa.toArray(), pp.toArray(), na.toArray(), nq.toArray());
        }, Objects.requireNonNull(distance, "distance"));
    }

    private static void finiteArg(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is " + v + "; expected a finite number");
        }
    }

    /** PML's {@code MultiSimilarityMiner(epsilon)}, measured with its default cosine similarity. */
    public static Miner multiSimilarity(double epsilon) {
        return multiSimilarity(epsilon, Distance.cosine());
    }

    /** The multi-similarity miner with margin ε, measured with {@code distance}. */
    public static Miner multiSimilarity(double epsilon, Distance distance) {
        Objects.requireNonNull(distance, "distance");
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("multi-similarity miner: epsilon is " + epsilon
                    + "; expected a finite epsilon >= 0");
        }
        return new Named("multiSimilarity(" + epsilon + ")", (m, y, r, same, sim) -> {
            int n = y.length;
            int nr = r.length;
            double[] minPos = new double[n];
            double[] maxNeg = new double[n];
            for (int i = 0; i < n; i++) {
                minPos[i] = Double.POSITIVE_INFINITY;
                maxNeg[i] = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < nr; j++) {
                    if (same && j == i) {
                        continue;
                    }
                    double c = close(m, nr, i, j, sim);
                    if (r[j] == y[i]) {
                        minPos[i] = Math.min(minPos[i], c);
                    } else {
                        maxNeg[i] = Math.max(maxNeg[i], c);
                    }
                }
            }
            Tuples.IntList pa = new Tuples.IntList();
            Tuples.IntList pp = new Tuples.IntList();
            Tuples.IntList na = new Tuples.IntList();
            Tuples.IntList nq = new Tuples.IntList();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < nr; j++) {
                    if (same && j == i) {
                        continue;
                    }
                    double c = close(m, nr, i, j, sim);
                    if (r[j] == y[i]) {
                        if (c - epsilon < maxNeg[i]) {
                            pa.add(i);
                            pp.add(j);
                        }
                    } else if (c + epsilon > minPos[i]) {
                        na.add(i);
                        nq.add(j);
                    }
                }
            }
            return Tuples.pairs(pa.toArray(), pp.toArray(), na.toArray(), nq.toArray());
        }, distance);
    }

    private static double close(double[] m, int nr, int i, int j, boolean sim) {
        return sim ? m[i * nr + j] : -m[i * nr + j];
    }

    /** A miner's rule on the n × nr matrix between queries (labels y) and references (labels r). */
    @FunctionalInterface
    private interface Rule {
        Tuples mine(double[] m, int[] y, int[] r, boolean sameSet, boolean similarity);
    }

    private static final class Named implements Miner {
        private final String name;
        private final Rule body;
        private final Distance distance;

        Named(String name, Rule body) {
            this(name, body, null);
        }

        Named(String name, Rule body, Distance distance) {
            this.name = name;
            this.body = body;
            this.distance = distance;
        }

        @Override
        public Distance distance() {
            return distance;
        }

        @Override
        public Tuples mine(double[] m, int n, int[] labels, boolean similarity) {
            if (m == null || labels == null || n < 1 || m.length != n * n || labels.length != n) {
                throw new IllegalArgumentException(name + " miner: need an n x n matrix and n labels; got "
                        + (m == null ? "null" : m.length + " entries") + " and "
                        + (labels == null ? "null" : labels.length + " labels") + " for n = " + n);
            }
            return body.mine(m, labels, labels, true, similarity);
        }

        @Override
        public Tuples mine(double[] m, int[] labels, int[] refLabels, boolean similarity) {
            if (m == null || labels == null || refLabels == null
                    || m.length != (long) labels.length * refLabels.length) {
                throw new IllegalArgumentException(name + " miner: need an n x nr matrix, n labels and nr reference "
                        + "labels; got " + (m == null ? "null" : m.length + " entries") + ", "
                        + (labels == null ? "null" : labels.length + " labels") + " and "
                        + (refLabels == null ? "null" : refLabels.length + " reference labels"));
            }
            return body.mine(m, labels, refLabels, false, similarity);
        }

        @Override
        public String toString() {
            return distance == null ? name : name + " on " + distance;
        }
    }
}
