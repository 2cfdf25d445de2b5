package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.metriclearning.NTXentLoss;
import io.jaccard4j.metriclearning.Reducer;
import io.jaccard4j.metriclearning.Tuples;

/**
 * {@link NTXentLoss} (NT-Xent / InfoNCE) as a DJL loss: per positive pair (a, p),
 * −log softmax([c<sub>ap</sub>, c<sub>aq</sub> for negatives q of a] / τ)<sub>0</sub>, c = M (similarities) or −M.
 */
public final class NdNTXentLoss extends NdMetricLoss {
    private final NTXentLoss c;

    /** The DJL version of a core configuration. */
    public NdNTXentLoss(NTXentLoss config) {
        super("NTXentLoss", config);
        this.c = config;
    }

    @Override
    NDArray[] elements(NDArray m, int n, int[] labels, Tuples mined) {
        Tuples t = Tuples.forPairLoss(mined, labels);
        if (t == null || t.size() == 0 || t.anchorsNeg().length == 0) {
            return null;
        }
        int[][] neg = Tuples.byAnchor(n, t.anchorsNeg(), t.negatives());
        int[] a = t.anchorsPos();
        int[] p = t.positives();
        int[][] cols = new int[a.length][];
        int width = 1;
        for (int i = 0; i < a.length; i++) {
            cols[i] = new int[1 + neg[a[i]].length];
            cols[i][0] = p[i];
            System.arraycopy(neg[a[i]], 0, cols[i], 1, neg[a[i]].length);
            width = Math.max(width, cols[i].length);
        }
        double[] mask = new double[a.length * width];
        double scale = (c.distance().isSimilarity() ? 1 : -1) / c.temperature();
        NDArray x = padded(m, n, a, cols, width, mask).mul(scalar(m, scale))
                .add(constant(m.getManager(), mask, new Shape(a.length, width), m.getDataType()));
        return new NDArray[] {x.logSoftmax(1).get(":, 0").neg(), anchors(m.getManager(), a)};
    }

    @Override
    Reducer.ReductionType reductionType(int group) {
        return Reducer.ReductionType.POS_PAIR;
    }
}
