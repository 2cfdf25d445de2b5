package io.jaccard4j.djl.boxsupervision;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import io.jaccard4j.boxsupervision.Box;
import io.jaccard4j.boxsupervision.BoxProjectionLoss;

/**
 * Core's BoxInst projection loss ({@link BoxProjectionLoss}) as a DJL {@link Loss}: Dice(max<sub>y</sub> σ(z),
 * b<sub>x</sub>) + Dice(max<sub>x</sub> σ(z), b<sub>y</sub>), Dice(p, t) = 1 − 2Σpt/(Σp² + Σt² + 10⁻⁵).
 * Predictions: mask logits h × w; labels: the box {@code [x0, y0, x1, y1]} (half-open).
 */
public final class BoxProjectionLossDjl extends Loss {
    public BoxProjectionLossDjl() {
        super("BoxProjection");
    }

    static Box box(NDArray b, int h, int w) {
        float[] v = b.toType(DataType.FLOAT32, false).toFloatArray();
        if (v.length != 4) {
            throw new IllegalArgumentException("the box label must be [x0, y0, x1, y1]; got " + v.length + " values");
        }
        Box box = new Box((int) v[0], (int) v[1], (int) v[2], (int) v[3]);
        box.check(h, w);
        return box;
    }

    static NDArray indicator(NDArray like, int length, int lo, int hi) {
        float[] t = new float[length];
        for (int i = lo; i < hi; i++) {
            t[i] = 1;
        }
        return like.getManager().create(t).toType(like.getDataType(), false);
    }

    static NDArray dice(NDArray p, NDArray t) {
        NDArray union = p.square().sum().add(t.square().sum()).add(scalar(p, BoxProjectionLoss.EPSILON));
        return p.mul(t).sum().mul(scalar(p, 2)).div(union).neg().add(scalar(p, 1));
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.get(0);
        if (z.getShape().dimension() != 2) {
            throw new IllegalArgumentException("mask logits must be h x w; got " + z.getShape());
        }
        int h = (int) z.getShape().get(0);
        int w = (int) z.getShape().get(1);
        Box b = box(labels.get(0), h, w);
        NDArray m = Activation.sigmoid(z);
        return dice(m.max(new int[] {0}), indicator(z, w, b.x0(), b.x1()))
                .add(dice(m.max(new int[] {1}), indicator(z, h, b.y0(), b.y1())));
    }
}
