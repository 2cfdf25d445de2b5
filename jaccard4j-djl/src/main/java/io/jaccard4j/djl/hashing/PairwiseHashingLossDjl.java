package io.jaccard4j.djl.hashing;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.hashing.PairwiseHashingLoss;

/**
 * Core's DPSH-family hashing loss ({@link PairwiseHashingLoss}) as a DJL {@link Loss}, same η and β:
 * L = mean<sub>i≠j</sub> [softplus(Θ<sub>ij</sub>) − s<sub>ij</sub>Θ<sub>ij</sub>] + η·mean<sub>i</sub>
 * ‖u<sub>i</sub> − sign(u<sub>i</sub>)‖² + β·‖mean<sub>i</sub> u<sub>i</sub>‖², Θ = UUᵀ/2. Predictions: relaxed
 * codes n × bits; labels: class ids (n). sign(u) is a constant (no gradient), sign(0) = +1.
 */
public final class PairwiseHashingLossDjl extends Loss {
    private final PairwiseHashingLoss config;

    public PairwiseHashingLossDjl(PairwiseHashingLoss config) {
        super("PairwiseHashing");
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray u = predictions.get(0);
        if (u.getShape().dimension() != 2 || u.getShape().get(0) < 2) {
            throw new IllegalArgumentException("codes must be n x bits with n >= 2; got " + u.getShape());
        }
        int n = (int) u.getShape().get(0);
        float[] lab = labels.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        if (lab.length != n) {
            throw new IllegalArgumentException("need one class id per code row (" + n + "); got " + lab.length);
        }
        float[] sim = new float[n * n];
        float[] off = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    off[i * n + j] = 1;
                    sim[i * n + j] = lab[i] == lab[j] ? 1 : 0;
                }
            }
        }
        var m = u.getManager();
        NDArray s = m.create(sim, new Shape(n, n)).toType(u.getDataType(), false);
        NDArray o = m.create(off, new Shape(n, n)).toType(u.getDataType(), false);
        NDArray theta = u.matMul(u.transpose()).mul(scalar(u, 0.5));
        NDArray soft = theta.maximum(scalar(u, 0)).add(theta.abs().neg().exp().add(scalar(u, 1)).log());
        NDArray pair = soft.sub(s.mul(theta)).mul(o).sum().div(scalar(u, (double) n * (n - 1)));
        float[] signs = u.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < signs.length; i++) {
            signs[i] = signs[i] >= 0 ? 1 : -1;
        }
        NDArray b = m.create(signs, u.getShape()).toType(u.getDataType(), false);
        NDArray quant = u.sub(b).square().sum().div(scalar(u, n));
        NDArray balance = u.mean(new int[] {0}).square().sum();
        return pair.add(quant.mul(scalar(u, config.quantizationWeight())))
                .add(balance.mul(scalar(u, config.balanceWeight())));
    }
}
