package io.jaccard4j.torchmetrics;

import java.util.Locale;

/**
 * The masks of torchmetrics' segmentation metrics ({@code MeanIoU}, {@code DiceScore}) as class-index images.
 *
 * <ul>
 *   <li>{@link Format#INDEX} ({@code input_format="index"}): {@code (N, ...)} integer labels in 0..C−1, image n
 *       being {@code [n, ...]}; {@code MeanIoU} reads a 2-D array {@code (H, W)} as one image (torchmetrics
 *       unsqueezes it), {@code DiceScore} as N images of one row of pixels each;</li>
 *   <li>{@link Format#ONE_HOT} ({@code input_format="one-hot"}): {@code (N, C, ...)}; integer arrays must be
 *       one-hot (exactly one 1 across the C channels of every pixel, every other value 0), float arrays are
 *       arg-maxed over dimension 1 (torchmetrics' {@code _format_logits}). C is the channel count.</li>
 * </ul>
 * torchmetrics scores integer one-hot channels independently, so a pixel with no channel or several channels set
 * is counted in each; jaccard4j rejects such an array instead (it is not a one-hot encoding), and on a true
 * one-hot encoding the two agree.
 */
public final class SegmentationInput {
    /** torchmetrics' {@code input_format}. */
    public enum Format {
        INDEX("index"), ONE_HOT("one-hot");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /**
         * Parses {@code index} or {@code one-hot}.
         *
         * @throws IllegalArgumentException for anything else
         */
        public static Format parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "index": return INDEX;
                case "one-hot": case "onehot": return ONE_HOT;
                default:
                    throw new IllegalArgumentException("--input-format must be index or one-hot; got '" + text + "'");
            }
        }
    }

    private final int[][] images;
    private final int maxLabel;
    private final int channels;

    private SegmentationInput(int[][] images, int maxLabel, int channels) {
        this.images = images;
        this.maxLabel = maxLabel;
        this.channels = channels;
    }

    /** The images, each a flat array of class indices. */
    public int[][] images() {
        return images;
    }

    /** The largest class index present (−1 when there is none, e.g. every pixel ignored). */
    public int maxLabel() {
        return maxLabel;
    }

    /** The channel count C of a one-hot array, or 0 for index input. */
    public int channels() {
        return channels;
    }

    /**
     * Reads one array.
     *
     * @param values the values as float64, row-major
     * @param shape the shape
     * @param floating whether the array holds floating-point values
     * @param twoDimsAreOneImage whether a 2-D index array is one image (MeanIoU) rather than N rows (DiceScore)
     * @param ignoreIndex a truth label to keep as it is (skipped later), or null
     * @param role how messages name the array, e.g. {@code --y-true}
     * @throws IllegalArgumentException for a bad shape, a non-integer or negative index, or a non-one-hot array
     */
    public static SegmentationInput read(double[] values, int[] shape, boolean floating, Format format,
            boolean twoDimsAreOneImage, Long ignoreIndex, String role) {
        if (format == Format.ONE_HOT) {
            return oneHot(values, shape, floating, role);
        }
        if (shape.length < 2) {
            throw new IllegalArgumentException(role + " " + TorchmetricsClassification.describe(shape) + ": index "
                    + "masks need shape (N, ...) with at least 2 dimensions");
        }
        int n = shape.length == 2 && twoDimsAreOneImage ? 1 : shape[0];
        int per = n == 0 ? 0 : values.length / n;
        int[][] images = new int[n][per];
        int max = -1;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (ignoreIndex != null && v == ignoreIndex) {
                images[i / per][i % per] = (int) (long) ignoreIndex;
                continue;
            }
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(role + " holds " + v + " at flat index " + i + "; index masks "
                        + "hold class indices 0, 1, ...");
            }
            images[i / per][i % per] = (int) v;
            max = Math.max(max, (int) v);
        }
        return new SegmentationInput(images, max, 0);
    }

    private static SegmentationInput oneHot(double[] values, int[] shape, boolean floating, String role) {
        if (shape.length < 3) {
            throw new IllegalArgumentException(role + " " + TorchmetricsClassification.describe(shape) + ": one-hot "
                    + "masks need shape (N, C, ...) with at least 3 dimensions");
        }
        int n = shape[0];
        int c = shape[1];
        int rest = 1;
        for (int d = 2; d < shape.length; d++) {
            rest *= shape[d];
        }
        int[][] images = new int[n][rest];
        int max = -1;
        if (floating) {
            long[] idx = TorchmetricsClassification.argmaxDim1(values, shape);
            for (int i = 0; i < idx.length; i++) {
                images[i / rest][i % rest] = (int) idx[i];
                max = Math.max(max, (int) idx[i]);
            }
            return new SegmentationInput(images, max, c);
        }
        for (int s = 0; s < n; s++) {
            for (int r = 0; r < rest; r++) {
                int label = -1;
                for (int k = 0; k < c; k++) {
                    double v = values[(s * c + k) * rest + r];
                    if (v == 1 && label < 0) {
                        label = k;
                    } else if (v != 0) {
                        throw new IllegalArgumentException(role + " is not one-hot at image " + s + ", pixel " + r
                                + ": channel " + k + " holds " + v + (v == 1 ? " after channel " + label : "")
                                + "; one-hot masks hold exactly one 1 across the " + c + " channels of a pixel");
                    }
                }
                if (label < 0) {
                    throw new IllegalArgumentException(role + " is not one-hot at image " + s + ", pixel " + r
                            + ": no channel is set; one-hot masks hold exactly one 1 across the " + c
                            + " channels of a pixel");
                }
                images[s][r] = label;
                max = Math.max(max, label);
            }
        }
        return new SegmentationInput(images, max, c);
    }
}
