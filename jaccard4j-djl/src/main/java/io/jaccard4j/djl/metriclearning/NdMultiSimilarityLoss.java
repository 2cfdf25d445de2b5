package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.metriclearning.MultiSimilarityLoss;
import io.jaccard4j.metriclearning.Tuples;

/**
 * {@link MultiSimilarityLoss} as a DJL loss: per anchor (1/α) log(1 + Σ<sub>p</sub> e<sup>−α(S<sub>ap</sub> − λ)</sup>)
 * + (1/β) log(1 + Σ<sub>q</sub> e<sup>β(S<sub>aq</sub> − λ)</sup>) (signs flipped for distances).
 */
public final class NdMultiSimilarityLoss extends NdMetricLoss {
    private final MultiSimilarityLoss c;

    /** The DJL version of a core configuration. */
    public NdMultiSimilarityLoss(MultiSimilarityLoss config) {
        super("MultiSimilarityLoss", config);
        this.c = config;
    }

    @Override
    NDArray[] elements(NDArray m, int n, int[] labels, Tuples mined) {
        Tuples t = Tuples.forPairLoss(mined, labels);
        if (t == null) {
            return null;
        }
        boolean sim = c.distance().isSimilarity();
        NDArray pos = part(m, n, Tuples.byAnchorDistinct(n, t.anchorsPos(), t.positives()), sim ? -c.alpha() : c.alpha(),
                c.alpha());
        NDArray neg = part(m, n, Tuples.byAnchorDistinct(n, t.anchorsNeg(), t.negatives()), sim ? c.beta() : -c.beta(),
                c.beta());
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return new NDArray[] {pos.add(neg), anchors(m.getManager(), all)};
    }

    /** Per anchor (1/s) log(1 + Σ_j e^{k (M_aj − base)}). */
    private NDArray part(NDArray m, int n, int[][] cols, double k, double s) {
        int width = 1;
        for (int[] c0 : cols) {
            width = Math.max(width, c0.length);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        double[] mask = new double[n * width];
        NDArray x = padded(m, n, rows, cols, width, mask).sub(c.base()).mul(scalar(m, k))
                .add(constant(m.getManager(), mask, new Shape(n, width), m.getDataType()));
        NDArray withZero = NDArrays.concat(new ai.djl.ndarray.NDList(x.zerosLike().get(":, :1"), x), 1);
        return withZero.logSoftmax(1).get(":, 0").neg().div(scalar(m, s));
    }
}
