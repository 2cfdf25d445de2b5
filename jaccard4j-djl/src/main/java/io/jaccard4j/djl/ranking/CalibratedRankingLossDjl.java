package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.ranking.CalibratedRankingLoss;

/**
 * Core's calibrated ranking objective ({@link CalibratedRankingLoss}) as a DJL {@link Loss}, same knots and α:
 * L = α·mean BCE-with-logits(g<sub>θ</sub>(s), y) + (1 − α)·mean over pairs of softplus(−(s<sub>hi</sub> −
 * s<sub>lo</sub>)), g<sub>θ</sub> the monotone piecewise-linear calibration with softplus slopes.
 *
 * <p>Predictions: {@code [scores (n), theta (m + 2)]} — θ is a learnable parameter array (offset, then one slope
 * parameter a segment), so autograd reaches both. Labels: {@code [labels (n, in [0, 1]), context ids (n)]},
 * optionally followed by logged context {@code [scores (c), labels (c), context ids (c)]} (constants).
 */
public final class CalibratedRankingLossDjl extends Loss {
    private final CalibratedRankingLoss config;

    public CalibratedRankingLossDjl(CalibratedRankingLoss config) {
        super("CalibratedRanking");
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** g<sub>θ</sub>(s) with NDArray operations. */
    public NDArray calibrate(NDArray s, NDArray theta) {
        double[] t = config.knots();
        int m = t.length;
        RankingOps.require(theta.getShape().size() == m + 2, "theta must hold " + (m + 2) + " values (offset + "
                + (m + 1) + " slope parameters); got shape " + theta.getShape());
        NDArray th = theta.reshape(-1);
        NDArray a = RankingOps.softplus(th.get("1:"));
        NDArray g = s.sub((float) t[0]).minimum(scalar(s, 0)).mul(a.get(0)).add(th.get(0));
        for (int k = 1; k < m; k++) {
            g = g.add(s.sub((float) t[k - 1]).clip(0f, (float) (t[k] - t[k - 1])).mul(a.get(k)));
        }
        return g.add(s.sub((float) t[m - 1]).maximum(scalar(s, 0)).mul(a.get(m)));
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        RankingOps.require(predictions.size() >= 2, "predictions must be [scores, theta]");
        NDArray s = predictions.get(0).reshape(-1);
        NDArray theta = predictions.get(1);
        int n = (int) s.getShape().get(0);
        double[] y = RankingOps.toDoubles(labels.get(0));
        int[] groups = RankingOps.toInts(labels.get(1));
        RankingOps.require(y.length == n && groups.length == n, "need n labels and n context ids for n = " + n
                + " scores; got " + y.length + " and " + groups.length);
        NDArray yt = s.getManager().create(RankingOps.toFloats(y)).toType(s.getDataType(), false);
        NDArray g = calibrate(s, theta);
        NDArray bce = RankingOps.softplus(g).sub(g.mul(yt)).mean();
        float[] mask = new float[n * n];
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (groups[i] == groups[j] && y[i] > y[j]) {
                    mask[i * n + j] = 1;
                    pairs++;
                }
            }
        }
        NDArray pairSum = s.sum().mul(scalar(s, 0));
        if (pairs > 0) {
            NDArray mk = s.getManager().create(mask, new Shape(n, n)).toType(s.getDataType(), false);
            pairSum = RankingOps.softplus(s.expandDims(1).sub(s.expandDims(0)).neg()).mul(mk).sum();
        }
        if (labels.size() >= 5) {
            double[] cs = RankingOps.toDoubles(labels.get(2));
            double[] cy = RankingOps.toDoubles(labels.get(3));
            int[] cg = RankingOps.toInts(labels.get(4));
            int c = cs.length;
            RankingOps.require(cy.length == c && cg.length == c, "logged context needs as many labels and ids as scores");
            if (c > 0) {
                float[] sign = new float[n * c];
                long ctxPairs = 0;
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < c; k++) {
                        if (groups[i] == cg[k] && y[i] != cy[k]) {
                            sign[i * c + k] = y[i] > cy[k] ? 1 : -1;
                            ctxPairs++;
                        }
                    }
                }
                if (ctxPairs > 0) {
                    NDArray sg = s.getManager().create(sign, new Shape(n, c)).toType(s.getDataType(), false);
                    NDArray cv = s.getManager().create(RankingOps.toFloats(cs)).toType(s.getDataType(), false);
                    NDArray diff = s.expandDims(1).sub(cv.expandDims(0)).mul(sg);
                    pairSum = pairSum.add(RankingOps.softplus(diff.neg()).mul(sg.abs()).sum());
                    pairs += ctxPairs;
                }
            }
        }
        double alpha = config.pointwiseWeight();
        NDArray value = bce.mul(scalar(s, (float) alpha));
        if (pairs > 0) {
            value = value.add(pairSum.div(scalar(s, (float) pairs)).mul(scalar(s, (float) (1 - alpha))));
        }
        return value;
    }
}
