package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Core's BP-MLL ({@link io.jaccard4j.ranking.RankingLosses#bpMll}) as a DJL {@link Loss}: the mean over samples
 * of (1/(|Y⁺||Y⁻|)) Σ<sub>k∈Y⁺, l∈Y⁻</sub> e<sup>−(s<sub>k</sub> − s<sub>l</sub>)</sup> (0 for a sample without
 * both kinds). Predictions: scores n × L; labels: 0/1 targets n × L.
 */
public final class BpMllLossDjl extends Loss {
    public BpMllLossDjl() {
        super("BPMLL");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray s = predictions.get(0);
        RankingOps.require(s.getShape().dimension() == 2, "scores must be n x L; got " + s.getShape());
        NDArray y = labels.get(0).toType(s.getDataType(), false).reshape(s.getShape()).gt(0).toType(s.getDataType(),
                false);
        NDArray notY = y.neg().add(1f);
        NDArray pos = y.sum(new int[] {1});
        NDArray neg = notY.sum(new int[] {1});
        NDArray norm = pos.mul(neg).maximum(1f).reshape(-1, 1, 1);
        NDArray mask = y.expandDims(2).mul(notY.expandDims(1)).div(norm); // k relevant, l irrelevant
        NDArray e = s.expandDims(2).sub(s.expandDims(1)).neg().exp();
        return e.mul(mask).sum().div(scalar(s, s.getShape().get(0)));
    }
}
