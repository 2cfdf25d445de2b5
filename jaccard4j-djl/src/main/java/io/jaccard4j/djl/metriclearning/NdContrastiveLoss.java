package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import io.jaccard4j.metriclearning.ContrastiveLoss;
import io.jaccard4j.metriclearning.Reducer;
import io.jaccard4j.metriclearning.Tuples;

/**
 * {@link ContrastiveLoss} as a DJL loss: positive pairs relu(M<sub>ap</sub> − m<sub>pos</sub>), negative pairs
 * relu(m<sub>neg</sub> − M<sub>aq</sub>) for distances (relu(m<sub>pos</sub> − M<sub>ap</sub>), relu(M<sub>aq</sub> − m<sub>neg</sub>) for
 * similarities), each part reduced, then added.
 */
public final class NdContrastiveLoss extends NdMetricLoss {
    private final ContrastiveLoss c;

    /** The DJL version of a core configuration. */
    public NdContrastiveLoss(ContrastiveLoss config) {
        super("ContrastiveLoss", config);
        this.c = config;
    }

    @Override
    NDArray[] elements(NDArray m, int n, int[] labels, Tuples mined) {
        Tuples t = Tuples.forPairLoss(mined, labels);
        if (t == null) {
            return null;
        }
        boolean sim = c.distance().isSimilarity();
        NDArray ap = gather(m, linear(n, t.anchorsPos(), t.positives()));
        NDArray aq = gather(m, linear(n, t.anchorsNeg(), t.negatives()));
        NDArray pos = (sim ? ap.neg().add(c.posMargin()) : ap.sub(c.posMargin())).maximum(scalar(m, 0));
        NDArray neg = (sim ? aq.sub(c.negMargin()) : aq.neg().add(c.negMargin())).maximum(scalar(m, 0));
        return new NDArray[] {pos, anchors(m.getManager(), t.anchorsPos()), neg,
            anchors(m.getManager(), t.anchorsNeg())};
    }

    @Override
    Reducer.ReductionType reductionType(int group) {
        return group == 0 ? Reducer.ReductionType.POS_PAIR : Reducer.ReductionType.NEG_PAIR;
    }
}
