package io.jaccard4j.segmentation;

import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ZeroDivision;

import java.util.Arrays;

/**
 * Intersection over union of segmentation masks (class-index maps), accumulated image by image, in the two
 * ways the field reports it:
 *
 * <ul>
 *   <li><b>dataset IoU</b> (torchmetrics' {@code JaccardIndex}): one C×C confusion matrix over all pixels of
 *       all images; per class IoU_c = tp/(tp+fp+fn); the macro mean skips classes that occur in neither truth
 *       nor prediction and the ignore index; micro = Σtp / Σ(tp+fp+fn); weighted by true pixel count;</li>
 *   <li><b>per-image mean IoU</b> (torchmetrics' {@code MeanIoU} metric): IoU_c computed image by image, only
 *       for the classes present in that image's truth or prediction (union &gt; 0), and averaged over all such
 *       (image, class) pairs; per class, the mean of IoU_c over the images where c is present. Also the mean
 *       over images of each image's own class mean (torchmetrics' functional {@code mean_iou} per image,
 *       averaged), which weighs every image equally. Images with no present class (every pixel ignored) count
 *       in neither.</li>
 * </ul>
 * torchmetrics 1.9's {@code MeanIoU(num_classes=C, include_background=b, per_class=p)} is
 * {@link #meanIoU(boolean)} and {@link #meanIoUPerClass(boolean)}: Σ IoU over the (image, class) pairs with a
 * non-empty union divided by their number, class 0 left out when {@code b} is false (for C &gt; 1); per class the
 * same mean over the images where the class is present, and −1 for a class present in no image.
 * Pixels whose true index equals the ignore index (255 by PASCAL VOC's convention) count nowhere. A
 * prediction outside 0..C−1 is an error, as is a true index outside 0..C−1 other than the ignore index.
 *
 * <p>A mutable accumulator: {@code update} adds one image, {@link #merge} adds another accumulator (threads,
 * Spark), the getters compute scores at any time.
 */
public final class SegmentationIoU implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int numClasses;
    private final int ignoreIndex;
    private MulticlassConfusion dataset;
    private double imageScoreSum;
    private double pairScoreSum;
    private long pairs;
    private long images;
    private long scoredImages;
    private final double[] classScoreSum;
    private final long[] classImages;

    private SegmentationIoU(int numClasses, int ignoreIndex) {
        this.numClasses = numClasses;
        this.ignoreIndex = ignoreIndex;
        this.dataset = ignoreIndex == MulticlassConfusion.NO_IGNORE ? MulticlassConfusion.of(numClasses)
                : MulticlassConfusion.withIgnoreIndex(numClasses, ignoreIndex);
        this.classScoreSum = new double[numClasses];
        this.classImages = new long[numClasses];
    }

    /** An accumulator for {@code numClasses} classes without an ignore index. */
    public static SegmentationIoU of(int numClasses) {
        return new SegmentationIoU(numClasses, MulticlassConfusion.NO_IGNORE);
    }

    /** An accumulator whose true pixels equal to {@code ignoreIndex} are skipped. */
    public static SegmentationIoU withIgnoreIndex(int numClasses, int ignoreIndex) {
        return new SegmentationIoU(numClasses, ignoreIndex);
    }

    public int numClasses() {
        return numClasses;
    }

    /** The ignore index, or {@link MulticlassConfusion#NO_IGNORE}. */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** Adds one image given as class indices (any shape, flattened). */
    public SegmentationIoU update(int[] truth, int[] prediction) {
        checkPixels(truth.length, prediction.length);
        return addImage(newImageState().update(truth, prediction));
    }

    /** Adds one image given as unsigned 8-bit class indices (PNG masks). */
    public SegmentationIoU update(byte[] truth, byte[] prediction) {
        checkPixels(truth.length, prediction.length);
        return addImage(newImageState().update(truth, prediction));
    }

    private static void checkPixels(int truth, int prediction) {
        if (truth != prediction) {
            throw new IllegalArgumentException("truth mask has " + truth + " pixels but prediction has " + prediction);
        }
    }

    private MulticlassConfusion newImageState() {
        return ignoreIndex == MulticlassConfusion.NO_IGNORE ? MulticlassConfusion.of(numClasses)
                : MulticlassConfusion.withIgnoreIndex(numClasses, ignoreIndex);
    }

    /** Adds one image already reduced to its confusion matrix. */
    public SegmentationIoU addImage(MulticlassConfusion image) {
        if (image.numClasses() != numClasses || image.ignoreIndex() != ignoreIndex || image.isWeighted()) {
            throw new IllegalArgumentException("image state does not match this accumulator's classes / ignore index");
        }
        dataset.merge(image);
        LabelCounts c = image.labelCounts();
        double sum = 0;
        int valid = 0;
        for (int k = 0; k < numClasses; k++) {
            double u = c.predicted(k) + c.support(k) - c.tp(k);
            if (u > 0) {
                double iou = c.tp(k) / u;
                sum += iou;
                valid++;
                classScoreSum[k] += iou;
                classImages[k]++;
            }
        }
        images++;
        pairScoreSum += sum;
        pairs += valid;
        if (valid > 0) {
            imageScoreSum += sum / valid;
            scoredImages++;
        }
        return this;
    }

    /**
     * A copy with {@code numClasses} classes (at least the current number), for streams whose class range is
     * discovered on the way; new classes start with no pixels and no images.
     */
    public SegmentationIoU resized(int numClasses) {
        if (numClasses < this.numClasses) {
            throw new IllegalArgumentException("cannot shrink a " + this.numClasses + "-class accumulator to "
                    + numClasses);
        }
        SegmentationIoU r = new SegmentationIoU(numClasses, ignoreIndex);
        r.dataset = dataset.resized(numClasses);
        r.imageScoreSum = imageScoreSum;
        r.pairScoreSum = pairScoreSum;
        r.pairs = pairs;
        r.images = images;
        r.scoredImages = scoredImages;
        System.arraycopy(classScoreSum, 0, r.classScoreSum, 0, this.numClasses);
        System.arraycopy(classImages, 0, r.classImages, 0, this.numClasses);
        return r;
    }

    /** Adds another accumulator with the same classes and ignore index into this one. */
    public SegmentationIoU merge(SegmentationIoU other) {
        if (other.numClasses != numClasses || other.ignoreIndex != ignoreIndex) {
            throw new IllegalArgumentException("cannot merge accumulators of different classes / ignore index");
        }
        dataset.merge(other.dataset);
        imageScoreSum += other.imageScoreSum;
        pairScoreSum += other.pairScoreSum;
        pairs += other.pairs;
        images += other.images;
        scoredImages += other.scoredImages;
        for (int k = 0; k < numClasses; k++) {
            classScoreSum[k] += other.classScoreSum[k];
            classImages[k] += other.classImages[k];
        }
        return this;
    }

    /** The dataset-level confusion matrix (a copy). */
    public MulticlassConfusion confusion() {
        return dataset.copy();
    }

    /** Images added. */
    public long images() {
        return images;
    }

    /** Dataset-level IoU of each class; classes with an empty union get {@code zeroDivision}'s value. */
    public double[] datasetIoU(ZeroDivision zeroDivision) {
        LabelCounts c = dataset.labelCounts();
        double[] out = new double[numClasses];
        for (int k = 0; k < numClasses; k++) {
            double u = c.predicted(k) + c.support(k) - c.tp(k);
            out[k] = zeroDivision.divide(c.tp(k), u);
        }
        return out;
    }

    /**
     * Dataset-level mean IoU (torchmetrics {@code average="macro"}): the mean over classes that occur in truth
     * or prediction, the ignore index excluded; NaN if there is none.
     */
    public double datasetMeanIoU() {
        LabelCounts c = dataset.labelCounts();
        double sum = 0;
        int n = 0;
        for (int k = 0; k < numClasses; k++) {
            double u = c.predicted(k) + c.support(k) - c.tp(k);
            if (k == ignoreIndex || u == 0) {
                continue;
            }
            sum += c.tp(k) / u;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Dataset-level micro IoU: Σ_c tp / Σ_c (tp+fp+fn), the ignore class excluded; 0 when nothing was counted
     * (torchmetrics' zero_division default).
     */
    public double datasetMicroIoU() {
        LabelCounts c = dataset.labelCounts();
        double tp = 0;
        double u = 0;
        for (int k = 0; k < numClasses; k++) {
            if (k == ignoreIndex) {
                continue;
            }
            tp += c.tp(k);
            u += c.predicted(k) + c.support(k) - c.tp(k);
        }
        return u == 0 ? 0.0 : tp / u;
    }

    /** Dataset-level IoU weighted by each class's true pixel count; NaN if no pixel was counted. */
    public double datasetWeightedIoU() {
        LabelCounts c = dataset.labelCounts();
        double s = 0;
        double w = 0;
        for (int k = 0; k < numClasses; k++) {
            double u = c.predicted(k) + c.support(k) - c.tp(k);
            double iou = u == 0 ? 0 : c.tp(k) / u;
            s += iou * c.support(k);
            w += c.support(k);
        }
        return w == 0 ? Double.NaN : s / w;
    }

    /**
     * Per-image IoU averaged over every (image, present class) pair — torchmetrics' {@code MeanIoU} metric;
     * NaN before any present class.
     */
    public double perImageMeanIoU() {
        return pairs == 0 ? Double.NaN : pairScoreSum / pairs;
    }

    /**
     * The mean over images of each image's mean IoU over its present classes (every image weighs the same);
     * NaN before any scored image.
     */
    public double meanOfImageMeans() {
        return scoredImages == 0 ? Double.NaN : imageScoreSum / scoredImages;
    }

    /** Per class, the mean of its per-image IoU over the images where it occurs; NaN where it never does. */
    public double[] perImageClassIoU() {
        double[] out = new double[numClasses];
        for (int k = 0; k < numClasses; k++) {
            out[k] = classImages[k] == 0 ? Double.NaN : classScoreSum[k] / classImages[k];
        }
        return out;
    }

    /**
     * torchmetrics' {@code MeanIoU(per_class=False, include_background=includeBackground)}: the mean IoU over every
     * (image, class) pair whose union is non-empty, class 0 left out unless {@code includeBackground} (or when it is
     * the only class); NaN when there is no such pair.
     */
    public double meanIoU(boolean includeBackground) {
        if (includeBackground || numClasses == 1) {
            return perImageMeanIoU();
        }
        long n = pairs - classImages[0];
        return n == 0 ? Double.NaN : (pairScoreSum - classScoreSum[0]) / n;
    }

    /**
     * torchmetrics' {@code MeanIoU(per_class=True, include_background=includeBackground)}: per class (from class 1
     * unless {@code includeBackground}, or when class 0 is the only one), the mean of its per-image IoU over the
     * images where it is present, and −1 for a class present in no image.
     */
    public double[] meanIoUPerClass(boolean includeBackground) {
        int first = includeBackground || numClasses == 1 ? 0 : 1;
        double[] out = new double[numClasses - first];
        for (int k = first; k < numClasses; k++) {
            out[k - first] = classImages[k] == 0 ? -1.0 : classScoreSum[k] / classImages[k];
        }
        return out;
    }

    /** Per class, the number of images in which it occurs in truth or prediction. */
    public long[] classImageCounts() {
        return classImages.clone();
    }

    /** Per class, the true pixel count over the dataset (support). */
    public double[] support() {
        LabelCounts c = dataset.labelCounts();
        double[] out = new double[numClasses];
        for (int k = 0; k < numClasses; k++) {
            out[k] = c.support(k);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SegmentationIoU{classes=" + numClasses + ", images=" + images + ", mIoU=" + datasetMeanIoU()
                + ", perImage=" + perImageMeanIoU() + ", iou=" + Arrays.toString(datasetIoU(ZeroDivision.ZERO)) + "}";
    }
}
