package io.jaccard4j.djl.ranking;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.ranking.CalibratedRankingLoss;
import io.jaccard4j.ranking.QueryCalibratedRankingLoss;

/**
 * Core's SBCR loss with a per-query calibration ({@link QueryCalibratedRankingLoss}) as a DJL {@link Loss}, in the
 * core object's coupling. {@link QueryCalibratedRankingLoss.Coupling#DECOUPLED} (the paper's structure):
 * L = L<sub>rank</sub> + L<sub>calib</sub>, L<sub>rank</sub> = α·mean BCE-with-logits(s, y) + (1 − α)·mean over
 * same-query pairs (batch, and batch × logged) of softplus(−(s<sub>hi</sub> − s<sub>lo</sub>)), L<sub>calib</sub> =
 * mean BCE(clip(g(σ(s) with its gradient stopped; q), 10⁻⁴, 1 − 10⁻⁴), y); g(ŷ; q) piecewise linear over K equal
 * intervals of [0, 1] with rises softmax(a<sub>q</sub>). So autograd takes the scores' gradient from L<sub>rank</sub>
 * only and the logits' from L<sub>calib</sub> only. {@link QueryCalibratedRankingLoss.Coupling#COUPLED}:
 * L = α·mean BCE(g(σ(s); q), y) + (1 − α)·(the pairs), both reaching the scores.
 *
 * <p>Predictions: {@code [scores (n), calibration logits (Q × K)]} (autograd reaches both). Labels:
 * {@code [labels (n), query ids (n)]}, optionally followed by the logged context {@code [scores (c), labels (c),
 * query ids (c)]} (constants). The interval each item falls in is read from σ(s) (piecewise constant) and used as
 * a constant mask; the ranking term is {@link CalibratedRankingLossDjl}'s at the identity calibration (α there,
 * decoupled; 0, coupled).
 */
public final class QueryCalibratedRankingLossDjl extends Loss {
    private final QueryCalibratedRankingLoss config;
    private final CalibratedRankingLossDjl rank;
    private final float[] identityTheta;
    private final boolean coupled;

    public QueryCalibratedRankingLossDjl(QueryCalibratedRankingLoss config) {
        super("QueryCalibratedRanking");
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.coupled = config.coupling() == QueryCalibratedRankingLoss.Coupling.COUPLED;
        CalibratedRankingLoss rankConfig = CalibratedRankingLoss.builder()
                .pointwiseWeight(coupled ? 0 : config.pointwiseWeight()).build();
        this.rank = new CalibratedRankingLossDjl(rankConfig);
        this.identityTheta = RankingOps.toFloats(rankConfig.identityParameters());
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        RankingOps.require(predictions.size() >= 2, "predictions must be [scores, calibration logits]");
        NDArray s = predictions.get(0).reshape(-1);
        NDArray a = predictions.get(1);
        int k = config.intervals();
        RankingOps.require(a.getShape().dimension() == 2 && a.getShape().get(1) == k,
                "calibration logits must be Q x " + k + "; got " + a.getShape());
        int nq = (int) a.getShape().get(0);
        int n = (int) s.getShape().get(0);
        double[] y = RankingOps.toDoubles(labels.get(0));
        int[] q = RankingOps.toInts(labels.get(1));
        RankingOps.require(y.length == n && q.length == n, "need n labels and n query ids for n = " + n + " scores");
        NDArray yhat = ai.djl.nn.Activation.sigmoid(s);
        if (!coupled) {
            yhat = yhat.stopGradient();
        }
        double[] yh = RankingOps.toDoubles(yhat);
        float[] onehot = new float[n * nq];
        float[] before = new float[n * k];
        float[] at = new float[n * k];
        float[] offset = new float[n];
        for (int i = 0; i < n; i++) {
            RankingOps.require(q[i] >= 0 && q[i] < nq, "query id " + i + " must be in [0, " + nq + "); got " + q[i]);
            onehot[i * nq + q[i]] = 1;
            int j = Math.min((int) Math.floor(yh[i] * k), k - 1);
            for (int t = 0; t < j; t++) {
                before[i * k + t] = 1;
            }
            at[i * k + j] = 1;
            offset[i] = j;
        }
        var m = s.getManager();
        NDArray rows = m.create(onehot, new Shape(n, nq)).toType(s.getDataType(), false).matMul(a.softmax(1));
        NDArray mb = m.create(before, new Shape(n, k)).toType(s.getDataType(), false);
        NDArray mj = m.create(at, new Shape(n, k)).toType(s.getDataType(), false);
        NDArray frac = yhat.mul(scalar(s, k)).sub(m.create(offset).toType(s.getDataType(), false));
        NDArray p = rows.mul(mb).sum(new int[] {1}).add(frac.mul(rows.mul(mj).sum(new int[] {1})));
        NDArray yt = m.create(RankingOps.toFloats(y)).toType(s.getDataType(), false);
        NDArray logP;
        NDArray log1mP;
        if (coupled) {
            logP = p.log().maximum(scalar(s, -100));
            log1mP = p.neg().add(scalar(s, 1)).log().maximum(scalar(s, -100));
        } else {
            NDArray pc = p.clip(QueryCalibratedRankingLoss.CLIP, 1 - QueryCalibratedRankingLoss.CLIP);
            logP = pc.log();
            log1mP = pc.neg().add(scalar(s, 1)).log();
        }
        NDArray bce = yt.mul(logP).add(yt.neg().add(scalar(s, 1)).mul(log1mP)).neg().mean();
        NDList rankLabels = new NDList(labels.get(0), labels.get(1));
        if (labels.size() >= 5) {
            rankLabels.add(labels.get(2));
            rankLabels.add(labels.get(3));
            rankLabels.add(labels.get(4));
        }
        NDArray theta = m.create(identityTheta).toType(s.getDataType(), false);
        NDArray rankTerm = rank.evaluate(rankLabels, new NDList(s, theta));
        if (!coupled) {
            return rankTerm.add(bce);
        }
        double alpha = config.pointwiseWeight();
        return bce.mul(scalar(s, (float) alpha)).add(rankTerm.mul(scalar(s, (float) (1 - alpha))));
    }
}
