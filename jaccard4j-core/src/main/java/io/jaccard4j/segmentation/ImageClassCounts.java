package io.jaccard4j.segmentation;

import java.util.Arrays;

/**
 * Per-image, per-class pixel counts of class-index masks: for image i and class c, tp = |{truth = c ∧ pred = c}|,
 * fp = |{truth ≠ c ∧ pred = c}|, fn = |{truth = c ∧ pred ≠ c}| over the pixels whose truth is not the ignore
 * index. Every per-image overlap score ({@link FineGrainedIoU}, {@link GeneralizedDiceScore},
 * {@link PixelAccuracy}) is a function of these counts, and they add image by image, so a
 * bootstrap over images resamples rows without rescanning the masks.
 *
 * <p>A mutable accumulator: {@link #update} adds an image, {@link #merge} appends another accumulator's images.
 */
public final class ImageClassCounts {
    /** The ignore index meaning "no pixel is ignored". */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private final int numClasses;
    private final int ignoreIndex;
    private long[][] tp = new long[8][];
    private long[][] fp = new long[8][];
    private long[][] fn = new long[8][];
    private long[] kept = new long[8];
    private int images;

    private ImageClassCounts(int numClasses, int ignoreIndex) {
        this.numClasses = numClasses;
        this.ignoreIndex = ignoreIndex;
    }

    /**
     * An empty accumulator; {@code ignoreIndex} = {@link #NO_IGNORE} keeps every pixel.
     *
     * @throws IllegalArgumentException if {@code numClasses} &lt; 1 or the ignore index is a class 0..C−1
     */
    public static ImageClassCounts of(int numClasses, int ignoreIndex) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("number of classes must be >= 1; got " + numClasses);
        }
        if (ignoreIndex >= 0 && ignoreIndex < numClasses) {
            throw new IllegalArgumentException("ignore index " + ignoreIndex + " is one of the classes 0.."
                    + (numClasses - 1) + "; give a value outside them (e.g. 255)");
        }
        return new ImageClassCounts(numClasses, ignoreIndex);
    }

    /**
     * Adds one image.
     *
     * @throws IllegalArgumentException if the masks differ in length, a prediction is outside 0..C−1 or a truth
     *     value is outside 0..C−1 and not the ignore index
     */
    public ImageClassCounts update(int[] truth, int[] pred) {
        if (truth.length != pred.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " pixels but prediction has " + pred.length);
        }
        long[] t = new long[numClasses];
        long[] p = new long[numClasses];
        long[] hit = new long[numClasses];
        long keep = 0;
        for (int i = 0; i < truth.length; i++) {
            int y = truth[i];
            int q = pred[i];
            if (q < 0 || q >= numClasses) {
                throw new IllegalArgumentException("prediction has label " + q + " at pixel " + i + "; expected 0.."
                        + (numClasses - 1));
            }
            if (y == ignoreIndex) {
                continue;
            }
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("truth has label " + y + " at pixel " + i + "; expected 0.."
                        + (numClasses - 1) + (ignoreIndex == NO_IGNORE ? "" : " or the ignore index " + ignoreIndex));
            }
            t[y]++;
            p[q]++;
            if (y == q) {
                hit[y]++;
            }
            keep++;
        }
        long[] fpRow = new long[numClasses];
        long[] fnRow = new long[numClasses];
        for (int c = 0; c < numClasses; c++) {
            fpRow[c] = p[c] - hit[c];
            fnRow[c] = t[c] - hit[c];
        }
        add(hit, fpRow, fnRow, keep);
        return this;
    }

    private void add(long[] tpRow, long[] fpRow, long[] fnRow, long keep) {
        if (images == kept.length) {
            int n = images * 2;
            tp = Arrays.copyOf(tp, n);
            fp = Arrays.copyOf(fp, n);
            fn = Arrays.copyOf(fn, n);
            kept = Arrays.copyOf(kept, n);
        }
        tp[images] = tpRow;
        fp[images] = fpRow;
        fn[images] = fnRow;
        kept[images] = keep;
        images++;
    }

    /**
     * Appends the images of {@code other} after this one's.
     *
     * @throws IllegalArgumentException if the class counts or ignore indexes differ
     */
    public ImageClassCounts merge(ImageClassCounts other) {
        if (other.numClasses != numClasses || other.ignoreIndex != ignoreIndex) {
            throw new IllegalArgumentException("cannot merge counts of " + other.numClasses + " classes into "
                    + numClasses + " (or different ignore indexes)");
        }
        for (int i = 0; i < other.images; i++) {
            add(other.tp[i].clone(), other.fp[i].clone(), other.fn[i].clone(), other.kept[i]);
        }
        return this;
    }

    /** The counts of the images at {@code rows} (with repeats), in that order: a bootstrap resample. */
    public ImageClassCounts select(int[] rows) {
        ImageClassCounts out = new ImageClassCounts(numClasses, ignoreIndex);
        for (int r : rows) {
            if (r < 0 || r >= images) {
                throw new IllegalArgumentException("image row " + r + " is outside 0.." + (images - 1));
            }
            out.add(tp[r], fp[r], fn[r], kept[r]);
        }
        return out;
    }

    public int numClasses() {
        return numClasses;
    }

    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** The number of images added. */
    public int images() {
        return images;
    }

    /** tp of image i, class c. */
    public long tp(int i, int c) {
        return tp[i][c];
    }

    /** fp of image i, class c. */
    public long fp(int i, int c) {
        return fp[i][c];
    }

    /** fn of image i, class c. */
    public long fn(int i, int c) {
        return fn[i][c];
    }

    /** The pixels of image i whose truth is not ignored. */
    public long kept(int i) {
        return kept[i];
    }
}
