package io.jaccard4j.djl.boxsupervision;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import io.jaccard4j.boxsupervision.Box;
import io.jaccard4j.boxsupervision.BoxSnakeLoss;
import io.jaccard4j.boxsupervision.DistanceAwarePairwiseLoss;
import java.util.Objects;

/**
 * Core's BoxSnake objective ({@link BoxSnakeLoss}) as a DJL {@link Loss}, for autograd on CPU or GPU:
 * <pre>
 *   M(p) = σ(s(p) · min_k |p − a_k − t_k (b_k − a_k)| / τ),  t_k = clamp((p − a_k)·(b_k − a_k) / |b_k − a_k|², 0, 1)
 *   L = λ_u (1 − CIoU(box(v), B)) + λ_l Σ w_pq |M_p − M_q| / max(Σ w_pq, 1)
 *       + λ_g Σ_B (‖c_p − μ⁺‖² M_p + ‖c_p − μ⁻‖² (1 − M_p)) / (C |B|)
 * </pre>
 * with every choice as in core's classes (pixel centres at +½, CIoU's α = [IoU ≥ ½] v/(1 − IoU + v) constant,
 * region means clamped at mass 10⁻⁵). Constants come from core: the inside/outside sign s(p) (core's winding
 * number), the pair weights w<sub>pq</sub> and CIoU's α (from the forward values); everything else that depends on
 * the vertices is NDArray operations, with every scalar operand a manager array ({@code Scalars.scalar}).
 * Predictions: the vertices, K × 2 ({@code (x, y)} rows, K ≥ 3); labels: {@code [image (h × w × channels),
 * box [x0, y0, x1, y1]]} (half-open pixel box).
 */
public final class BoxSnakeLossDjl extends Loss {
    private final BoxSnakeLoss config;

    /** The loss with core's configuration (τ, pairwise settings, weights). */
    public BoxSnakeLossDjl(BoxSnakeLoss config) {
        super("BoxSnake");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray v = predictions.get(0);
        Shape vs = v.getShape();
        if (vs.dimension() != 2 || vs.get(1) != 2 || vs.get(0) < 3) {
            throw new IllegalArgumentException("polygon vertices must be K x 2 with K >= 3; got " + vs);
        }
        NDArray img = labels.get(0);
        Shape is = img.getShape();
        if (is.dimension() != 3) {
            throw new IllegalArgumentException("image must be h x w x channels; got " + is);
        }
        int h = (int) is.get(0);
        int w = (int) is.get(1);
        int ch = (int) is.get(2);
        Box box = BoxProjectionLossDjl.box(labels.get(1), h, w);
        double[] vertices = doubles(v);
        double[] image = doubles(img);
        double[] signed = config.rasterizer().rasterize(vertices, h, w).signedDistance();
        DistanceAwarePairwiseLoss pairwise = config.pairwise();
        double[] pairWeights = pairwise.pairWeights(image, h, w, ch, box);
        double[] lw = config.weights();

        NDArray mask = rasterize(v, signed, h, w);
        NDArray loss = unary(v, box).mul(scalar(v, lw[0]));
        loss = loss.add(local(mask, pairWeights, h, w, pairwise.dilation(), box).mul(scalar(v, lw[1])));
        NDArray image32 = img.toType(v.getDataType(), false);
        return loss.add(global(mask, image32, ch, box).mul(scalar(v, lw[2])));
    }

    private NDArray rasterize(NDArray v, double[] signed, int h, int w) {
        NDManager m = v.getManager();
        int k = (int) v.getShape().get(0);
        float[] centres = new float[h * w * 2];
        float[] sign = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                centres[2 * (y * w + x)] = x + 0.5f;
                centres[2 * (y * w + x) + 1] = y + 0.5f;
                sign[y * w + x] = signed[y * w + x] >= 0 ? 1 : -1;
            }
        }
        NDArray p = m.create(centres, new Shape(h * w, 1, 2)).toType(v.getDataType(), false);
        NDArray a = v.reshape(1, k, 2);
        NDArray b = v.get("1:").concat(v.get("0:1"), 0).reshape(1, k, 2);
        NDArray e = b.sub(a);
        NDArray len2 = e.square().sum(new int[] {2});
        NDArray degenerate = len2.eq(scalar(v, 0));
        NDArray safeLen2 = len2.add(degenerate.toType(v.getDataType(), false));
        NDArray t = p.sub(a).mul(e).sum(new int[] {2}).div(safeLen2).maximum(scalar(v, 0)).minimum(scalar(v, 1));
        t = t.mul(degenerate.logicalNot().toType(v.getDataType(), false));
        NDArray q = a.add(t.expandDims(2).mul(e));
        NDArray d = p.sub(q).square().sum(new int[] {2}).min(new int[] {1}).sqrt();
        NDArray s = m.create(sign).toType(v.getDataType(), false);
        return Activation.sigmoid(d.mul(s).div(scalar(v, config.rasterizer().temperature()))).reshape(h, w);
    }

    private static NDArray unary(NDArray v, Box box) {
        NDArray xs = v.get(":,0");
        NDArray ys = v.get(":,1");
        NDArray x1 = xs.min();
        NDArray y1 = ys.min();
        NDArray x2 = xs.max();
        NDArray y2 = ys.max();
        double bx1 = box.x0();
        double by1 = box.y0();
        double bx2 = box.x1();
        double by2 = box.y1();
        NDArray iw = x2.minimum(scalar(v, bx2)).sub(x1.maximum(scalar(v, bx1))).maximum(scalar(v, 0));
        NDArray ih = y2.minimum(scalar(v, by2)).sub(y1.maximum(scalar(v, by1))).maximum(scalar(v, 0));
        NDArray inter = iw.mul(ih);
        NDArray wp = x2.sub(x1);
        NDArray hp = y2.sub(y1);
        NDArray union = wp.mul(hp).add(scalar(v, (bx2 - bx1) * (by2 - by1))).sub(inter);
        NDArray iou = inter.div(union);
        NDArray cw = x2.maximum(scalar(v, bx2)).sub(x1.minimum(scalar(v, bx1)));
        NDArray chh = y2.maximum(scalar(v, by2)).sub(y1.minimum(scalar(v, by1)));
        NDArray c2 = cw.square().add(chh.square());
        NDArray rx = x1.add(x2).neg().add(scalar(v, bx1 + bx2));
        NDArray ry = y1.add(y2).neg().add(scalar(v, by1 + by2));
        NDArray rho2 = rx.square().add(ry.square()).div(scalar(v, 4));
        NDArray delta = wp.atan2(hp).neg().add(scalar(v, Math.atan2(bx2 - bx1, by2 - by1)));
        NDArray vv = delta.square().mul(scalar(v, 4 / (Math.PI * Math.PI)));
        double iouValue = iou.toType(DataType.FLOAT64, false).getDouble();
        double vValue = vv.toType(DataType.FLOAT64, false).getDouble();
        NDArray loss = iou.neg().add(scalar(v, 1)).add(rho2.div(c2));
        if (iouValue >= 0.5 && vValue > 0) {
            loss = loss.add(vv.mul(scalar(v, vValue / (1 - iouValue + vValue))));
        }
        return loss;
    }

    private static NDArray local(NDArray mask, double[] pairWeights, int h, int w, int dilation, Box box) {
        NDManager m = mask.getManager();
        NDArray weights = m.create(floats(pairWeights), new Shape(h, w, 8)).toType(mask.getDataType(), false);
        double total = 0;
        for (double x : pairWeights) {
            total += x;
        }
        NDArray sum = mask.sum().mul(scalar(mask, 0));
        int e = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (dy == 0 && dx == 0) {
                    continue;
                }
                String[] pq = NeighbourSlices.of(dy * dilation, dx * dilation, box.y0(), box.y1(), box.x0(),
                        box.x1(), h, w);
                if (pq != null) {
                    NDArray wpq = weights.get(pq[0] + "," + e);
                    sum = sum.add(mask.get(pq[0]).sub(mask.get(pq[1])).abs().mul(wpq).sum());
                }
                e++;
            }
        }
        return sum.div(scalar(mask, Math.max(total, 1)));
    }

    private static NDArray global(NDArray mask, NDArray image, int channels, Box box) {
        String rows = box.y0() + ":" + box.y1();
        String cols = box.x0() + ":" + box.x1();
        NDArray mIn = mask.get(rows + "," + cols).expandDims(2);
        NDArray mOut = mIn.neg().add(scalar(mask, 1));
        NDArray c = image.get(rows + "," + cols + ",:");
        NDArray floor = scalar(mask, DistanceAwarePairwiseLoss.MASS_FLOOR);
        NDArray muIn = c.mul(mIn).sum(new int[] {0, 1}).div(mIn.sum().maximum(floor));
        NDArray muOut = c.mul(mOut).sum(new int[] {0, 1}).div(mOut.sum().maximum(floor));
        NDArray energy = c.sub(muIn).square().mul(mIn).add(c.sub(muOut).square().mul(mOut)).sum();
        double norm = (double) channels * (box.x1() - box.x0()) * (box.y1() - box.y0());
        return energy.div(scalar(mask, norm));
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
