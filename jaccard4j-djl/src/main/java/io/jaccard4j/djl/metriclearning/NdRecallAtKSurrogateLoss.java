package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.jaccard4j.metriclearning.RecallAtKSurrogateLoss;
import io.jaccard4j.metriclearning.SimilarityMixup;
import io.jaccard4j.metriclearning.Tuples;

/**
 * {@link RecallAtKSurrogateLoss} as a DJL loss: per query q, smoothed ranks
 * r̃(x) = 1 + Σ<sub>z≠x</sub> σ((S<sub>qz</sub> − S<sub>qx</sub>)/τ2) of its positives, smoothed recall
 * R̃@k = min(k, Σ<sub>x∈P</sub> σ((k − r̃(x))/τ1)) / min(k, |P|), loss 1 − mean<sub>k</sub> R̃@k; with similarity mixup
 * the database also holds S<sub>qv</sub> = α S<sub>qi</sub> + (1 − α) S<sub>qj</sub> for same-class pairs i &lt; j not
 * involving q.
 */
public final class NdRecallAtKSurrogateLoss extends NdMetricLoss {
    private final RecallAtKSurrogateLoss c;

    /** The DJL version of a core configuration. */
    public NdRecallAtKSurrogateLoss(RecallAtKSurrogateLoss config) {
        super("RecallAtKSurrogateLoss", config);
        this.c = config;
    }

    @Override
    NDArray[] elements(NDArray m, int n, int[] labels, Tuples mined) {
        SimilarityMixup mix = c.mixup();
        int pairs = 0;
        int[] vi = new int[n * n];
        int[] vj = new int[n * n];
        double[] va = new double[n * n];
        if (mix != null) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (labels[i] == labels[j]) {
                        vi[pairs] = i;
                        vj[pairs] = j;
                        va[pairs] = mix.weight(i, j);
                        pairs++;
                    }
                }
            }
        }
        int width = n - 1 + pairs;
        int[] queries = new int[n];
        int rows = 0;
        long[] ia = new long[n * width];
        long[] ib = new long[n * width];
        double[] wa = new double[n * width];
        double[] valid = new double[n * width];
        double[] positive = new double[n * width];
        double[][] norm = new double[n][];
        for (int q = 0; q < n; q++) {
            int size = 0;
            int np = 0;
            int base = rows * width;
            for (int x = 0; x < n; x++) {
                if (x == q) {
                    continue;
                }
                ia[base + size] = (long) q * n + x;
                ib[base + size] = (long) q * n + x;
                wa[base + size] = 1;
                valid[base + size] = 1;
                positive[base + size] = labels[x] == labels[q] ? 1 : 0;
                np += labels[x] == labels[q] ? 1 : 0;
                size++;
            }
            for (int v = 0; v < pairs; v++) {
                if (vi[v] == q || vj[v] == q) {
                    continue;
                }
                ia[base + size] = (long) q * n + vi[v];
                ib[base + size] = (long) q * n + vj[v];
                wa[base + size] = va[v];
                valid[base + size] = 1;
                positive[base + size] = labels[vi[v]] == labels[q] ? 1 : 0;
                np += labels[vi[v]] == labels[q] ? 1 : 0;
                size++;
            }
            for (int z = size; z < width; z++) {
                ia[base + z] = 0;
                ib[base + z] = 0;
                wa[base + z] = 1;
            }
            if (np == 0) {
                java.util.Arrays.fill(valid, base, base + width, 0);
                java.util.Arrays.fill(positive, base, base + width, 0);
                continue;
            }
            int[] ks = c.ks();
            norm[rows] = new double[ks.length];
            for (int k = 0; k < ks.length; k++) {
                norm[rows][k] = Math.min(ks[k], np);
            }
            queries[rows++] = q;
        }
        if (rows == 0) {
            return null;
        }
        var mgr = m.getManager();
        var type = m.getDataType();
        Shape shape = new Shape(rows, width);
        int used = rows * width;
        NDArray wA = constant(mgr, java.util.Arrays.copyOf(wa, used), shape, type);
        NDArray s = m.take(indices(mgr, java.util.Arrays.copyOf(ia, used))).reshape(rows, width).mul(wA)
                .add(m.take(indices(mgr, java.util.Arrays.copyOf(ib, used))).reshape(rows, width)
                        .mul(wA.neg().add(1)));
        NDArray validA = constant(mgr, java.util.Arrays.copyOf(valid, used), shape, type);
        NDArray posA = constant(mgr, java.util.Arrays.copyOf(positive, used), shape, type);
        // diff[q, x, z] = s_qz − s_qx; count z valid and z ≠ x
        NDArray diff = s.expandDims(1).sub(s.expandDims(2));
        NDArray notSelf = mgr.eye(width).toType(type, false).neg().add(1);
        NDArray zMask = validA.expandDims(1).mul(notSelf);
        NDArray rank = Activation.sigmoid(diff.div(scalar(m, c.tau2()))).mul(zMask).sum(new int[] {2}).add(1);
        int[] ks = c.ks();
        NDArray recall = null;
        double[] normFlat = new double[rows * ks.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(norm[r], 0, normFlat, r * ks.length, ks.length);
        }
        NDArray normA = constant(mgr, normFlat, new Shape(rows, ks.length), type);
        for (int k = 0; k < ks.length; k++) {
            NDArray sum = Activation.sigmoid(rank.neg().add(ks[k]).div(scalar(m, c.tau1()))).mul(posA)
                    .sum(new int[] {1});
            NDArray rk = sum.minimum(scalar(m, ks[k])).div(normA.get(":, " + k));
            recall = recall == null ? rk : recall.add(rk);
        }
        NDArray l = recall.div(scalar(m, ks.length)).neg().add(1);
        return new NDArray[] {l, anchors(mgr, java.util.Arrays.copyOf(queries, rows))};
    }
}
