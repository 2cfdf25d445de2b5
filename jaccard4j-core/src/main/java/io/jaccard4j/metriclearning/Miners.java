package io.jaccard4j.metriclearning;

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
 *       {@code MultiSimilarityMiner}).</li>
 * </ul>
 */
public final class Miners {
    private Miners() {
    }

    /** Every positive and negative pair. */
    public static Miner allPairs() {
        return new Named("allPairs", (m, n, y, sim) -> Tuples.allPairs(y));
    }

    /** Every valid triplet. */
    public static Miner allTriplets() {
        return new Named("allTriplets", (m, n, y, sim) -> Tuples.allTriplets(y));
    }

    /** One triplet per anchor: its hardest positive and hardest negative. */
    public static Miner batchHard() {
        return new Named("batchHard", (m, n, y, sim) -> {
            Tuples.IntList a = new Tuples.IntList();
            Tuples.IntList p = new Tuples.IntList();
            Tuples.IntList q = new Tuples.IntList();
            for (int i = 0; i < n; i++) {
                int hp = -1;
                int hq = -1;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double c = close(m, n, i, j, sim);
                    if (y[j] == y[i]) {
                        if (hp < 0 || c < close(m, n, i, hp, sim)) {
                            hp = j;
                        }
                    } else if (hq < 0 || c > close(m, n, i, hq, sim)) {
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
        });
    }

    /** Semi-hard triplets: 0 &lt; c<sub>ap</sub> − c<sub>aq</sub> ≤ margin. */
    public static Miner semiHard(double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("semi-hard miner: margin is " + margin + "; expected a finite margin > 0");
        }
        return new Named("semiHard(" + margin + ")", (m, n, y, sim) -> {
            Tuples all = Tuples.allTriplets(y);
            Tuples.IntList a = new Tuples.IntList();
            Tuples.IntList p = new Tuples.IntList();
            Tuples.IntList q = new Tuples.IntList();
            int[] ta = all.rawA1();
            int[] tp = all.rawP();
            int[] tq = all.rawQ();
            for (int t = 0; t < ta.length; t++) {
                double gap = close(m, n, ta[t], tp[t], sim) - close(m, n, ta[t], tq[t], sim);
                if (gap > 0 && gap <= margin) {
                    a.add(ta[t]);
                    p.add(tp[t]);
                    q.add(tq[t]);
                }
            }
            return Tuples.triplets(a.toArray(), p.toArray(), q.toArray());
        });
    }

    /** The multi-similarity miner with margin ε. */
    public static Miner multiSimilarity(double epsilon) {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("multi-similarity miner: epsilon is " + epsilon
                    + "; expected a finite epsilon >= 0");
        }
        return new Named("multiSimilarity(" + epsilon + ")", (m, n, y, sim) -> {
            double[] minPos = new double[n];
            double[] maxNeg = new double[n];
            for (int i = 0; i < n; i++) {
                minPos[i] = Double.POSITIVE_INFINITY;
                maxNeg[i] = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double c = close(m, n, i, j, sim);
                    if (y[j] == y[i]) {
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
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double c = close(m, n, i, j, sim);
                    if (y[j] == y[i]) {
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
        });
    }

    private static double close(double[] m, int n, int i, int j, boolean sim) {
        return sim ? m[i * n + j] : -m[i * n + j];
    }

    private static final class Named implements Miner {
        private final String name;
        private final Miner body;

        Named(String name, Miner body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public Tuples mine(double[] m, int n, int[] labels, boolean similarity) {
            if (m == null || labels == null || n < 1 || m.length != n * n || labels.length != n) {
                throw new IllegalArgumentException(name + " miner: need an n x n matrix and n labels; got "
                        + (m == null ? "null" : m.length + " entries") + " and "
                        + (labels == null ? "null" : labels.length + " labels") + " for n = " + n);
            }
            return body.mine(m, n, labels, similarity);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
