package io.jaccard4j.segmentation;

/**
 * Pixel accuracy and mean class accuracy of class-index masks, from {@link ImageClassCounts} (ignored pixels count
 * nowhere):
 * <ul>
 *   <li>pixel accuracy = Σ_c tp_c / Σ_c (tp_c + fn_c), the fraction of kept pixels predicted right
 *       (scikit-learn's {@code accuracy_score} over the pixels); per image the same over its pixels;</li>
 *   <li>class accuracy_c = tp_c / (tp_c + fn_c) (recall), NaN for a class absent from the truth; mean class
 *       accuracy (mAcc) = the mean over classes present in the truth (scikit-learn's
 *       {@code balanced_accuracy_score} over the pixels).</li>
 * </ul>
 */
public final class PixelAccuracy {
    private PixelAccuracy() {
    }

    /** Pixel accuracy over all images; NaN when no pixel is kept. */
    public static double pixelAccuracy(ImageClassCounts counts) {
        long hit = 0;
        long all = 0;
        for (int i = 0; i < counts.images(); i++) {
            for (int c = 0; c < counts.numClasses(); c++) {
                hit += counts.tp(i, c);
            }
            all += counts.kept(i);
        }
        return all == 0 ? Double.NaN : (double) hit / all;
    }

    /** Pixel accuracy of each image; NaN for an image whose pixels are all ignored. */
    public static double[] perImage(ImageClassCounts counts) {
        double[] out = new double[counts.images()];
        for (int i = 0; i < out.length; i++) {
            long hit = 0;
            for (int c = 0; c < counts.numClasses(); c++) {
                hit += counts.tp(i, c);
            }
            out[i] = counts.kept(i) == 0 ? Double.NaN : (double) hit / counts.kept(i);
        }
        return out;
    }

    /** tp_c / (tp_c + fn_c) over all images, per class; NaN for a class absent from the truth. */
    public static double[] classAccuracy(ImageClassCounts counts) {
        double[] out = new double[counts.numClasses()];
        for (int c = 0; c < out.length; c++) {
            long tp = 0;
            long t = 0;
            for (int i = 0; i < counts.images(); i++) {
                tp += counts.tp(i, c);
                t += counts.tp(i, c) + counts.fn(i, c);
            }
            out[c] = t == 0 ? Double.NaN : (double) tp / t;
        }
        return out;
    }

    /** The mean of {@link #classAccuracy} over the classes present in the truth; NaN when none is. */
    public static double meanClassAccuracy(ImageClassCounts counts) {
        double s = 0;
        int n = 0;
        for (double v : classAccuracy(counts)) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
