package io.jaccard4j.loss;

/**
 * Lovász hinge loss (Berman et al., CVPR 2018) for binary segmentation from one channel of logits z and 0/1 labels:
 * with signs s<sub>i</sub> = 2y<sub>i</sub> &minus; 1 and hinge errors e<sub>i</sub> = 1 &minus; z<sub>i</sub>s<sub>i</sub>,
 * <pre>
 *   L = &Sigma;<sub>k</sub> max(e<sub>&pi;(k)</sub>, 0) &middot; w<sub>k</sub>   (&pi; sorts errors in decreasing order)
 * </pre>
 * with w the Lovász-extension weights of the sorted ground truth. Per batch over all kept pixels, or per image as
 * the mean over all N images (an image with no kept pixel contributes 0). Ignored pixels are removed.
 *
 * <p>Hard labels only (0 or 1): soft labels are rejected with an {@link IllegalArgumentException}. Predictions must
 * be logits with C = 1 (shape N&times;1&times;&hellip;). The gradient is with respect to the logits, the sort order
 * held fixed. Finite for logits &plusmn;1e4 and all-ignored input (value 0, zero gradient).
 */
public final class LovaszHingeLoss implements TrainingLoss {
    private final boolean perImage;

    private LovaszHingeLoss(boolean perImage) {
        this.perImage = perImage;
    }

    /** Per-image (mean over images) or per-batch loss. */
    public static LovaszHingeLoss of(boolean perImage) {
        return new LovaszHingeLoss(perImage);
    }

    @Override
    public String describe() {
        return "lovasz-hinge(perImage=" + perImage + ")";
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        if (targets != null && !targets.isHard()) {
            throw LovaszExtension.softLabelsRejected("Lovász hinge");
        }
        if (predictions != null && (!predictions.isLogits() || predictions.numClasses() != 1)) {
            throw new IllegalArgumentException("Lovász hinge needs one channel of logits (shape N x 1 x ...), got "
                    + (predictions.isLogits() ? "C = " + predictions.numClasses() : "probabilities"));
        }
        LossInput in = new LossInput(predictions, targets, false);
        final int n = in.n, p = in.p;
        int groups = perImage ? n : 1;
        int groupSize = perImage ? p : n * p;
        int[] pixels = new int[groupSize];
        int[] order = new int[groupSize];
        int[] scratch = new int[groupSize];
        double[] err = new double[groupSize];
        boolean[] gt = new boolean[groupSize];
        double[] w = new double[groupSize];
        double total = 0;
        for (int group = 0; group < groups; group++) {
            int m = 0;
            int from = perImage ? group : 0;
            int to = perImage ? group + 1 : n;
            for (int b = from; b < to; b++) {
                for (int i = 0; i < p; i++) {
                    double z = predictions.get(b * p + i);
                    LossInput.checkLogit(z, b * p + i);
                    if (in.keep(b, i)) {
                        int l = in.label(b, i);
                        pixels[m] = b * p + i;
                        err[m] = 1.0 - z * (2 * l - 1);
                        gt[m] = l == 1;
                        order[m] = m;
                        m++;
                    }
                }
            }
            if (m == 0) {
                continue;
            }
            LovaszExtension.sortDescending(order, m, err, scratch);
            boolean[] gtSorted = new boolean[m];
            for (int r = 0; r < m; r++) {
                gtSorted[r] = gt[order[r]];
            }
            LovaszExtension.weights(gtSorted, m, w);
            double coef = 1.0 / groups;
            double loss = 0;
            for (int r = 0; r < m; r++) {
                int j = order[r];
                if (err[j] > 0) {
                    loss += err[j] * w[r];
                    in.store(pixels[j], -coef * w[r] * (gt[j] ? 1.0 : -1.0));
                }
            }
            total += coef * loss;
        }
        return in.result(total);
    }
}
