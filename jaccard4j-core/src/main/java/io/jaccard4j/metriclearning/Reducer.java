package io.jaccard4j.metriclearning;

/**
 * Reduces the per-element losses l<sub>e</sub> of a loss (one per pair, triplet or anchor) to one number.
 * Every reducer here is a weighted sum Σ<sub>e</sub> w<sub>e</sub> l<sub>e</sub> whose weights are held constant in the
 * backward pass (as autograd treats pytorch-metric-learning's reducers), so dL/dl<sub>e</sub> = w<sub>e</sub>:
 * <ul>
 *   <li>{@link #mean()}: w<sub>e</sub> = 1/E;</li>
 *   <li>{@link #avgNonZero()}: w<sub>e</sub> = 1/#{e : l<sub>e</sub> &gt; 0} ("AvgNonZeroReducer"; all 0 when no
 *       element is positive);</li>
 *   <li>{@link #perAnchor()}: the mean over anchors of the mean of each anchor's elements,
 *       w<sub>e</sub> = 1/(A · E<sub>anchor(e)</sub>) with A the number of anchors that have elements.</li>
 * </ul>
 * An empty list of elements reduces to 0.
 */
public enum Reducer {
    /** Mean over elements. */
    MEAN,
    /** Mean over the elements with a positive loss. */
    AVG_NON_ZERO,
    /** Mean over anchors of the per-anchor mean. */
    PER_ANCHOR;

    /** Mean over elements. */
    public static Reducer mean() {
        return MEAN;
    }

    /** Mean over elements with positive loss. */
    public static Reducer avgNonZero() {
        return AVG_NON_ZERO;
    }

    /** Per-anchor mean, then mean over anchors. */
    public static Reducer perAnchor() {
        return PER_ANCHOR;
    }

    /**
     * The weights w<sub>e</sub>.
     *
     * @param losses the element losses
     * @param anchors the anchor (batch index) of each element
     * @param n the batch size (anchors lie in [0, n))
     */
    public double[] weights(double[] losses, int[] anchors, int n) {
        int e = losses.length;
        double[] w = new double[e];
        if (e == 0) {
            return w;
        }
        switch (this) {
            case MEAN:
                java.util.Arrays.fill(w, 1.0 / e);
                return w;
            case AVG_NON_ZERO: {
                int c = 0;
                for (double l : losses) {
                    if (l > 0) {
                        c++;
                    }
                }
                if (c > 0) {
                    java.util.Arrays.fill(w, 1.0 / c);
                }
                return w;
            }
            default: {
                int[] count = new int[n];
                for (int a : anchors) {
                    count[a]++;
                }
                int anchorsWith = 0;
                for (int c : count) {
                    if (c > 0) {
                        anchorsWith++;
                    }
                }
                for (int i = 0; i < e; i++) {
                    w[i] = 1.0 / ((double) anchorsWith * count[anchors[i]]);
                }
                return w;
            }
        }
    }
}
