package io.jaccard4j.djl.metriclearning;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jaccard4j.djl.FreedMemory;
import io.jaccard4j.metriclearning.ContrastiveLoss;
import io.jaccard4j.metriclearning.Distance;
import io.jaccard4j.metriclearning.MetricLoss;
import io.jaccard4j.metriclearning.Miner;
import io.jaccard4j.metriclearning.Miners;
import io.jaccard4j.metriclearning.MultiSimilarityLoss;
import io.jaccard4j.metriclearning.NTXentLoss;
import io.jaccard4j.metriclearning.RecallAtKSurrogateLoss;
import io.jaccard4j.metriclearning.Reducer;
import io.jaccard4j.metriclearning.SimilarityMixup;
import io.jaccard4j.metriclearning.SupConLoss;
import io.jaccard4j.metriclearning.TripletMarginLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DJL metric-learning losses equal core's (value and autograd gradient) on random batches. */
class NdMetricLossTest {
    static final Distance[] DISTANCES = {Distance.cosine(), Distance.dot(), Distance.lp(2), Distance.euclidean(),
        Distance.lp(1).normalizeEmbeddings(false), Distance.lp(3)};
    static final Miner[] MINERS = {null, Miners.allTriplets(), Miners.batchHard(), Miners.semiHard(0.6),
        Miners.multiSimilarity(0.1)};

    /** Runs the DJL loss with autograd and compares value and gradient with core's on the same float inputs. */
    static void compare(NdMetricLoss djl, float[] e, int n, int d, int[] y, String what) {
        compare(djl, e, n, d, y, what, false);
    }

    /** As above; with {@code collect}, garbage is collected and freed memory overwritten before the backward pass. */
    static void compare(NdMetricLoss djl, float[] e, int n, int d, int[] y, String what, boolean collect) {
        LossResult expected = djl.config().compute(e, n, d, y);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(e, new Shape(n, d));
            x.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = djl.evaluate(new NDList(m.create(y)), new NDList(x));
                value = l.getFloat();
                if (collect) {
                    FreedMemory.collectAndOverwrite();
                }
                gc.backward(l);
            }
            float[] grad = x.getGradient().toFloatArray();
            assertEquals(expected.value(), value, 1e-5 * Math.abs(expected.value()) + 1e-6, what + " value");
            double[] g = expected.gradientAsDouble();
            double scale = 0;
            for (double v : g) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < g.length; i++) {
                assertEquals(g[i], grad[i], 1e-5 * scale + 1e-6, what + " gradient " + i);
            }
        }
    }

    static float[] embeddings(Random r, int n, int d) {
        float[] e = new float[n * d];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) r.nextGaussian();
        }
        return e;
    }

    static int[] labels(Random r, int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
        }
        y[1] = y[0];
        y[2] = (y[0] + 1) % 3;
        return y;
    }

    static List<NdMetricLoss> losses(Distance dist, Miner miner, Reducer red) {
        List<NdMetricLoss> out = new ArrayList<>();
        out.add(new NdContrastiveLoss(ContrastiveLoss.builder().distance(dist).miner(miner).reducer(red)
                .posMargin(dist.isSimilarity() ? 0.7 : 0.3).negMargin(dist.isSimilarity() ? 0.2 : 1.2).build()));
        out.add(new NdTripletMarginLoss(TripletMarginLoss.builder().distance(dist).miner(miner).reducer(red)
                .margin(0.3).build()));
        out.add(new NdMultiSimilarityLoss(MultiSimilarityLoss.builder().distance(dist).miner(miner).reducer(red)
                .beta(20).build()));
        out.add(new NdNTXentLoss(NTXentLoss.builder().distance(dist).miner(miner).reducer(red).temperature(0.3)
                .build()));
        out.add(new NdSupConLoss(SupConLoss.builder().distance(dist).miner(miner).reducer(red).temperature(0.3)
                .build()));
        if (dist.isSimilarity() && miner == null) {
            out.add(new NdRecallAtKSurrogateLoss(RecallAtKSurrogateLoss.builder().distance(dist).reducer(red)
                    .tau2(0.05).build()));
            out.add(new NdRecallAtKSurrogateLoss(RecallAtKSurrogateLoss.builder().distance(dist).reducer(red)
                    .tau2(0.05).ks(1, 2, 4).similarityMixup(SimilarityMixup.seeded(5)).build()));
        }
        return out;
    }

    @Test
    void everyLossDistanceAndReducerMatchesCore() {
        Random r = new Random(1);
        int checked = 0;
        for (Distance dist : DISTANCES) {
            for (Reducer red : new Reducer[] {Reducer.MEAN, Reducer.AVG_NON_ZERO, Reducer.PER_ANCHOR}) {
                int n = 6 + r.nextInt(5);
                int d = 2 + r.nextInt(4);
                float[] e = embeddings(r, n, d);
                int[] y = labels(r, n);
                for (NdMetricLoss l : losses(dist, null, red)) {
                    compare(l, e, n, d, y, l.getName() + " / " + dist + " / " + red);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 100, "checked " + checked);
    }

    @Test
    void everyMinerMatchesCore() {
        Random r = new Random(2);
        for (Miner miner : MINERS) {
            for (Distance dist : new Distance[] {Distance.cosine(), Distance.lp(2)}) {
                int n = 8 + r.nextInt(4);
                int d = 3;
                float[] e = embeddings(r, n, d);
                int[] y = labels(r, n);
                for (NdMetricLoss l : losses(dist, miner, Reducer.MEAN)) {
                    compare(l, e, n, d, y, l.getName() + " / " + dist + " / " + miner);
                }
            }
        }
    }

    /**
     * The gradient does not depend on when the garbage collector runs: a collection between the forward and the
     * backward pass (freed memory refilled with NaN bytes) changes nothing, because the losses' scalar operands are
     * arrays of the manager rather than DJL's temporaries, closed after the forward pass (see Scalars).
     */
    @Test
    void gradientSurvivesACollectionBeforeBackward() {
        Random r = new Random(3);
        for (Distance dist : new Distance[] {Distance.cosine(), Distance.lp(2), Distance.lp(3)}) {
            int n = 8;
            int d = 3;
            float[] e = embeddings(r, n, d);
            int[] y = labels(r, n);
            for (NdMetricLoss l : losses(dist, null, Reducer.MEAN)) {
                compare(l, e, n, d, y, l.getName() + " / " + dist + " after a collection", true);
            }
        }
        float[] e = {1, 0, 0, 1, 1, 1, -1, 2};
        for (NdMetricLoss l : losses(Distance.cosine(), null, Reducer.MEAN)) {
            compare(l, e, 4, 2, new int[] {0, 1, 2, 3}, l.getName() + " without positives after a collection", true);
        }
    }

    @Test
    void batchWithoutPositivesGivesZeroAndZeroGradient() {
        float[] e = {1, 0, 0, 1, 1, 1, -1, 2};
        int[] y = {0, 1, 2, 3};
        for (NdMetricLoss l : losses(Distance.cosine(), null, Reducer.MEAN)) {
            compare(l, e, 4, 2, y, l.getName() + " without positives");
            // PML's rule, as in core: contrastive and multi-similarity still score the negative pairs
            boolean scoresNegatives = l instanceof NdContrastiveLoss || l instanceof NdMultiSimilarityLoss;
            if (!scoresNegatives) {
                assertEquals(0.0, l.config().compute(e, 4, 2, y).value(), 0.0);
            }
        }
    }
}
