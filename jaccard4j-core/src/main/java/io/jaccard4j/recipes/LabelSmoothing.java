package io.jaccard4j.recipes;

/**
 * Plain (uniform) label smoothing of hard masks: every labelled pixel with class y gets the soft label
 * <pre>    q = (1 − ε)·onehot(y) + ε/C,   i.e. q_y = 1 − ε + ε/C and q_k = ε/C for k ≠ y,</pre>
 * a distribution over the C classes for every ε in [0, 1] (ε = 0 keeps the one-hot label, ε = 1 gives the uniform
 * one). Pixels labelled with the ignore index stay all-zero: they carry no label. {@link BoundaryLabelSmoothing}
 * applies this same rule to the pixels near a class boundary only.
 */
public final class LabelSmoothing {
    private final double epsilon;

    private LabelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("label smoothing epsilon is " + epsilon
                    + "; expected a value in [0, 1]");
        }
        this.epsilon = epsilon;
    }

    /**
     * The smoothing with weight ε.
     *
     * @throws IllegalArgumentException for ε outside [0, 1] (or NaN)
     */
    public static LabelSmoothing of(double epsilon) {
        return new LabelSmoothing(epsilon);
    }

    /** ε. */
    public double epsilon() {
        return epsilon;
    }

    /** q_y = 1 − ε + ε/C, the smoothed probability of a pixel's own class among C. */
    public float own(int classes) {
        return (float) (1 - epsilon + epsilon / classes);
    }

    /** q_k = ε/C, the smoothed probability of each other class among C. */
    public float other(int classes) {
        return (float) (epsilon / classes);
    }

    /**
     * Soft labels of {@code images} masks of {@code pixels} pixels each (image-major, {@code masks.length = images ·
     * pixels}): images × C × pixels in C order (class-major per image).
     *
     * @throws IllegalArgumentException when {@code masks.length} is not images · pixels, C &lt; 1, or a label lies
     *     outside 0..C−1 and is not the ignore index
     */
    public float[] apply(int[] masks, int images, int pixels, int classes, int ignoreIndex) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes is " + classes + "; expected >= 1");
        }
        if (images < 0 || pixels < 0 || (long) images * pixels != masks.length) {
            throw new IllegalArgumentException("masks have " + masks.length + " labels, expected " + images
                    + " images x " + pixels + " pixels");
        }
        float on = own(classes);
        float off = other(classes);
        float[] soft = new float[masks.length * classes];
        for (int b = 0; b < images; b++) {
            for (int i = 0; i < pixels; i++) {
                int y = masks[b * pixels + i];
                if (y == ignoreIndex) {
                    continue;
                }
                if (y < 0 || y >= classes) {
                    throw new IllegalArgumentException("label " + y + " at pixel " + i + " of image " + b
                            + " is outside 0.." + (classes - 1));
                }
                int base = b * classes * pixels + i;
                for (int k = 0; k < classes; k++) {
                    soft[base + k * pixels] = k == y ? on : off;
                }
            }
        }
        return soft;
    }
}
