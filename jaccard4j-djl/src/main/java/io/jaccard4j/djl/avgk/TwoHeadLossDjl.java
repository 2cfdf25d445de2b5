package io.jaccard4j.djl.avgk;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.avgk.TwoHeadLoss;

/**
 * The two-head average-K loss (core's {@link TwoHeadLoss}) as a DJL {@link Loss}: predictions are either two
 * n × C arrays (softmax-head logits z, multi-label-head logits u) or one n × 2C array holding z then u; labels
 * are n class indices. L = CE(z, y) + (1/n)·Σ BCE(σ(u), t) with the batch pseudo-labels t computed (without
 * gradient) exactly as core computes them.
 */
public final class TwoHeadLossDjl extends Loss {
    private final TwoHeadLoss core;

    public TwoHeadLossDjl(double k) {
        super("TwoHead");
        this.core = TwoHeadLoss.forK(k);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z;
        NDArray u;
        if (predictions.size() >= 2) {
            z = predictions.get(0);
            u = predictions.get(1);
        } else {
            NDArray both = predictions.get(0);
            long c2 = both.getShape().get(1);
            z = both.get(":, :{}", c2 / 2);
            u = both.get(":, {}:", c2 / 2);
        }
        long n = z.getShape().get(0);
        int c = (int) z.getShape().get(1);
        int[] y = labels.get(0).toType(DataType.INT32, false).toIntArray();
        float[] zf = z.stopGradient().toFloatArray();
        double[] zd = new double[zf.length];
        for (int i = 0; i < zf.length; i++) {
            zd[i] = zf[i];
        }
        byte[] t = core.pseudoLabels(zd, y, c);
        float[] tf = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            tf[i] = t[i];
        }
        NDArray target = z.getManager().create(tf, new Shape(n, c));
        NDArray classes = z.getManager().arange(0, c, 1, DataType.INT32).reshape(1, c);
        NDArray onehot = labels.get(0).toType(DataType.INT32, false).reshape(n, 1).eq(classes)
                .toType(DataType.FLOAT32, false);
        NDArray ce = z.logSoftmax(1).mul(onehot).sum().neg();
        NDArray bce = u.maximum(scalar(u, 0)).sub(u.mul(target)).add(u.abs().neg().exp().add(1f).log()).sum();
        return ce.add(bce).div(scalar(u, n));
    }
}
