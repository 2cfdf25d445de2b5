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

/**
 * The Tversky family of overlap losses as a DJL {@link Loss}, written with NDArray operations so that autograd
 * and any device work: the Jaccard metric loss (JML), the Dice semimetric loss, Tversky losses, and the textbook
 * soft Jaccard / soft Dice losses — the formulas of core's {@link io.jaccard4j.loss.TverskyLoss}, option for
 * option (α, β, γ, smooth s, norm p or the inner-product cardinality, log-loss, dataset / image / class
 * reductions and their mix, PRESENT / ALL active classes with the label-mass threshold, class weights, ignore
 * index for hard labels, keep-mask for soft labels).
 *
 * <p>Per class over a group of pixels: tp = (|x| + |y| − Δ)/2 with |v| = Σ|v|<sup>p</sup> and
 * Δ = Σ|x − y|<sup>p</sup> (or tp = ⟨x, y⟩), fp = |x| − tp, fn = |y| − tp,
 * T = (tp + s)/(tp + α·fp + β·fn + s), loss = (1 − T)<sup>γ</sup> or (−log T)<sup>γ</sup>.
 *
 * <p>Labels: {@code labels.get(0)} holds hard class indices (N × spatial) or soft labels (N × C × spatial);
 * an optional {@code labels.get(1)} is a keep-mask (N × spatial). Predictions: logits N × C × spatial.
 */
public final class OverlapLoss extends Loss {
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double smooth;
    private final double threshold;
    private final int norm;
    private final boolean product;
    private final boolean logLoss;
    private final Reduction reduction;
    private final float[] classWeights;
    private final ActiveClasses activeHard;
    private final ActiveClasses activeSoft;
    private final Activation activation;
    private final int ignoreIndex;

    private OverlapLoss(Builder b) {
        super(b.name);
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.gamma = b.gamma;
        this.smooth = b.smooth;
        this.threshold = b.threshold;
        this.norm = b.norm;
        this.product = b.product;
        this.logLoss = b.logLoss;
        this.reduction = b.reduction;
        this.classWeights = b.classWeights;
        this.activeHard = b.activeHard;
        this.activeSoft = b.activeSoft;
        this.activation = b.activation;
        this.ignoreIndex = b.ignoreIndex;
        this.core = coreLoss(b);
    }

    /** The same loss in core, which computes the hard-label fast path's value and coefficients; null if core rejects the options. */
    private final io.jaccard4j.loss.TverskyLoss core;

    private static io.jaccard4j.loss.TverskyLoss coreLoss(Builder b) {
        try {
            io.jaccard4j.loss.TverskyLoss.Builder cb = io.jaccard4j.loss.TverskyLoss.tversky(b.alpha, b.beta)
                    .cardinality(b.product ? io.jaccard4j.loss.Cardinality.product()
                            : io.jaccard4j.loss.Cardinality.norm(b.norm))
                    .gamma(b.gamma).smooth(b.smooth).threshold(b.threshold).logLoss(b.logLoss).reduction(b.reduction)
                    .activeClassesHard(b.activeHard).activeClassesSoft(b.activeSoft).threads(1);
            if (b.classWeights != null) {
                double[] w = new double[b.classWeights.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = b.classWeights[i];
                }
                cb.classWeights(w);
            }
            return cb.build();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Jaccard metric loss: α = β = 1, norm 1. */
    public static Builder jaccard() {
        return new Builder("JaccardMetricLoss", 1, 1, 1, false);
    }

    /** Dice semimetric loss: α = β = ½, norm 1. */
    public static Builder dice() {
        return new Builder("DiceSemimetricLoss", 0.5, 0.5, 1, false);
    }

    /** Tversky loss with weights α (false positives) and β (false negatives). */
    public static Builder tversky(double alpha, double beta) {
        return new Builder("TverskyLoss", alpha, beta, 1, false);
    }

    /** Textbook soft Jaccard loss 1 − ⟨x,y⟩/(Σx + Σy − ⟨x,y⟩). */
    public static Builder softJaccard() {
        return new Builder("SoftJaccardLoss", 1, 1, 1, true);
    }

    /** Textbook soft Dice loss. */
    public static Builder softDice() {
        return new Builder("SoftDiceLoss", 0.5, 0.5, 1, true);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(0);
        boolean hard = labels.get(0).getShape().dimension() == logits.getShape().dimension() - 1;
        if (hard && (product || norm == 1) && logits.getShape().get(1) > 1 && core != null) {
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
        NDArray weights = classWeights == null ? null : manager.create(classWeights);
        if (weights != null && weights.size() != c) {
            throw new IllegalArgumentException("classWeights has " + weights.size() + " entries but the predictions have "
                    + c + " classes");
        }
        ActiveClasses mode = hard ? activeHard : activeSoft;
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
        NDArray num = tp.add((float) smooth);
        NDArray den = tp.add(fp.mul(scalar(fp, (float) alpha))).add(fn.mul(scalar(fn, (float) beta)))
                .add((float) smooth);
        NDArray zero = den.eq(0f);
        NDArray safeDen = den.add(zero.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        NDArray t = num.div(safeDen);
        t = t.mul(zero.logicalNot().toType(ai.djl.ndarray.types.DataType.FLOAT32, false))
                .add(zero.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        NDArray base = logLoss ? t.log().neg() : t.neg().add(1f);
        if (gamma > 1) {
            base = base.maximum(scalar(base, 0)).pow(scalar(base, (float) gamma));
        }
        return base;
    }

    /** Builds {@link OverlapLoss} with the options of core's {@link io.jaccard4j.loss.TverskyLoss}. */
    public static final class Builder {
        private final String name;
        private double alpha;
        private double beta;
        private double gamma = 1;
        private double smooth = 1e-3;
        private double threshold = 0.01;
        private int norm;
        private boolean product;
        private boolean logLoss;
        private Reduction reduction = Reduction.dataset();
        private float[] classWeights;
        private ActiveClasses activeHard = ActiveClasses.PRESENT;
        private ActiveClasses activeSoft = ActiveClasses.ALL;
        private Activation activation = Activation.SOFTMAX;
        private int ignoreIndex = Targets.NO_IGNORE;

        private Builder(String name, double alpha, double beta, int norm, boolean product) {
            this.name = name;
            this.alpha = alpha;
            this.beta = beta;
            this.norm = norm;
            this.product = product;
        }

        public Builder alpha(double v) {
            this.alpha = v;
            return this;
        }

        public Builder beta(double v) {
            this.beta = v;
            return this;
        }

        /** Focal exponent γ ≥ 1. */
        public Builder gamma(double v) {
            if (!(v >= 1)) {
                throw new IllegalArgumentException("gamma is " + v + "; expected a value >= 1");
            }
            this.gamma = v;
            return this;
        }

        public Builder smooth(double v) {
            this.smooth = v;
            return this;
        }

        public Builder threshold(double v) {
            this.threshold = v;
            return this;
        }

        /** Cardinalities as p-norms (p ≥ 1). */
        public Builder norm(int p) {
            if (p < 1) {
                throw new IllegalArgumentException("norm is " + p + "; expected an integer >= 1");
            }
            this.norm = p;
            this.product = false;
            return this;
        }

        public Builder logLoss(boolean v) {
            this.logLoss = v;
            return this;
        }

        public Builder reduction(Reduction r) {
            this.reduction = r;
            return this;
        }

        public Builder classWeights(double... w) {
            this.classWeights = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                this.classWeights[i] = (float) w[i];
            }
            return this;
        }

        public Builder activeClasses(ActiveClasses mode) {
            this.activeHard = mode;
            this.activeSoft = mode;
            return this;
        }

        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        /** Hard label whose pixels are dropped ({@link Targets#NO_IGNORE} for none). */
        public Builder ignoreIndex(int index) {
            this.ignoreIndex = index;
            return this;
        }

        public OverlapLoss build() {
            return new OverlapLoss(this);
        }
    }
}
