package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import io.jaccard4j.metriclearning.TripletMarginLoss;
import io.jaccard4j.metriclearning.Reducer;
import io.jaccard4j.metriclearning.Tuples;

/**
 * {@link TripletMarginLoss} as a DJL loss: relu(M<sub>ap</sub> − M<sub>aq</sub> + margin) per triplet for distances,
 * relu(M<sub>aq</sub> − M<sub>ap</sub> + margin) for similarities.
 */
public final class NdTripletMarginLoss extends NdMetricLoss {
    private final TripletMarginLoss c;

    /** The DJL version of a core configuration. */
    public NdTripletMarginLoss(TripletMarginLoss config) {
        super("TripletMarginLoss", config);
        this.c = config;
        if (config.swap() || config.smoothLoss()) {
            throw new IllegalArgumentException("TripletMarginLoss: the DJL version has neither swap nor smoothLoss; "
                    + "got swap = " + config.swap() + ", smoothLoss = " + config.smoothLoss());
        }
    }

    @Override
    NDArray[] elements(NDArray m, int n, int[] labels, Tuples mined) {
        Tuples t = Tuples.tripletsOrAll(mined, labels);
        if (t.size() == 0) {
            return null;
        }
        NDArray ap = m.take(indices(m.getManager(), linear(n, t.anchorsPos(), t.positives())));
        NDArray aq = m.take(indices(m.getManager(), linear(n, t.anchorsPos(), t.negatives())));
        NDArray l = (c.distance().isSimilarity() ? aq.sub(ap) : ap.sub(aq)).add(c.margin()).maximum(scalar(m, 0));
        return new NDArray[] {l, anchors(m.getManager(), t.anchorsPos())};
    }

    @Override
    Reducer.ReductionType reductionType(int group) {
        return Reducer.ReductionType.TRIPLET;
    }
}
