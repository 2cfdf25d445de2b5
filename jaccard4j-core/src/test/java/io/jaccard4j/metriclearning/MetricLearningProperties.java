package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws of the metric-learning losses: gradient = finite difference, permutation invariance, miner subsets. */
class MetricLearningProperties {
    static final Distance[] DISTANCES = {Distance.cosine(), Distance.dot(), Distance.lp(2), Distance.euclidean(),
        Distance.lp(3).normalizeEmbeddings(false)};

    static int[] labels(Random r, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
        }
        y[1] = y[0];
        return y;
    }

    static double[] embeddings(Random r, int n, int d) {
        double[] e = new double[n * d];
        for (int i = 0; i < e.length; i++) {
            e[i] = r.nextGaussian();
        }
        return e;
    }

    /** One of every loss, on a distance it accepts. */
    static MetricLoss loss(int which, Distance dist, Reducer red) {
        Distance sim = dist.isSimilarity() ? dist : Distance.cosine();
        switch (which) {
            case 0: return ContrastiveLoss.builder().distance(dist).reducer(red)
                    .posMargin(dist.isSimilarity() ? 0.8 : 0.2).negMargin(dist.isSimilarity() ? 0.1 : 1.2).build();
            case 1: return TripletMarginLoss.builder().distance(dist).reducer(red).margin(0.3).build();
            case 2: return MultiSimilarityLoss.builder().distance(dist).reducer(red).beta(10).build();
            case 3: return NTXentLoss.builder().distance(dist).reducer(red).temperature(0.5).build();
            case 4: return SupConLoss.builder().distance(dist).reducer(red).temperature(0.5).build();
            default: return RecallAtKSurrogateLoss.builder().distance(sim).reducer(red).tau2(0.2).ks(1, 2, 4).build();
        }
    }

    @Property(tries = 120)
    void gradientEqualsFiniteDifference(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int which,
            @ForAll @IntRange(min = 0, max = 4) int distance, @ForAll @IntRange(min = 0, max = 2) int reducer) {
        Random r = new Random(seed);
        int n = 4 + r.nextInt(5);
        int d = 2 + r.nextInt(3);
        int[] y = labels(r, n);
        double[] e = embeddings(r, n, d);
        MetricLoss loss = loss(which, DISTANCES[distance], new Reducer[] {Reducer.MEAN, Reducer.AVG_NON_ZERO, Reducer.PER_ANCHOR}[reducer]);
        double[] g = loss.compute(e, n, d, y).gradientAsDouble();
        double h = 1e-6;
        for (int i = 0; i < e.length; i++) {
            double[] plus = e.clone();
            double[] minus = e.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (loss.compute(plus, n, d, y).value() - loss.compute(minus, n, d, y).value()) / (2 * h);
            assertEquals(fd, g[i], 1e-5 * (1 + Math.abs(fd)), loss.name() + " / " + loss.distance() + " entry " + i);
        }
    }

    @Property(tries = 120)
    void pairwiseCrossEntropyGradientEqualsFiniteDifference(@ForAll long seed) {
        Random r = new Random(seed);
        int n = 3 + r.nextInt(6);
        int d = 1 + r.nextInt(4);
        int[] y = labels(r, n);
        double[] e = embeddings(r, n, d);
        PairwiseCrossEntropyBound b = PairwiseCrossEntropyBound.withLambda(0.2 + r.nextDouble());
        double[] g = b.compute(e, n, d, y).gradientAsDouble();
        for (int i = 0; i < e.length; i++) {
            double[] plus = e.clone();
            double[] minus = e.clone();
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            double fd = (b.compute(plus, n, d, y).value() - b.compute(minus, n, d, y).value()) / 2e-6;
            assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(fd)));
        }
    }

    @Property(tries = 150)
    void permutingTheBatchPermutesTheGradient(@ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int which,
            @ForAll @IntRange(min = 0, max = 4) int distance, @ForAll @IntRange(min = 0, max = 2) int reducer,
            @ForAll @IntRange(min = 0, max = 4) int miner) {
        Random r = new Random(seed);
        int n = 4 + r.nextInt(7);
        int d = 2 + r.nextInt(3);
        int[] y = labels(r, n);
        double[] e = embeddings(r, n, d);
        Miner[] miners = {null, Miners.allTriplets(), Miners.batchHard(), Miners.semiHard(0.5),
            Miners.multiSimilarity(0.1)};
        MetricLoss loss = loss(which, DISTANCES[distance], new Reducer[] {Reducer.MEAN, Reducer.AVG_NON_ZERO, Reducer.PER_ANCHOR}[reducer]);
        if (which != 5) {
            loss = rebuild(which, loss, miners[miner]);
        }
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perm.add(i);
        }
        java.util.Collections.shuffle(perm, r);
        double[] pe = new double[e.length];
        int[] py = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(e, perm.get(i) * d, pe, i * d, d);
            py[i] = y[perm.get(i)];
        }
        LossResult a = loss.compute(e, n, d, y);
        LossResult b = loss.compute(pe, n, d, py);
        assertEquals(a.value(), b.value(), 1e-10 * (1 + Math.abs(a.value())), loss.name());
        double[] ga = a.gradientAsDouble();
        double[] gb = b.gradientAsDouble();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                assertEquals(ga[perm.get(i) * d + k], gb[i * d + k], 1e-10, loss.name() + " row " + i);
            }
        }
    }

    static MetricLoss rebuild(int which, MetricLoss l, Miner m) {
        switch (which) {
            case 0: {
                ContrastiveLoss c = (ContrastiveLoss) l;
                return ContrastiveLoss.builder().distance(c.distance()).reducer(c.reducer()).miner(m)
                        .posMargin(c.posMargin()).negMargin(c.negMargin()).build();
            }
            case 1: return TripletMarginLoss.builder().distance(l.distance()).reducer(l.reducer()).miner(m)
                    .margin(((TripletMarginLoss) l).margin()).build();
            case 2: return MultiSimilarityLoss.builder().distance(l.distance()).reducer(l.reducer()).miner(m).beta(10)
                    .build();
            case 3: return NTXentLoss.builder().distance(l.distance()).reducer(l.reducer()).miner(m).temperature(0.5)
                    .build();
            default: return SupConLoss.builder().distance(l.distance()).reducer(l.reducer()).miner(m).temperature(0.5)
                    .build();
        }
    }

    static Set<List<Integer>> triplets(Tuples t) {
        Tuples x = t.asTriplets();
        Set<List<Integer>> s = new HashSet<>();
        int[] a = x.anchorsPos();
        int[] p = x.positives();
        int[] q = x.negatives();
        for (int i = 0; i < a.length; i++) {
            s.add(List.of(a[i], p[i], q[i]));
        }
        return s;
    }

    static Set<List<Integer>> pairs(int[] a, int[] b) {
        Set<List<Integer>> s = new HashSet<>();
        for (int i = 0; i < a.length; i++) {
            s.add(List.of(a[i], b[i]));
        }
        return s;
    }

    @Property(tries = 200)
    void minersReturnSubsetsOfAllTuplesWithTheirDefiningProperty(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 4) int distance) {
        Random r = new Random(seed);
        int n = 3 + r.nextInt(9);
        int d = 1 + r.nextInt(4);
        int[] y = labels(r, n);
        Distance dist = DISTANCES[distance];
        double[] m = dist.matrix(embeddings(r, n, d), n, d);
        boolean sim = dist.isSimilarity();
        Set<List<Integer>> all = triplets(Tuples.allTriplets(y));
        Set<List<Integer>> hard = triplets(Miners.batchHard().mine(m, n, y, sim));
        Set<List<Integer>> semi = triplets(Miners.semiHard(0.4).mine(m, n, y, sim));
        assertTrue(all.containsAll(hard) && all.containsAll(semi));
        Set<Integer> anchors = new HashSet<>();
        for (List<Integer> t : all) {
            anchors.add(t.get(0));
        }
        assertEquals(anchors.size(), hard.size(), "batch-hard: one triplet per anchor with a positive and a negative");
        for (List<Integer> t : hard) {
            double cap = close(m, n, t.get(0), t.get(1), sim);
            double caq = close(m, n, t.get(0), t.get(2), sim);
            for (List<Integer> u : all) {
                if (u.get(0).equals(t.get(0))) {
                    assertTrue(close(m, n, u.get(0), u.get(1), sim) >= cap && close(m, n, u.get(0), u.get(2), sim) <= caq);
                }
            }
        }
        for (List<Integer> t : semi) {
            double gap = close(m, n, t.get(0), t.get(1), sim) - close(m, n, t.get(0), t.get(2), sim);
            assertTrue(gap > 0 && gap <= 0.4);
        }
        Tuples allPairs = Tuples.allPairs(y);
        Tuples ms = Miners.multiSimilarity(0.1).mine(m, n, y, sim);
        assertTrue(pairs(allPairs.anchorsPos(), allPairs.positives()).containsAll(pairs(ms.anchorsPos(), ms.positives())));
        assertTrue(pairs(allPairs.anchorsNeg(), allPairs.negatives()).containsAll(pairs(ms.anchorsNeg(), ms.negatives())));
        Tuples wide = Miners.multiSimilarity(10).mine(m, n, y, sim);
        Tuples all2 = Tuples.allPairs(y);
        // a huge epsilon keeps every positive of anchors that have a negative and every negative of anchors with a positive
        for (int i = 0; i < wide.anchorsPos().length; i++) {
            assertTrue(y[wide.anchorsPos()[i]] == y[wide.positives()[i]]);
        }
        assertTrue(wide.anchorsNeg().length <= all2.anchorsNeg().length);
    }

    static double close(double[] m, int n, int i, int j, boolean sim) {
        return sim ? m[i * n + j] : -m[i * n + j];
    }
}
