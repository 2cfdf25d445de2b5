package io.jaccard4j.recipes;

/**
 * Soft labels from other sources than one annotator's hard mask, all as C × spatial distributions (C order,
 * class-major per image):
 * <ul>
 *   <li>{@link #multiAnnotator}: the per-pixel frequency of each class over several annotators' masks;</li>
 *   <li>{@link #teacher}: a teacher's softmax at temperature T (knowledge distillation; T &gt; 1 softens);</li>
 *   <li>{@link #pseudoLabels}: a teacher's (or an EMA model's) predictions on unlabeled data, optionally
 *       sharpened (T &lt; 1), with the pixels whose top probability is below a confidence threshold masked out —
 *       the semi-supervised recipe.</li>
 * </ul>
 */
public final class SoftLabels {
    private SoftLabels() {
    }

    /** Per pixel, the share of annotators giving each class (ignored pixels do not vote; unvoted pixels are 0). */
    public static float[] multiAnnotator(int[][] masks, int classes, int ignoreIndex) {
        if (masks.length == 0) {
            throw new IllegalArgumentException("need at least one annotator's mask");
        }
        int p = masks[0].length;
        float[] soft = new float[classes * p];
        int[] votes = new int[p];
        for (int[] m : masks) {
            if (m.length != p) {
                throw new IllegalArgumentException("annotator masks differ in size: " + m.length + " and " + p);
            }
            for (int i = 0; i < p; i++) {
                if (m[i] == ignoreIndex) {
                    continue;
                }
                if (m[i] < 0 || m[i] >= classes) {
                    throw new IllegalArgumentException("label " + m[i] + " outside 0.." + (classes - 1));
                }
                soft[m[i] * p + i] += 1;
                votes[i]++;
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < p; i++) {
                if (votes[i] > 0) {
                    soft[k * p + i] /= votes[i];
                }
            }
        }
        return soft;
    }

    /** softmax(logits / T) over the class axis of N × C × P logits. */
    public static float[] teacher(float[] logits, int n, int classes, int pixels, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature is " + temperature + "; expected > 0");
        }
        if (logits.length != n * classes * pixels) {
            throw new IllegalArgumentException("logits have " + logits.length + " values, expected " + n + " x "
                    + classes + " x " + pixels);
        }
        float[] out = new float[logits.length];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < pixels; i++) {
                int base = b * classes * pixels + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    max = Math.max(max, logits[base + k * pixels] / temperature);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    sum += Math.exp(logits[base + k * pixels] / temperature - max);
                }
                for (int k = 0; k < classes; k++) {
                    out[base + k * pixels] = (float) (Math.exp(logits[base + k * pixels] / temperature - max) / sum);
                }
            }
        }
        return out;
    }

    /**
     * Pseudo-labels: the teacher's softmax at temperature T, and a keep-mask (N × P) of the pixels whose top
     * probability reaches {@code confidence}.
     *
     * @return {soft labels, keep-mask as 0/1 floats}
     */
    public static float[][] pseudoLabels(float[] logits, int n, int classes, int pixels, double temperature,
            double confidence) {
        float[] soft = teacher(logits, n, classes, pixels, temperature);
        float[] keep = new float[n * pixels];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < pixels; i++) {
                float top = 0;
                for (int k = 0; k < classes; k++) {
                    top = Math.max(top, soft[b * classes * pixels + k * pixels + i]);
                }
                keep[b * pixels + i] = top >= confidence ? 1f : 0f;
            }
        }
        return new float[][] {soft, keep};
    }
}
