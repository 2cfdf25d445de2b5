package io.jaccard4j.djl.metriclearning;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.metriclearning.SupConLoss;
import io.jaccard4j.metriclearning.Tuples;

/**
 * {@link SupConLoss} as a DJL loss: per anchor a with positives,
 * (1/|P(a)|) Σ<sub>p</sub> −log(e<sup>c<sub>ap</sub>/τ</sup> / Σ<sub>k∈P(a)∪N(a)</sub> e<sup>c<sub>ak</sub>/τ</sup>).
 */
public final class NdSupConLoss extends NdMetricLoss {
    private final SupConLoss c;

    /** The DJL version of a core configuration. */
    public NdSupConLoss(SupConLoss config) {
        super("SupConLoss", config);
        this.c = config;
    }

    @Override
    NDArray[] elements(NDArray m, int n, int[] labels, Tuples mined) {
        Tuples t = Tuples.forPairLoss(mined, labels);
        if (t == null) {
            return null;
        }
        int[][] pos = Tuples.byAnchorDistinct(n, t.anchorsPos(), t.positives());
        int[][] neg = Tuples.byAnchorDistinct(n, t.anchorsNeg(), t.negatives());
        int rows = 0;
        int width = 1;
        boolean anyNeg = false;
        for (int a = 0; a < n; a++) {
            anyNeg |= neg[a].length > 0;
            if (pos[a].length > 0) {
                rows++;
                width = Math.max(width, pos[a].length + neg[a].length);
            }
        }
        if (rows == 0 || !anyNeg) {
            return null;
        }
        int[] anchor = new int[rows];
        int[][] cols = new int[rows][];
        double[] posWeight = new double[rows * width];
        int r = 0;
        for (int a = 0; a < n; a++) {
            if (pos[a].length == 0) {
                continue;
            }
            anchor[r] = a;
            cols[r] = new int[pos[a].length + neg[a].length];
            System.arraycopy(pos[a], 0, cols[r], 0, pos[a].length);
            System.arraycopy(neg[a], 0, cols[r], pos[a].length, neg[a].length);
            for (int k = 0; k < pos[a].length; k++) {
                posWeight[r * width + k] = 1.0 / pos[a].length;
            }
            r++;
        }
        double[] mask = new double[rows * width];
        double scale = (c.distance().isSimilarity() ? 1 : -1) / c.temperature();
        NDArray x = padded(m, n, anchor, cols, width, mask).mul(scalar(m, scale));
        NDArray masked = x.add(constant(m.getManager(), mask, new Shape(rows, width), m.getDataType()));
        NDArray lse = masked.get(":, 0").sub(masked.logSoftmax(1).get(":, 0"));
        NDArray meanPos = x.mul(constant(m.getManager(), posWeight, new Shape(rows, width), m.getDataType()))
                .sum(new int[] {1});
        // as PML, one element per anchor: the anchors without positives add elements equal to 0
        int[] all = new int[n];
        System.arraycopy(anchor, 0, all, 0, rows);
        for (int a = 0, k = rows; a < n; a++) {
            if (pos[a].length == 0) {
                all[k++] = a;
            }
        }
        NDArray losses = lse.sub(meanPos);
        if (rows < n) {
            losses = NDArrays.concat(new ai.djl.ndarray.NDList(losses, m.getManager().zeros(new Shape(n - rows),
                    m.getDataType())));
        }
        return new NDArray[] {losses, anchors(m.getManager(), all)};
    }
}
