package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.ranking.RankingLosses;
import io.jaccard4j.ranking.TopNPairWeights;

/**
 * Core's pairwise logistic ranking loss (RankNet form, optional top-N position weights:
 * {@link RankingLosses#pairwiseLogistic(double[], double[], int, int, TopNPairWeights)}) as a DJL {@link Loss}:
 * L = Σ<sub>q</sub> Σ<sub>r_i &gt; r_j</sub> w<sub>ij</sub> softplus(−(s<sub>i</sub> − s<sub>j</sub>)) / Σ w<sub>ij</sub>.
 * Predictions: scores n × L; labels: relevances n × L. The pair weights depend on the relevances only and are
 * built as a constant n × L × L array; the loss itself is NDArray operations (autograd, any device). No pair:
 * 0 (with a gradient of zeros).
 */
public final class PairwiseLogisticLossDjl extends Loss {
    private final TopNPairWeights weights;

    public PairwiseLogisticLossDjl(TopNPairWeights weights) {
        super("PairwiseLogistic");
        this.weights = java.util.Objects.requireNonNull(weights, "weights");
    }

    /** Plain RankNet. */
    public PairwiseLogisticLossDjl() {
        this(TopNPairWeights.uniform());
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray s = predictions.get(0);
        RankingOps.require(s.getShape().dimension() == 2, "scores must be n x L; got " + s.getShape());
        int n = (int) s.getShape().get(0);
        int l = (int) s.getShape().get(1);
        double[] r = RankingOps.toDoubles(labels.get(0));
        RankingOps.require(r.length == n * l, "relevances must be n x L like the scores " + s.getShape());
        float[] w = new float[n * l * l];
        double total = 0;
        for (int q = 0; q < n; q++) {
            int[] rho = TopNPairWeights.idealRanks(r, q * l, l);
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    if (r[q * l + i] > r[q * l + j]) {
                        double v = weights.weight(r[q * l + i], r[q * l + j], rho[i], rho[j]);
                        w[(q * l + i) * l + j] = (float) v;
                        total += v;
                    }
                }
            }
        }
        if (total == 0) {
            return s.sum().mul(scalar(s, 0));
        }
        NDArray diff = s.expandDims(2).sub(s.expandDims(1)); // s_i - s_j, n x L x L
        NDArray wa = s.getManager().create(w, new Shape(n, l, l)).toType(s.getDataType(), false);
        return RankingOps.softplus(diff.neg()).mul(wa).sum().div(scalar(s, (float) total));
    }
}
