package io.jaccard4j.ranking;

import io.jaccard4j.loss.LossResult;
import io.jaccard4j.metriclearning.PairwiseLosses;
import io.jaccard4j.transport.MultiMarginalMatchingGap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RankNet (plain and top-N weighted), BP-MLL, the reweighted univariate loss, the calibrated ranking objective and
 * the multi-marginal matching gap against torch autograd (tools/gen_ranking_reference.py).
 */
class RankingLossesTest {
    static byte[] bytes(double[] t) {
        byte[] y = new byte[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = (byte) t[i];
        }
        return y;
    }

    @Test
    void valuesAndGradientsMatchTorch() throws Exception {
        Map<String, Integer> checked = new HashMap<>();
        for (JsonElement el : ReferenceJson.load("/reference/ranking.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            String kind = c.get("kind").getAsString();
            switch (kind) {
                case "ranknet", "bpmll", "univariate", "ranknet_weighted" -> {
                    int n = c.get("n").getAsInt();
                    int l = c.get("l").getAsInt();
                    double[] s = ReferenceJson.doubles(c.get("scores"));
                    double[] t = ReferenceJson.doubles(c.get("target"));
                    LossResult r = switch (kind) {
                        case "ranknet" -> RankingLosses.pairwiseLogistic(s, t, n, l);
                        case "ranknet_weighted" -> RankingLosses.pairwiseLogistic(s, t, n, l,
                                TopNPairWeights.parse(c.get("weights").getAsString()));
                        case "bpmll" -> RankingLosses.bpMll(s, bytes(t), n, l);
                        default -> RankingLosses.reweightedUnivariate(s, bytes(t), n, l);
                    };
                    assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12, kind);
                    assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-12, kind);
                }
                case "calibrated" -> {
                    CalibratedRankingLoss loss = CalibratedRankingLoss.builder()
                            .knots(ReferenceJson.doubles(c.get("knots")))
                            .pointwiseWeight(c.get("alpha").getAsDouble()).build();
                    LossResult r = loss.compute(ReferenceJson.doubles(c.get("scores")),
                            ReferenceJson.doubles(c.get("labels")), ReferenceJson.ints(c.get("groups")),
                            CalibratedRankingLoss.LoggedContext.of(ReferenceJson.doubles(c.get("context_scores")),
                                    ReferenceJson.doubles(c.get("context_labels")),
                                    ReferenceJson.ints(c.get("context_groups"))),
                            ReferenceJson.doubles(c.get("params")));
                    assertEquals(c.get("pairs").getAsLong(), (long) r.part("pairs"), kind);
                    assertEquals(c.get("value").getAsDouble(), r.value(), 1e-12, kind);
                    assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-12, kind);
                    assertArrayEquals(ReferenceJson.doubles(c.get("param_gradient")), r.gradient("parameters"), 1e-12,
                            kind + " parameters");
                }
                case "matching_gap" -> {
                    // Sinkhorn to convergence on both sides (torch: L1 marginal error < 1e-14, Java < 1e-13): the two
                    // iterate differently rounded sequences, and torch differentiates the unrolled iterations while
                    // core applies the envelope theorem at the fixed point, so agreement is to the solver's
                    // accuracy, not to the last bit: 1e-9 on values and gradients.
                    int k = c.get("k").getAsInt();
                    int n = c.get("n").getAsInt();
                    int d = c.get("d").getAsInt();
                    MultiMarginalMatchingGap gap = MultiMarginalMatchingGap.builder()
                            .epsilon(c.get("epsilon").getAsDouble()).tolerance(1e-13).build();
                    LossResult r = gap.compute(ReferenceJson.doubles(c.get("views")), k, n, d);
                    assertTrue(r.part("marginalError") <= 1e-13, "converged: " + r.part("marginalError"));
                    assertEquals(c.get("identity_cost").getAsDouble(), r.part("identityCost"), 1e-12, kind);
                    assertEquals(c.get("entropic_cost").getAsDouble(), r.part("entropicCost"), 1e-9, kind);
                    assertEquals(c.get("coupling_cost").getAsDouble(), r.part("couplingCost"), 1e-9, kind);
                    assertEquals(c.get("value").getAsDouble(), r.value(), 1e-9, kind);
                    assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-9, kind + " gradient");
                }
                default -> throw new AssertionError("unknown reference kind " + kind);
            }
            checked.merge(kind, 1, Integer::sum);
        }
        assertEquals(15, checked.get("ranknet"));
        assertEquals(15, checked.get("bpmll"));
        assertEquals(15, checked.get("univariate"));
        assertEquals(18, checked.get("ranknet_weighted"));
        assertEquals(18, checked.get("calibrated"));
        assertEquals(10, checked.get("matching_gap"));
    }

    @Test
    void batchesWithoutPairsGiveZeroNotNaN() {
        double[] s = {0.3, -1, 2, 0.5};
        LossResult r = RankingLosses.pairwiseLogistic(s, new double[] {1, 1, 1, 1}, 2, 2,
                TopNPairWeights.dcg(2));
        assertEquals(0, r.value());
        assertArrayEquals(new double[4], r.gradientAsDouble());
        // top:1 keeps only pairs touching ideal rank 1; dcg:N with N below every rank involved gives weight 0
        LossResult b = RankingLosses.bpMll(s, new byte[] {1, 1, 0, 0}, 2, 2);
        assertEquals(0, b.value());
        assertArrayEquals(new double[4], b.gradientAsDouble());
        CalibratedRankingLoss loss = CalibratedRankingLoss.builder().build();
        LossResult c = loss.compute(new double[] {1, 2}, new double[] {1, 0}, new int[] {0, 1},
                loss.identityParameters());
        assertEquals(0, (long) c.part("pairs"));
        assertEquals(0, c.part("pairwise"));
        assertTrue(Double.isFinite(c.value()) && c.value() > 0);
    }

    @Test
    void topOneWeightsKeepOnlyPairsWithTheBestItem() {
        // relevances 2, 1, 0: ideal ranks 1, 2, 3; top:1 keeps (0,1), (0,2) and drops (1,2)
        double[] s = {0.2, 0.9, -0.4};
        double[] r = {2, 1, 0};
        LossResult top = RankingLosses.pairwiseLogistic(s, r, 1, 3, TopNPairWeights.topN(1));
        LossResult plainFirst = RankingLosses.pairwiseLogistic(new double[] {0.2, 0.9}, new double[] {2, 1},
                1, 2);
        LossResult plainSecond = RankingLosses.pairwiseLogistic(new double[] {0.2, -0.4},
                new double[] {2, 0}, 1, 2);
        assertEquals((plainFirst.value() + plainSecond.value()) / 2, top.value(), 1e-15);
        assertEquals(0, top.gradientAsDouble()[1] + top.gradientAsDouble()[2] + top.gradientAsDouble()[0], 1e-15);
    }

    @Test
    void identityCalibrationIsTheIdentity() {
        CalibratedRankingLoss loss = CalibratedRankingLoss.builder().knots(-1, 0.5, 3).build();
        double[] id = loss.identityParameters();
        for (double s = -6; s <= 6; s += 0.37) {
            assertEquals(s, loss.calibrate(s, id), 1e-12);
        }
    }

    @Test
    void badInputFailsWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> TopNPairWeights.topN(0));
        assertThrows(IllegalArgumentException.class, () -> TopNPairWeights.parse("best:3"));
        assertThrows(IllegalArgumentException.class, () -> RankingLosses.pairwiseLogistic(new double[] {1, 2},
                new double[] {Double.NaN, 0}, 1, 2, TopNPairWeights.topN(1)));
        assertThrows(IllegalArgumentException.class, () -> CalibratedRankingLoss.builder().knots(0, 0));
        assertThrows(IllegalArgumentException.class, () -> CalibratedRankingLoss.builder().pointwiseWeight(1.5));
        CalibratedRankingLoss loss = CalibratedRankingLoss.builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loss.compute(
                new double[] {1, 2}, new double[] {1, 0}, new int[] {0, 0}, new double[3]));
        assertTrue(e.getMessage().contains("expected 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[] {1, 2}, new double[] {2, 0},
                new int[] {0, 0}, loss.identityParameters()));
        MultiMarginalMatchingGap gap = MultiMarginalMatchingGap.builder().build();
        assertThrows(IllegalArgumentException.class, () -> gap.compute(new double[5], 3, 2, 1));
        MultiMarginalMatchingGap dense = MultiMarginalMatchingGap.builder()
                .solver(MultiMarginalMatchingGap.Solver.DENSE).build();
        assertThrows(IllegalArgumentException.class, () -> dense.compute(new double[3 * 200], 3, 200, 1));
        assertThrows(IllegalArgumentException.class, () -> MultiMarginalMatchingGap.builder().epsilon(0));
    }
}
