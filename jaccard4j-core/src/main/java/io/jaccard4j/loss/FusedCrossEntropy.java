package io.jaccard4j.loss;

import io.jaccard4j.concurrent.ChunkedWork;

/**
 * The float32 fast path of {@link CrossEntropyLoss} for softmax logits with hard or float soft labels: the same
 * formulas as the general double-precision path, tile by tile (512-pixel tiles, as {@link FusedOverlapKernel}) on several
 * threads. The softmax of a tile goes into the gradient buffer together with each pixel's largest logit m and
 * Σe<sup>z − m</sup>, so log-probabilities are z − m − log Σe<sup>z − m</sup> (finite for logits of any finite
 * size); the gradient (Σ<sub>k</sub>w<sub>k</sub>y<sub>k</sub>)x − w⊙y, over the normaliser, replaces the
 * probabilities in place. Per-tile value sums are added in tile order: the same bits for every thread count.
 */
final class FusedCrossEntropy {
    private final LossInput in;
    private final double[] weights;
    private final int threads;
    private final OverlapTiles ops;

    FusedCrossEntropy(LossInput in, double[] weights, int threads, OverlapTiles ops) {
        this.in = in;
        this.weights = weights;
        this.threads = threads;
        this.ops = ops;
    }

    /** Whether the fast path computes this loss: float logits through softmax, hard or float soft labels. */
    static boolean applies(Predictions pred, Targets tgt) {
        return !pred.isDouble() && pred.activation() == Activation.SOFTMAX
                && (tgt.isHard() || tgt.softFloatData() != null);
    }

    private double w(int k) {
        return weights == null ? 1.0 : weights[k];
    }

    LossResult compute() {
        final int n = in.n, c = in.c, p = in.p;
        final int[] labels = in.tgt.labels();
        final boolean[] mask = in.tgt.keepMask();
        final int ignore = in.tgt.ignoreIndex();
        final float[] soft = in.tgt.isHard() ? null : in.tgt.softFloatData();
        final float[] z = in.pred.floatData();
        final float[] out = in.floatGradient();
        // the normaliser from the labels alone (validating them), as the general path
        double norm = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                if (in.keep(b, i)) {
                    norm += in.hard ? w(in.label(b, i)) : 1;
                }
            }
        }
        if (norm == 0) {
            return in.result(0.0);
        }
        final double inv = 1.0 / norm;
        final float[] cw = new float[c];
        for (int k = 0; k < c; k++) {
            cw[k] = (float) w(k);
        }
        final int tile = FusedOverlapKernel.TILE;
        final int tilesPerImage = (p + tile - 1) / tile;
        final int tiles = n * tilesPerImage;
        final double[] part = new double[tiles];
        final boolean[] bad = new boolean[1];
        ChunkedWork.forEach(tiles, threads, t -> {
            int b = t / tilesPerImage;
            int i0 = (t % tilesPerImage) * tile;
            int len = Math.min(tile, p - i0);
            int base = b * c * p + i0;
            float[] max = new float[len];
            float[] sum = new float[len];
            if (!ops.softmax(z, out, base, p, c, len, max, sum)) {
                bad[0] = true;
                return;
            }
            double value = 0;
            float[] coef = new float[len];
            int px = b * p + i0;
            if (soft == null) {
                for (int j = 0; j < len; j++, px++) {
                    if ((mask == null || mask[px]) && labels[px] != ignore) {
                        int l = labels[px];
                        double lse = max[j] + Math.log(sum[j]);
                        value += w(l) * (lse - z[base + l * p + j]);
                        coef[j] = (float) (w(l) * inv);
                    }
                }
                for (int k = 0; k < c; k++) {
                    int at = base + k * p;
                    int lb = b * p + i0;
                    for (int j = 0; j < len; j++) {
                        float y = labels[lb + j] == k ? 1f : 0f;
                        out[at + j] = coef[j] * (out[at + j] - y);
                    }
                }
            } else {
                float[] sumWy = new float[len];
                for (int j = 0; j < len; j++, px++) {
                    if (mask == null || mask[px]) {
                        double lse = max[j] + Math.log(sum[j]);
                        double swy = 0;
                        double term = 0;
                        for (int k = 0; k < c; k++) {
                            int at = base + k * p + j;
                            double wy = w(k) * soft[at];
                            swy += wy;
                            term += wy * (lse - z[at]);
                        }
                        value += term;
                        sumWy[j] = (float) (swy * inv);
                        coef[j] = (float) inv;
                    }
                }
                for (int k = 0; k < c; k++) {
                    int at = base + k * p;
                    float wk = cw[k];
                    for (int j = 0; j < len; j++) {
                        out[at + j] = sumWy[j] * out[at + j] - coef[j] * wk * soft[at + j];
                    }
                }
            }
            part[t] = value;
        });
        if (bad[0]) {
            LossInput.throwFirstNonFiniteLogit(z, n, c, p);
        }
        double total = 0;
        for (double v : part) {
            total += v;
        }
        return in.result(total * inv);
    }
}
