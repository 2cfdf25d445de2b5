package io.jaccard4j.loss;

import java.util.Arrays;

/**
 * One prediction/target pair checked for consistent shapes, with the per-pixel activation (forward and backward)
 * and the gradient buffer that losses share. Package-private working state of a single {@code compute} call.
 */
final class LossInput {
    final Predictions pred;
    final Targets tgt;
    final int n;
    final int c;
    final int p;
    final boolean hard;
    private final int[] labels;
    private final boolean[] mask;
    private final int ignore;
    /** Probabilities x in the predictions' layout; filled by {@link #activate}. */
    final double[] prob;
    private final float[] gradF;
    private final double[] gradD;

    LossInput(Predictions pred, Targets tgt, boolean needProbabilities) {
        if (pred == null) {
            throw new IllegalArgumentException("predictions must not be null");
        }
        if (tgt == null) {
            throw new IllegalArgumentException("targets must not be null");
        }
        this.pred = pred;
        this.tgt = tgt;
        this.n = pred.batchSize();
        this.c = pred.numClasses();
        this.p = pred.spatialSize();
        this.hard = tgt.isHard();
        this.labels = tgt.labels();
        this.mask = tgt.keepMask();
        this.ignore = tgt.ignoreIndex();
        int[] ps = pred.shapeView();
        int[] ts = tgt.shapeView();
        boolean ok;
        if (hard) {
            ok = ts.length == ps.length - 1 && ts[0] == ps[0];
            for (int k = 2; ok && k < ps.length; k++) {
                ok = ts[k - 1] == ps[k];
            }
        } else {
            ok = Arrays.equals(ps, ts);
        }
        if (!ok) {
            throw new IllegalArgumentException("targets shape " + Arrays.toString(ts) + " does not match predictions shape "
                    + Arrays.toString(ps) + "; expected " + (hard ? "hard labels of shape N x spatial (predictions without C)"
                    : "soft labels of the same shape N x C x spatial"));
        }
        this.prob = needProbabilities ? new double[pred.size()] : null;
        if (pred.isDouble()) {
            gradF = null;
            gradD = new double[pred.size()];
        } else {
            gradF = new float[pred.size()];
            gradD = null;
        }
    }

    /** Whether pixel (b, i) counts: not masked out and, for hard labels, not the ignore index. */
    boolean keep(int b, int i) {
        int px = b * p + i;
        if (mask != null && !mask[px]) {
            return false;
        }
        return !hard || labels[px] != ignore;
    }

    /** The validated label of a kept pixel (hard targets only). */
    int label(int b, int i) {
        int px = b * p + i;
        int l = labels[px];
        if (c == 1 ? (l != 0 && l != 1) : (l < 0 || l >= c)) {
            throw new IllegalArgumentException("label " + l + " at pixel " + px + " is out of range; expected "
                    + (c == 1 ? "0 or 1 for a single binary channel" : "0.." + (c - 1))
                    + (ignore == Targets.NO_IGNORE ? " (no ignore index set)" : " or the ignore index " + ignore));
        }
        return l;
    }

    /** Target y of class k at pixel (b, i); {@code label} is the value of {@link #label} for hard targets. */
    double target(int b, int k, int i, int label) {
        if (hard) {
            return c == 1 ? label : (label == k ? 1.0 : 0.0);
        }
        return tgt.soft((b * c + k) * p + i);
    }

    int index(int b, int k, int i) {
        return (b * c + k) * p + i;
    }

    /** Computes the probabilities of pixel (b, i) into {@link #prob}, validating the inputs. */
    void activate(int b, int i) {
        int base = b * c * p + i;
        switch (pred.activation()) {
            case SOFTMAX: {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    double z = pred.get(base + k * p);
                    checkLogit(z, base + k * p);
                    if (z > max) {
                        max = z;
                    }
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    double e = Math.exp(pred.get(base + k * p) - max);
                    prob[base + k * p] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int k = 0; k < c; k++) {
                    prob[base + k * p] *= inv;
                }
                break;
            }
            case SIGMOID:
                for (int k = 0; k < c; k++) {
                    double z = pred.get(base + k * p);
                    checkLogit(z, base + k * p);
                    prob[base + k * p] = sigmoid(z);
                }
                break;
            default:
                for (int k = 0; k < c; k++) {
                    double x = pred.get(base + k * p);
                    if (!(x >= 0.0 && x <= 1.0)) {
                        throw new IllegalArgumentException("probability at flat index " + (base + k * p) + " is " + x
                                + "; expected a value in [0, 1]");
                    }
                    prob[base + k * p] = x;
                }
        }
    }

    static void checkLogit(double z, int index) {
        if (!Double.isFinite(z)) {
            throw new IllegalArgumentException("logit at flat index " + index + " is " + z + "; expected a finite value");
        }
    }

    /**
     * After a parallel kernel's tile saw a non-finite logit in the N×C×P array {@code z}: rescans in pixel order
     * and throws {@link #checkLogit}'s message for the first one, so the error does not depend on which tile ran
     * first.
     */
    static void throwFirstNonFiniteLogit(float[] z, int n, int c, int p) {
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                for (int k = 0; k < c; k++) {
                    int at = (b * c + k) * p + i;
                    checkLogit(z[at], at);
                }
            }
        }
        throw new IllegalStateException("a tile reported a non-finite logit that a rescan did not find");
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /**
     * Back-propagates dL/dx of pixel (b, i), given per class in {@code gx}, through the activation and stores
     * dL/d(input) for that pixel.
     */
    void backward(int b, int i, double[] gx) {
        int base = b * c * p + i;
        switch (pred.activation()) {
            case SOFTMAX: {
                double dot = 0;
                for (int k = 0; k < c; k++) {
                    dot += prob[base + k * p] * gx[k];
                }
                for (int k = 0; k < c; k++) {
                    double x = prob[base + k * p];
                    store(base + k * p, x * (gx[k] - dot));
                }
                break;
            }
            case SIGMOID:
                for (int k = 0; k < c; k++) {
                    double x = prob[base + k * p];
                    store(base + k * p, gx[k] * x * (1.0 - x));
                }
                break;
            default:
                for (int k = 0; k < c; k++) {
                    store(base + k * p, gx[k]);
                }
        }
    }

    void store(int index, double g) {
        if (gradF != null) {
            gradF[index] = (float) g;
        } else {
            gradD[index] = g;
        }
    }

    /** The float32 gradient buffer (float predictions), else null. */
    float[] floatGradient() {
        return gradF;
    }

    LossResult result(double value) {
        return new LossResult(value, gradF, gradD);
    }
}
