package io.jaccard4j.loss;

import io.jaccard4j.concurrent.ChunkedWork;

/**
 * The float32 fast path of the overlap losses ({@link TverskyLoss} with softmax logits and the L1 or inner-product
 * cardinality): the same formulas as the general double-precision path, computed tile by tile (512 pixels of one
 * image, all classes) by {@link OverlapTiles}, on several threads.
 *
 * <p>Forward: softmax probabilities are written into the gradient buffer, and per tile the class sums |x|, |y|,
 * Δ = Σ|x − y| (or ⟨x, y⟩) are accumulated in float vectors, then added to double per tile. For hard labels
 * |y| and ⟨x, y⟩ come from one gather per pixel (the probability of its label), and Δ = |x| + |y| − 2⟨x, y⟩,
 * which is Σ|x − y| exactly for y ∈ {0, 1}. Backward: the gradient buffer's probabilities are replaced by the
 * gradient in place, so the whole loss reads the logits once and the buffer twice.
 *
 * <p>Determinism: tiles are fixed by the shape, each tile's sums go to its own slot, and the slots are added in tile
 * order, so the value and gradient are the same bits for every thread count.
 */
final class FusedOverlapKernel {
    static final int TILE = 512;

    private final Predictions pred;
    private final Targets tgt;
    private final LossInput in;
    private final boolean product;
    private final int threads;
    private final OverlapTiles ops;
    private final float[] z;
    private final float[] soft;
    private final int[] labels;
    private final boolean[] mask;
    private final int ignore;
    private final int n;
    private final int c;
    private final int p;
    private final int tilesPerImage;
    /** The gradient buffer: probabilities after {@link #forward}, the gradient after {@link #backward}. */
    final float[] out;

    /** Whether the fast path computes this loss: float logits through softmax, hard or float soft labels. */
    static boolean applies(Predictions pred, Targets tgt, Cardinality cardinality) {
        return !pred.isDouble() && pred.activation() == Activation.SOFTMAX
                && (cardinality.isProduct() || cardinality.exponent() == 1)
                && (tgt.isHard() || tgt.softFloatData() != null);
    }

    FusedOverlapKernel(LossInput in, boolean product, int threads, OverlapTiles ops) {
        this.in = in;
        this.ops = ops;
        this.pred = in.pred;
        this.tgt = in.tgt;
        this.product = product;
        this.threads = threads;
        this.z = pred.floatData();
        this.soft = tgt.isHard() ? null : tgt.softFloatData();
        this.labels = tgt.labels();
        this.mask = tgt.keepMask();
        this.ignore = tgt.ignoreIndex();
        this.n = in.n;
        this.c = in.c;
        this.p = in.p;
        this.tilesPerImage = (p + TILE - 1) / TILE;
        this.out = in.floatGradient();
    }

    /**
     * Computes the probabilities into {@link #out} and the per-image, per-class sums into the n × c arrays.
     *
     * @throws IllegalArgumentException for a non-finite logit or a label out of range, as the general path does
     */
    void forward(double[] sx, double[] sy, double[] sz, double[] maxY) {
        if (labels != null) {
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < p; i++) {
                    if (in.keep(b, i)) {
                        in.label(b, i);
                    }
                }
            }
        }
        int tiles = n * tilesPerImage;
        double[][] part = new double[tiles][];
        boolean[] bad = new boolean[1];
        ChunkedWork.forEach(tiles, threads, t -> {
            int b = t / tilesPerImage;
            int i0 = (t % tilesPerImage) * TILE;
            int len = Math.min(TILE, p - i0);
            int base = b * c * p + i0;
            if (!ops.softmax(z, out, base, p, c, len, null, null)) {
                bad[0] = true;
                return;
            }
            float[] keep = keep(b, i0, len);
            double[] s = new double[4 * c];
            if (soft == null) {
                ops.sumX(out, base, p, c, len, keep, s);
                int lbase = b * p + i0;
                for (int j = 0; j < len; j++) {
                    if (keep[j] != 0) {
                        int l = labels[lbase + j];
                        s[c + l] += 1;
                        s[2 * c + l] += out[base + l * p + j];
                    }
                }
            } else {
                double[] sxt = new double[c];
                double[] syt = new double[c];
                double[] szt = new double[c];
                double[] myt = new double[c];
                ops.sumSoft(out, soft, base, p, c, len, keep, product, sxt, syt, szt, myt);
                System.arraycopy(sxt, 0, s, 0, c);
                System.arraycopy(syt, 0, s, c, c);
                System.arraycopy(szt, 0, s, 2 * c, c);
                System.arraycopy(myt, 0, s, 3 * c, c);
            }
            part[t] = s;
        });
        if (bad[0]) {
            LossInput.throwFirstNonFiniteLogit(z, n, c, p);
        }
        for (int t = 0; t < tiles; t++) {
            int b = t / tilesPerImage;
            double[] s = part[t];
            for (int k = 0; k < c; k++) {
                int at = b * c + k;
                sx[at] += s[k];
                sy[at] += s[c + k];
                sz[at] += s[2 * c + k];
                maxY[at] = Math.max(maxY[at], s[3 * c + k]);
            }
        }
        if (soft == null) {
            for (int at = 0; at < n * c; at++) {
                double tp = sz[at];
                maxY[at] = sy[at] > 0 ? 1 : 0;
                if (!product) {
                    sz[at] = Math.max(0, sx[at] + sy[at] - 2 * tp);
                }
            }
        }
    }

    /** Replaces the probabilities in {@link #out} by the gradient, given dL/d|x| and dL/dΔ per image and class. */
    void backward(double[] ax, double[] az) {
        float[][] fax = new float[n][c];
        float[][] faz = new float[n][c];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < c; k++) {
                fax[b][k] = (float) ax[b * c + k];
                faz[b][k] = (float) az[b * c + k];
            }
        }
        ChunkedWork.forEach(n * tilesPerImage, threads, t -> {
            int b = t / tilesPerImage;
            int i0 = (t % tilesPerImage) * TILE;
            int len = Math.min(TILE, p - i0);
            ops.backward(out, b * c * p + i0, p, c, len, keep(b, i0, len), labels, b * p + i0, soft, fax[b], faz[b],
                    product);
        });
    }

    /** 1 for the tile's pixels that count, 0 for masked or ignored ones. */
    private float[] keep(int b, int i0, int len) {
        float[] keep = new float[len];
        int px = b * p + i0;
        for (int j = 0; j < len; j++, px++) {
            boolean k = (mask == null || mask[px]) && (labels == null || labels[px] != ignore);
            keep[j] = k ? 1f : 0f;
        }
        return keep;
    }
}
