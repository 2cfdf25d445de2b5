package io.jaccard4j.djl.ranking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.jaccard4j.ranking.AdaptiveTopNWeights;

/**
 * Core's adaptively weighted top-N pairwise logistic loss ({@link AdaptiveTopNWeights}, after Shojaee, Chen, Jin)
 * as a DJL {@link Loss}: L = Σ w<sub>ij</sub> softplus(−(s<sub>i</sub> − s<sub>j</sub>)) / Σ w<sub>ij</sub>, the
 * weights w<sub>ij</sub> = max(a<sub>i</sub>, a<sub>j</sub>) recomputed from the current scores (predicted and ideal
 * top-N membership) by core and held constant, as the ranks are piecewise constant. Predictions: scores n × L;
 * labels: relevances n × L. No weighted pair: 0 (with a gradient of zeros).
 */
public final class AdaptiveTopNLossDjl extends Loss {
    private final AdaptiveTopNWeights weights;

    public AdaptiveTopNLossDjl(AdaptiveTopNWeights weights) {
        super("AdaptiveTopN");
        this.weights = java.util.Objects.requireNonNull(weights, "weights");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray s = predictions.get(0);
        RankingOps.require(s.getShape().dimension() == 2, "scores must be n x L; got " + s.getShape());
        int n = (int) s.getShape().get(0);
        int l = (int) s.getShape().get(1);
        double[] r = RankingOps.toDoubles(labels.get(0));
        RankingOps.require(r.length == n * l, "relevances must be n x L like the scores " + s.getShape());
        double[] w = weights.pairWeights(RankingOps.toDoubles(s), r, n, l);
        double total = 0;
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            total += w[i];
            wf[i] = (float) w[i];
        }
        return RankingOps.weightedPairLoss(s, wf, total);
    }
}
