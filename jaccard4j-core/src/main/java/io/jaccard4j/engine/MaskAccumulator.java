package io.jaccard4j.engine;

import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.NpyDtype;
import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The growing state of a stream of mask pairs: one confusion matrix over the dataset, or per-image IoU counts
 * ({@link SegmentationIoU}) with {@code --per-image}. Masks hold class indices; the number of classes grows
 * with the largest index seen, up to {@link #MAX_CLASSES}. Every front end that reads masks (the command, the
 * report, each Spark partition) adds its pairs here, so the checks and their messages are the same everywhere:
 * equal shapes, integer values, no negative index, the ignore index skipped in the truth.
 *
 * <p>{@link #merge} is associative and commutative (counts are added), so partitions and threads may combine
 * their accumulators in any order and get the same counts.
 */
public final class MaskAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The largest number of classes a mask stream may have (a dense C x C matrix of longs: 128 MiB). */
    public static final int MAX_CLASSES = 4096;

    private final int ignoreIndex;
    private final boolean perImage;
    private MulticlassConfusion dataset;
    private SegmentationIoU images;
    private long pairs;

    private MaskAccumulator(int ignoreIndex, boolean perImage) {
        this.ignoreIndex = ignoreIndex;
        this.perImage = perImage;
    }

    /** An empty accumulator for the request's ignore index and per-image choice. */
    public static MaskAccumulator forRequest(ScoreRequest request) {
        return new MaskAccumulator(request.maskIgnoreIndex(), request.perImage());
    }

    /** The number of mask pairs (images) added. */
    public long pairs() {
        return pairs;
    }

    /**
     * Adds one pair of masks of the same shape.
     *
     * @param name how messages name the pair (e.g. the file name)
     * @throws IllegalArgumentException for different shapes, floating-point values, a negative class index or
     *     more than {@link #MAX_CLASSES} classes
     */
    public MaskAccumulator add(String name, NpyArray truth, NpyArray prediction) {
        checkPair(name, truth, prediction);
        if (truth.dtype() == NpyDtype.UINT8 && prediction.dtype() == NpyDtype.UINT8) {
            byte[] t = (byte[]) truth.data();
            byte[] p = (byte[]) prediction.data();
            grow(classesNeeded(t, p));
            if (perImage) {
                images.update(t, p);
            } else {
                dataset.update(t, p);
            }
        } else {
            int[] t = values(truth, "mask " + name + " (truth)");
            int[] p = values(prediction, "mask " + name + " (prediction)");
            add(name, t, p);
            return this;
        }
        pairs++;
        return this;
    }

    /** Adds one pair of masks given as class indices of equal length (see {@link #add(String, NpyArray, NpyArray)}). */
    public MaskAccumulator add(String name, int[] truth, int[] prediction) {
        if (truth.length != prediction.length) {
            throw new IllegalArgumentException("mask " + name + ": truth has " + truth.length
                    + " pixels but prediction has " + prediction.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("mask " + name + " has no pixels");
        }
        grow(classesNeeded(name, truth, prediction));
        if (perImage) {
            images.update(truth, prediction);
        } else {
            dataset.update(truth, prediction);
        }
        pairs++;
        return this;
    }

    private static void checkPair(String name, NpyArray truth, NpyArray prediction) {
        if (!Arrays.equals(truth.shape(), prediction.shape())) {
            throw new IllegalArgumentException("mask " + name + ": truth is " + Arrays.toString(truth.shape())
                    + " but prediction is " + Arrays.toString(prediction.shape()));
        }
        if (truth.size() == 0) {
            throw new IllegalArgumentException("mask " + name + " has no pixels (shape " + Arrays.toString(truth.shape())
                    + ")");
        }
    }

    /**
     * One pair's per-class counts — tp<sub>c</sub>, predicted<sub>c</sub> and true<sub>c</sub> for c = 0..C−1, C = 1 +
     * the pair's largest class index, truth pixels equal to the ignore index skipped — checked exactly as
     * {@link #add(String, NpyArray, NpyArray)} checks a pair, in O(C) memory (no C×C matrix); the accumulator itself
     * is not changed. These are the {@code labelCounts()} of the pair's confusion matrix.
     */
    LabelCounts counts(String name, NpyArray truth, NpyArray prediction) {
        checkPair(name, truth, prediction);
        if (truth.dtype() == NpyDtype.UINT8 && prediction.dtype() == NpyDtype.UINT8) {
            byte[] t = (byte[]) truth.data();
            byte[] p = (byte[]) prediction.data();
            int c = classesNeeded(t, p);
            long[] k = new long[3 * c];
            for (int i = 0; i < t.length; i++) {
                int a = t[i] & 0xFF;
                if (a != ignoreIndex) {
                    count(k, c, a, p[i] & 0xFF);
                }
            }
            return labelCounts(k, c);
        }
        int[] t = values(truth, "mask " + name + " (truth)");
        int[] p = values(prediction, "mask " + name + " (prediction)");
        return counts(name, t, p, 0, t.length);
    }

    /**
     * The counts of {@link #counts(String, NpyArray, NpyArray)} for the pixels {@code from..to−1} of two arrays of
     * class indices (one image of a stack, read in place), checked as {@link #add(String, int[], int[])} checks a pair.
     */
    LabelCounts counts(String name, int[] truth, int[] prediction, int from, int to) {
        if (to == from) {
            throw new IllegalArgumentException("mask " + name + " has no pixels");
        }
        int c = classesNeeded(name, truth, prediction, from, to);
        long[] k = new long[3 * c];
        for (int i = from; i < to; i++) {
            if (truth[i] != ignoreIndex) {
                count(k, c, truth[i], prediction[i]);
            }
        }
        return labelCounts(k, c);
    }

    private static void count(long[] k, int c, int a, int b) {
        if (a == b) {
            k[a]++;
        }
        k[c + b]++;
        k[2 * c + a]++;
    }

    /** Counts laid out as tp<sub>0..C−1</sub>, predicted<sub>0..C−1</sub>, true<sub>0..C−1</sub>, as LabelCounts. */
    static LabelCounts labelCounts(long[] k, int c) {
        double[] tp = new double[c];
        double[] pred = new double[c];
        double[] sup = new double[c];
        for (int j = 0; j < c; j++) {
            tp[j] = k[j];
            pred[j] = k[c + j];
            sup[j] = k[2 * c + j];
        }
        return LabelCounts.of(tp, pred, sup);
    }

    private static int[] values(NpyArray a, String what) {
        if (a.dtype().isFloating()) {
            throw new IllegalArgumentException(what + " holds floating-point values; masks hold class indices");
        }
        return a.toIntArray();
    }

    private void grow(int classes) {
        if (perImage) {
            if (images == null) {
                images = ignoreIndex == MulticlassConfusion.NO_IGNORE ? SegmentationIoU.of(classes)
                        : SegmentationIoU.withIgnoreIndex(classes, ignoreIndex);
            } else if (classes > images.numClasses()) {
                images = images.resized(classes);
            }
        } else if (dataset == null) {
            dataset = MulticlassConfusion.withIgnoreIndex(classes, ignoreIndex);
        } else if (classes > dataset.numClasses()) {
            dataset = dataset.resized(classes);
        }
    }

    /** One more than the largest class index of two uint8 masks (truth pixels equal to the ignore index skipped). */
    private int classesNeeded(byte[] t, byte[] p) {
        int max = 0;
        for (int i = 0; i < t.length; i++) {
            int a = t[i] & 0xFF;
            if (a != ignoreIndex) {
                max = Math.max(max, a);
            }
            max = Math.max(max, p[i] & 0xFF);
        }
        return max + 1;
    }

    private int classesNeeded(String name, int[] t, int[] p) {
        return classesNeeded(name, t, p, 0, t.length);
    }

    private int classesNeeded(String name, int[] t, int[] p, int from, int to) {
        int max = 0;
        for (int i = from; i < to; i++) {
            int v = t[i];
            if (v == ignoreIndex) {
                continue;
            }
            if (v < 0) {
                throw new IllegalArgumentException("mask " + name + " (truth) holds negative class index " + v);
            }
            max = Math.max(max, v);
        }
        for (int i = from; i < to; i++) {
            int v = p[i];
            if (v < 0) {
                throw new IllegalArgumentException("mask " + name + " (prediction) holds negative class index " + v);
            }
            max = Math.max(max, v);
        }
        if (max >= MAX_CLASSES) {
            throw new IllegalArgumentException("mask " + name + " holds class index " + max + "; masks may hold at most "
                    + MAX_CLASSES + " classes (0.." + (MAX_CLASSES - 1) + ")");
        }
        return max + 1;
    }

    /**
     * Adds another accumulator's counts (same ignore index and per-image choice); returns this.
     *
     * @throws IllegalArgumentException when the two were made for different requests
     */
    public MaskAccumulator merge(MaskAccumulator other) {
        if (other.ignoreIndex != ignoreIndex || other.perImage != perImage) {
            throw new IllegalArgumentException("cannot merge mask accumulators of different requests");
        }
        if (perImage) {
            if (other.images != null) {
                grow(other.images.numClasses());
                SegmentationIoU o = other.images.numClasses() < images.numClasses()
                        ? other.images.resized(images.numClasses()) : other.images;
                images.merge(o);
            }
        } else if (other.dataset != null) {
            grow(other.dataset.numClasses());
            MulticlassConfusion o = other.dataset.numClasses() < dataset.numClasses()
                    ? other.dataset.resized(dataset.numClasses()) : other.dataset;
            dataset.merge(o);
        }
        pairs += other.pairs;
        return this;
    }

    /** The dataset confusion matrix so far (per-image accumulators: the sum over images), or null when empty. */
    public MulticlassConfusion confusion() {
        return perImage ? (images == null ? null : images.confusion()) : dataset;
    }

    /** The per-image state, or null unless the request scores per image (or nothing was added). */
    public SegmentationIoU perImageState() {
        return images;
    }
}
