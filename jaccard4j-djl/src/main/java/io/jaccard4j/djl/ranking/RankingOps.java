package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;

/** NDArray pieces shared by the ranking losses. */
final class RankingOps {
    private RankingOps() {
    }

    /** softplus(x) = max(x, 0) + log(1 + e<sup>−|x|</sup>), stable for any x. */
    static NDArray softplus(NDArray x) {
        return x.maximum(scalar(x, 0)).add(x.abs().neg().exp().add(1f).log());
    }

    static double[] toDoubles(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static int[] toInts(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Σ w<sub>ij</sub> softplus(−(s<sub>i</sub> − s<sub>j</sub>)) / total over constant n × L × L pair weights of the
     * n × L scores; 0 (with a gradient of zeros) when total is 0.
     */
    static NDArray weightedPairLoss(NDArray s, float[] w, double total) {
        if (total == 0) {
            return s.sum().mul(scalar(s, 0));
        }
        NDArray diff = s.expandDims(2).sub(s.expandDims(1)); // s_i - s_j, n x L x L
        NDArray wa = s.getManager().create(w, new ai.djl.ndarray.types.Shape(s.getShape().get(0), s.getShape().get(1),
                s.getShape().get(1))).toType(s.getDataType(), false);
        return softplus(diff.neg()).mul(wa).sum().div(scalar(s, (float) total));
    }
}
