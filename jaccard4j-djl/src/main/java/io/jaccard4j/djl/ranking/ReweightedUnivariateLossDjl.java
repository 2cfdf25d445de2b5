package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Core's reweighted univariate multi-label ranking loss ({@link io.jaccard4j.ranking.RankingLosses#reweightedUnivariate})
 * as a DJL {@link Loss}: the mean over samples of (1/|Y⁺|) Σ<sub>k∈Y⁺</sub> softplus(−s<sub>k</sub>) +
 * (1/|Y⁻|) Σ<sub>l∈Y⁻</sub> softplus(s<sub>l</sub>). Predictions: scores n × L; labels: 0/1 targets n × L.
 */
public final class ReweightedUnivariateLossDjl extends Loss {
    public ReweightedUnivariateLossDjl() {
        super("ReweightedUnivariate");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray s = predictions.get(0);
        RankingOps.require(s.getShape().dimension() == 2, "scores must be n x L; got " + s.getShape());
        NDArray y = labels.get(0).toType(s.getDataType(), false).reshape(s.getShape()).gt(0).toType(s.getDataType(),
                false);
        NDArray notY = y.neg().add(1f);
        NDArray pos = y.sum(new int[] {1}, true).maximum(1f);
        NDArray neg = notY.sum(new int[] {1}, true).maximum(1f);
        NDArray terms = RankingOps.softplus(s.neg()).mul(y).div(pos).add(RankingOps.softplus(s).mul(notY).div(neg));
        return terms.sum().div(scalar(s, s.getShape().get(0)));
    }
}
