package io.jaccard4j.djl;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.ActiveClasses;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.Reduction;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TverskyLoss;
import java.util.Objects;

/**
 * The Tversky family of overlap losses as a DJL {@link Loss}, built from core's {@link TverskyLoss} configuration
 * (one builder, one validation: {@link Builder} extends core's {@link TverskyLoss.Settings}, and
 * {@link #of(TverskyLoss, Activation, int)} adapts a configured core loss, e.g. one from the loss registry): the
 * Jaccard metric loss (JML), the Dice semimetric loss, Tversky losses, and the textbook soft Jaccard / soft Dice
 * losses, option for option (α, β, γ, smooth s, norm p or the inner-product cardinality, log-loss, dataset /
 * image / class reductions and their mix, PRESENT / ALL active classes with the label-mass threshold, class
 * weights), plus the ignore index for hard labels and a keep-mask for soft labels. An option core rejects fails
 * here with core's message.
 *
 * <p>Per class over a group of pixels: tp = (|x| + |y| − Δ)/2 with |v| = Σ|v|<sup>p</sup> and
 * Δ = Σ|x − y|<sup>p</sup> (or tp = ⟨x, y⟩), fp = |x| − tp, fn = |y| − tp,
 * T = (tp + s)/(tp + α·fp + β·fn + s), loss = (1 − T)<sup>γ</sup> or (−log T)<sup>γ</sup>.
 *
 * <p>Two paths, the same value:
 * <ul>
 *   <li><b>host path</b> — hard labels with norm 1 or the inner-product cardinality and C ≥ 2: the engine computes
 *       the per-class sums, core's {@link TverskyLoss#fromCardinalities} computes the value and its coefficients
 *       on the host (two N × C and one N × P arrays travel each step), see {@code hardThroughCore};</li>
 *   <li><b>engine path</b> — soft labels, norm ≥ 2, or one channel (sigmoid): NDArray operations only.</li>
 * </ul>
 * Unsupported: softmax logits with one channel — rejected with core's {@link Activation#checkClasses} message.
 *
 * <p>Labels: {@code labels.get(0)} holds hard class indices (N × spatial) or soft labels (N × C × spatial);
 * an optional {@code labels.get(1)} is a keep-mask (N × spatial). Predictions: logits N × C × spatial.
 */
public final class OverlapLoss extends Loss {
    /** The core loss: the options, and the host path's value and coefficients. */
    private final TverskyLoss core;
    private final int norm;
    private final boolean product;
    private final float[] classWeights;
    private final Activation activation;
    private final int ignoreIndex;

    private OverlapLoss(TverskyLoss core, Activation activation, int ignoreIndex) {
        super(djlName(core.name()));
        this.core = core;
        this.norm = core.cardinality().exponent();
        this.product = core.cardinality().isProduct();
        double[] w = core.classWeights();
        this.classWeights = w == null ? null : new float[w.length];
        for (int i = 0; w != null && i < w.length; i++) {
            this.classWeights[i] = (float) w[i];
        }
        this.activation = Objects.requireNonNull(activation, "activation");
        this.ignoreIndex = ignoreIndex;
    }

    /**
     * The DJL form of a configured core loss, e.g. {@code (TverskyLoss) LossRegistry.build("jaccard", options)}.
     *
     * @param activation how the logits become probabilities
     * @param ignoreIndex hard label whose pixels are dropped ({@link Targets#NO_IGNORE} for none)
     */
    public static OverlapLoss of(TverskyLoss core, Activation activation, int ignoreIndex) {
        return new OverlapLoss(Objects.requireNonNull(core, "core"), activation, ignoreIndex);
    }

    /** The DJL loss name of a core preset. */
    private static String djlName(String preset) {
        switch (preset) {
            case "jaccard": return "JaccardMetricLoss";
            case "dice": return "DiceSemimetricLoss";
            case "soft-jaccard": return "SoftJaccardLoss";
            case "soft-dice": return "SoftDiceLoss";
            default: return "TverskyLoss";
        }
    }

    /** The core loss this adapts. */
    public TverskyLoss core() {
        return core;
    }

    /** Jaccard metric loss: core's {@link TverskyLoss#jaccard()}. */
    public static Builder jaccard() {
        return new Builder(TverskyLoss.jaccard());
    }

    /** Dice semimetric loss: core's {@link TverskyLoss#dice()}. */
    public static Builder dice() {
        return new Builder(TverskyLoss.dice());
    }

    /** Tversky loss: core's {@link TverskyLoss#tversky(double, double)}. */
    public static Builder tversky(double alpha, double beta) {
        return new Builder(TverskyLoss.tversky(alpha, beta));
    }

    /** Textbook soft Jaccard loss: core's {@link TverskyLoss#softJaccard()}. */
    public static Builder softJaccard() {
        return new Builder(TverskyLoss.softJaccard());
    }

    /** Textbook soft Dice loss: core's {@link TverskyLoss#softDice()}. */
    public static Builder softDice() {
        return new Builder(TverskyLoss.softDice());
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(0);
        activation.checkClasses(intShape(logits.getShape()));
        boolean hard = labels.get(0).getShape().dimension() == logits.getShape().dimension() - 1;
        if (hard && (product || norm == 1) && logits.getShape().get(1) > 1) {
            return hardThroughCore(labels, logits);
        }
        LossInputs in = LossInputs.of(labels, predictions, activation, ignoreIndex);
        int[] sp = {LossInputs.PIXELS};
        NDArray sx;
        NDArray sy;
        NDArray sz;
        if (product) {
            sx = sum(in.x, sp);
            sy = sum(in.y, sp);
            sz = sum(in.x.mul(in.y), sp);
        } else {
            NDArray diff = in.x.sub(in.y).abs();
            sx = sum(pow(in.x), sp);
            sy = sum(pow(in.y), sp);
            sz = sum(pow(diff), sp);
        }
        // N x C; for hard labels the largest label value of a class is 1 exactly where it has a pixel
        NDArray maxY = in.hard ? sy.gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                : in.y.max(sp).stopGradient();
        NDManager manager = logits.getManager();
        return reduce(sx, sy, sz, maxY, hard, manager);
    }

    /**
     * Hard labels with the L1 or inner-product cardinality. The loss depends on the logits only through, per image
     * and class, |x| = Σ<sub>p</sub> x<sub>kp</sub> over the kept pixels and ⟨x, y⟩ = Σ<sub>p: label = k</sub>
     * x<sub>kp</sub> (|y| are label counts; Δ = |x| + |y| − 2⟨x, y⟩ for y ∈ {0, 1}). On the engine: the activations
     * x, their sums |x| and the probability of each pixel's own label x<sub>label</sub> (a gather, as in
     * cross-entropy); no one-hot tensor. The sums per class, the value and A = dL/d|x|, B = dL/d⟨x, y⟩ come from
     * core's {@link io.jaccard4j.loss.TverskyLoss#fromCardinalities} (so the value is core's, option for option),
     * and the result is S + (L − S) with S = Σ A·|x| + Σ<sub>p</sub> B<sub>label</sub>·x<sub>label</sub> and the
     * bracket held constant: its value is L and its gradient is exactly dL/dz. Two small arrays (N × C and N × P)
     * travel to the host and back each step. Keep-mask entries count as 0 (dropped) or not 0 (kept).
     */
    private NDArray hardThroughCore(NDList labels, NDArray logits) {
        ai.djl.ndarray.types.Shape shape = logits.getShape();
        int n = (int) shape.get(0);
        int c = (int) shape.get(1);
        long pixelsLong = shape.size() / ((long) n * c);
        if ((long) n * pixelsLong > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("predictions " + shape + " are too large for the hard-label path");
        }
        int pixels = (int) pixelsLong;
        NDArray target = labels.get(0);
        ai.djl.ndarray.types.Shape expected = LossInputs.dropClassAxis(shape);
        if (!target.getShape().equals(expected)) {
            throw new IllegalArgumentException("hard labels must have shape " + expected + "; got " + target.getShape());
        }
        NDManager manager = logits.getManager();
        long[] lab = target.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
        float[] keep = labels.size() > 1
                ? labels.get(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray() : null;
        if (keep != null && keep.length != lab.length) {
            throw new IllegalArgumentException("keep-mask has " + keep.length + " entries for " + lab.length + " pixels");
        }
        boolean masked = keep != null;
        boolean clamped = false;
        for (int i = 0; i < lab.length; i++) {
            boolean kept = (keep == null || keep[i] != 0) && lab[i] != ignoreIndex;
            if (!kept) {
                if (keep == null) {
                    keep = new float[lab.length];
                    java.util.Arrays.fill(keep, 1f);
                    masked = true;
                }
                keep[i] = 0f;
                if (lab[i] < 0 || lab[i] >= c) {
                    lab[i] = 0;
                    clamped = true;
                }
                continue;
            }
            if (keep != null) {
                keep[i] = 1f;
            }
            if (lab[i] < 0 || lab[i] >= c) {
                throw new IllegalArgumentException("label " + lab[i] + " at pixel " + i + " is out of range; expected 0.."
                        + (c - 1) + (ignoreIndex == Targets.NO_IGNORE ? "" : " or the ignore index " + ignoreIndex));
            }
        }
        ai.djl.ndarray.types.Shape pix = new ai.djl.ndarray.types.Shape(n, 1, pixels);
        NDArray index = clamped ? manager.create(lab, pix)
                : target.toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(pix);
        NDArray keepNd = masked ? manager.create(keep, pix) : null;
        NDArray x = LossInputs.activate(logits, activation).reshape(n, c, pixels);
        NDArray sx = masked ? x.matMul(keepNd.reshape(n, pixels, 1)).reshape(n, c) : x.sum(new int[] {2});
        NDArray own = x.gather(index, 1); // N x 1 x P: each pixel's probability of its label
        float[] sxH = sx.toFloatArray();
        float[] ownH = own.toFloatArray();
        double[] dsx = new double[n * c];
        double[] dsy = new double[n * c];
        double[] dsxy = new double[n * c];
        double[] maxY = new double[n * c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < pixels; i++) {
                int px = b * pixels + i;
                if (keep == null || keep[px] != 0) {
                    int at = b * c + (int) lab[px];
                    dsy[at] += 1;
                    dsxy[at] += ownH[px];
                }
            }
        }
        double[] dsz = new double[n * c];
        for (int at = 0; at < n * c; at++) {
            dsx[at] = sxH[at];
            maxY[at] = dsy[at] > 0 ? 1 : 0;
            dsz[at] = product ? dsxy[at] : Math.max(0, dsx[at] + dsy[at] - 2 * dsxy[at]);
        }
        double[] ax = new double[n * c];
        double[] az = new double[n * c];
        double value = core.fromCardinalities(n, c, true, dsx, dsy, dsz, maxY, ax, az);
        float[] a = new float[n * c];
        float[] bcoef = new float[n * c];
        for (int at = 0; at < n * c; at++) {
            a[at] = (float) (product ? ax[at] : ax[at] + az[at]);
            bcoef[at] = (float) (product ? az[at] : -2 * az[at]);
        }
        NDArray aNd = manager.create(a, new ai.djl.ndarray.types.Shape(n, c));
        float[] bPixel = new float[n * pixels];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < pixels; i++) {
                int px = b * pixels + i;
                if (keep == null || keep[px] != 0) {
                    bPixel[px] = bcoef[b * c + (int) lab[px]];
                }
            }
        }
        NDArray bOwn = manager.create(bPixel, pix);
        NDArray surrogate = sx.mul(aNd).sum().add(own.mul(bOwn).sum());
        return surrogate.add(manager.create((float) value).sub(surrogate.stopGradient()));
    }

    private NDArray reduce(NDArray sx, NDArray sy, NDArray sz, NDArray maxY, boolean hard, NDManager manager) {
        long c = sx.getShape().get(1);
        Reduction reduction = core.reduction();
        double threshold = core.threshold();
        NDArray weights = classWeights == null ? null : manager.create(classWeights);
        if (weights != null && weights.size() != c) {
            throw new IllegalArgumentException("classWeights has " + weights.size() + " entries but the predictions have "
                    + c + " classes");
        }
        ActiveClasses mode = hard ? core.activeClassesHard() : core.activeClassesSoft();
        NDArray total = manager.create(0f);
        if (reduction.datasetWeight() > 0) {
            NDArray term = term(sx.sum(new int[] {0}), sy.sum(new int[] {0}), sz.sum(new int[] {0}));
            NDArray active = mode == ActiveClasses.ALL ? term.onesLike()
                    : maxY.max(new int[] {0}).gt(threshold).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray count = active.sum().maximum(1f);
            NDArray per = term.mul(active);
            if (weights != null) {
                per = per.mul(weights);
            }
            total = total.add(per.sum().div(count).mul(scalar(per, (float) reduction.datasetWeight())));
        }
        if (reduction.imageWeight() > 0 || reduction.classWeight() > 0) {
            NDArray term = term(sx, sy, sz); // N x C
            NDArray active = mode == ActiveClasses.ALL ? term.onesLike()
                    : maxY.gt(threshold).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray per = term.mul(active);
            if (weights != null) {
                per = per.mul(weights.expandDims(0));
            }
            if (reduction.imageWeight() > 0) {
                NDArray perImage = active.sum(new int[] {1}); // N
                NDArray images = perImage.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum().maximum(1f);
                NDArray imageMeans = per.sum(new int[] {1}).div(perImage.maximum(1f));
                total = total.add(imageMeans.sum().div(images).mul(scalar(per, (float) reduction.imageWeight())));
            }
            if (reduction.classWeight() > 0) {
                NDArray perClass = active.sum(new int[] {0}); // C
                NDArray classes = perClass.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum().maximum(1f);
                NDArray classMeans = per.sum(new int[] {0}).div(perClass.maximum(1f));
                total = total.add(classMeans.sum().div(classes).mul(scalar(per, (float) reduction.classWeight())));
            }
        }
        return total;
    }

    private static int[] intShape(ai.djl.ndarray.types.Shape shape) {
        int[] d = new int[shape.dimension()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (int) Math.min(Integer.MAX_VALUE, shape.get(i));
        }
        return d;
    }

    private NDArray pow(NDArray v) {
        return norm == 1 ? v : norm == 2 ? v.mul(v) : v.pow(scalar(v, norm));
    }

    private static NDArray sum(NDArray v, int[] axes) {
        return v.sum(axes);
    }

    /** The per-class loss from cardinalities (any shape). */
    private NDArray term(NDArray x, NDArray y, NDArray z) {
        NDArray tp;
        NDArray fp;
        NDArray fn;
        if (product) {
            tp = z;
            fp = x.sub(z);
            fn = y.sub(z);
        } else {
            tp = x.add(y).sub(z).div(scalar(x, 2));
            fp = x.sub(tp);
            fn = y.sub(tp);
        }
        double smooth = core.smooth();
        NDArray num = tp.add((float) smooth);
        NDArray den = tp.add(fp.mul(scalar(fp, (float) core.alpha()))).add(fn.mul(scalar(fn, (float) core.beta())))
                .add((float) smooth);
        NDArray zero = den.eq(0f);
        NDArray safeDen = den.add(zero.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        NDArray t = num.div(safeDen);
        t = t.mul(zero.logicalNot().toType(ai.djl.ndarray.types.DataType.FLOAT32, false))
                .add(zero.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        NDArray base = core.logLoss() ? t.log().neg() : t.neg().add(1f);
        if (core.gamma() > 1) {
            base = base.maximum(scalar(base, 0)).pow(scalar(base, (float) core.gamma()));
        }
        return base;
    }

    /**
     * Builds an {@link OverlapLoss}: core's {@link TverskyLoss.Settings} (every option, default and check of
     * {@link TverskyLoss}) plus the DJL-side activation and ignore index.
     */
    public static final class Builder extends TverskyLoss.Settings<Builder> {
        private Activation activation = Activation.SOFTMAX;
        private int ignoreIndex = Targets.NO_IGNORE;

        private Builder(TverskyLoss.Settings<?> preset) {
            super(preset);
        }

        /** How logits become probabilities (default SOFTMAX). */
        public Builder activation(Activation a) {
            this.activation = Objects.requireNonNull(a, "activation");
            return this;
        }

        /** Hard label whose pixels are dropped ({@link Targets#NO_IGNORE} for none). */
        public Builder ignoreIndex(int index) {
            this.ignoreIndex = index;
            return this;
        }

        /** The loss; options out of range have already failed with core's message. */
        public OverlapLoss build() {
            return new OverlapLoss(tverskyLoss(), activation, ignoreIndex);
        }
    }
}
