package io.jaccard4j.djl.boxsupervision;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.boxsupervision.Box;
import io.jaccard4j.boxsupervision.ColorAffinityPairwiseLoss;

/**
 * Core's BoxInst pairwise colour-affinity loss ({@link ColorAffinityPairwiseLoss}) as a DJL {@link Loss}:
 * −Σ<sub>e</sub> w<sub>e</sub> log P<sub>e</sub> / max(Σ w<sub>e</sub>, 1), P<sub>e</sub> = σ(z<sub>i</sub>)σ(z<sub>j</sub>)
 * + σ(−z<sub>i</sub>)σ(−z<sub>j</sub>) in log space. The edge weights (colour similarity ≥ τ, pixel i in the box)
 * are core's, constants; the eight neighbour offsets are shifted slices of the logits. Predictions: mask logits
 * h × w; labels: {@code [image (h × w × channels), box [x0, y0, x1, y1]]}.
 */
public final class ColorAffinityPairwiseLossDjl extends Loss {
    private final ColorAffinityPairwiseLoss config;
    private final int dilation;

    /** The loss with core's configuration (dilation, θ, τ). */
    public ColorAffinityPairwiseLossDjl(ColorAffinityPairwiseLoss config) {
        super("ColorAffinityPairwise");
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.dilation = config.dilation();
    }

    private static NDArray logSigmoid(NDArray x) {
        NDArray n = x.neg();
        return n.maximum(scalar(x, 0)).add(n.abs().neg().exp().add(scalar(x, 1)).log()).neg();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.get(0);
        if (z.getShape().dimension() != 2) {
            throw new IllegalArgumentException("mask logits must be h x w; got " + z.getShape());
        }
        int h = (int) z.getShape().get(0);
        int w = (int) z.getShape().get(1);
        NDArray img = labels.get(0);
        int channels = img.getShape().dimension() == 3 ? (int) img.getShape().get(2) : 1;
        Box box = BoxProjectionLossDjl.box(labels.get(1), h, w);
        double[] image = toDoubles(img);
        double[] we = config.edgeWeights(image, h, w, channels, box);
        double total = 0;
        for (double v : we) {
            total += v;
        }
        NDArray weights = z.getManager().create(toFloats(we), new Shape(h, w, 8)).toType(z.getDataType(), false);
        NDArray sum = z.sum().mul(scalar(z, 0));
        int e = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (dy == 0 && dx == 0) {
                    continue;
                }
                String[] pq = NeighbourSlices.of(dy * dilation, dx * dilation, 0, h, 0, w, h, w);
                if (pq != null) {
                    NDArray zi = z.get(pq[0]);
                    NDArray zj = z.get(pq[1]);
                    NDArray a = logSigmoid(zi).add(logSigmoid(zj));
                    NDArray b = logSigmoid(zi.neg()).add(logSigmoid(zj.neg()));
                    NDArray mx = a.maximum(b);
                    NDArray logP = mx.add(a.sub(mx).exp().add(b.sub(mx).exp()).log());
                    NDArray wsl = weights.get(pq[0] + "," + e);
                    sum = sum.sub(logP.mul(wsl).sum());
                }
                e++;
            }
        }
        return sum.div(scalar(z, Math.max(total, 1)));
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
