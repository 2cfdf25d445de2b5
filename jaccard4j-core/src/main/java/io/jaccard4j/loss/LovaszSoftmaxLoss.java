package io.jaccard4j.loss;

/**
 * Lovász-Softmax loss (Berman, Rannen Triki, Blaschko, CVPR 2018): the convex Lovász extension of the Jaccard loss
 * applied to the per-pixel errors e<sub>i</sub> = |[label<sub>i</sub> = c] &minus; x<sub>c,i</sub>| of each class c:
 * <pre>
 *   &ell;<sub>c</sub> = &Sigma;<sub>k</sub> e<sub>&pi;(k)</sub> &middot; w<sub>k</sub>   (&pi; sorts errors in decreasing order, w from the sorted ground truth)
 * </pre>
 * averaged over classes (PRESENT: classes occurring in the group, the default; ALL: every class). Per batch, the
 * group is all kept pixels of the batch; per image, the mean over all N images of each image's loss (an image
 * with no kept pixel or no present class contributes 0, as in the authors' code). Ignored pixels are removed.
 *
 * <p>Hard labels only: soft labels are rejected with an {@link IllegalArgumentException} (use
 * {@link TverskyLoss#jaccard()}). Predictions: softmax logits or probabilities, C &ge; 2. The gradient is the
 * Lovász-extension subgradient taken with the sort order fixed (what autograd returns); ties in the errors are
 * ordered by pixel index. Cost: one pass for the activation, then per class a sort of the group's errors
 * (O(P log P)), then one pass for the gradient. Finite for logits &plusmn;1e4, absent classes and all-ignored input
 * (value 0, zero gradient).
 */
public final class LovaszSoftmaxLoss implements TrainingLoss {
    private final boolean perImage;
    private final ActiveClasses classes;

    private LovaszSoftmaxLoss(boolean perImage, ActiveClasses classes) {
        this.perImage = perImage;
        this.classes = classes;
    }

    /** Per-image (mean over images) or per-batch loss, over the classes PRESENT in the group or ALL classes. */
    public static LovaszSoftmaxLoss of(boolean perImage, ActiveClasses classes) {
        if (classes == null) {
            throw new IllegalArgumentException("classes must not be null; expected PRESENT or ALL");
        }
        return new LovaszSoftmaxLoss(perImage, classes);
    }

    @Override
    public String describe() {
        return "lovasz-softmax(perImage=" + perImage + ", classes=" + classes + ")";
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        if (targets != null && !targets.isHard()) {
            throw LovaszExtension.softLabelsRejected("Lovász-Softmax");
        }
        if (predictions != null && predictions.activation() == Activation.SIGMOID) {
            throw new IllegalArgumentException("Lovász-Softmax needs softmax logits or probabilities (C >= 2), got "
                    + "sigmoid logits; use LovaszHingeLoss for a single binary channel");
        }
        LossInput in = new LossInput(predictions, targets, true);
        final int n = in.n, c = in.c, p = in.p;
        if (c < 2) {
            throw new IllegalArgumentException("Lovász-Softmax needs C >= 2 classes, got C = " + c
                    + "; use LovaszHingeLoss for a single binary channel");
        }
        int groups = perImage ? n : 1;
        int groupSize = perImage ? p : n * p;
        int[] pixels = new int[groupSize];
        int[] labels = new int[groupSize];
        int[] order = new int[groupSize];
        int[] scratch = new int[groupSize];
        double[] err = new double[groupSize];
        boolean[] gt = new boolean[groupSize];
        double[] w = new double[groupSize];
        double[] gx = new double[n * c * p];
        double total = 0;
        for (int group = 0; group < groups; group++) {
            int m = 0;
            int[] count = new int[c];
            int from = perImage ? group : 0;
            int to = perImage ? group + 1 : n;
            for (int b = from; b < to; b++) {
                for (int i = 0; i < p; i++) {
                    in.activate(b, i);
                    if (in.keep(b, i)) {
                        int l = in.label(b, i);
                        pixels[m] = b * p + i;
                        labels[m] = l;
                        count[l]++;
                        m++;
                    }
                }
            }
            int counted = 0;
            for (int k = 0; k < c; k++) {
                if (classes == ActiveClasses.ALL || count[k] > 0) {
                    counted++;
                }
            }
            if (m == 0 || counted == 0) {
                continue;
            }
            double coef = 1.0 / ((double) groups * counted);
            for (int k = 0; k < c; k++) {
                if (classes == ActiveClasses.PRESENT && count[k] == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    int px = pixels[j];
                    double x = in.prob[in.index(px / p, k, px % p)];
                    err[j] = Math.abs((labels[j] == k ? 1.0 : 0.0) - x);
                    order[j] = j;
                }
                LovaszExtension.sortDescending(order, m, err, scratch);
                for (int r = 0; r < m; r++) {
                    gt[r] = labels[order[r]] == k;
                }
                LovaszExtension.weights(gt, m, w);
                double loss = 0;
                for (int r = 0; r < m; r++) {
                    int j = order[r];
                    loss += err[j] * w[r];
                    int px = pixels[j];
                    int idx = in.index(px / p, k, px % p);
                    gx[idx] = coef * w[r] * Math.signum(in.prob[idx] - (labels[j] == k ? 1.0 : 0.0));
                }
                total += coef * loss;
            }
        }
        double[] g = new double[c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                if (!in.keep(b, i)) {
                    continue;
                }
                for (int k = 0; k < c; k++) {
                    g[k] = gx[in.index(b, k, i)];
                }
                in.backward(b, i, g);
            }
        }
        return in.result(total);
    }
}
