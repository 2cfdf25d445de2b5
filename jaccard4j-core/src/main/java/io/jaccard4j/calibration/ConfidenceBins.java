package io.jaccard4j.calibration;

/**
 * B equal-width confidence bins over [0, 1]: a confidence p falls into bin min(B − 1, ⌊p·B⌋) (so p = 1 into the
 * last). Each bin keeps its count n_b, the number of hits h_b (correct top-1 predictions, or samples of the class
 * for class-wise calibration) and the sum of confidences s_b; then acc_b = h_b/n_b, conf_b = s_b/n_b and
 * ECE = Σ_b n_b/N · |acc_b − conf_b| (Guo et al., 2017), 0 when N = 0.
 *
 * <p>A mutable additive state: {@link #add} one sample, {@link #merge} another state of the same size.
 */
public final class ConfidenceBins {
    private final double[] count;
    private final double[] hits;
    private final double[] confidence;

    private ConfidenceBins(int bins) {
        count = new double[bins];
        hits = new double[bins];
        confidence = new double[bins];
    }

    /**
     * Empty bins.
     *
     * @throws IllegalArgumentException if {@code bins} &lt; 1
     */
    public static ConfidenceBins of(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1; got " + bins);
        }
        return new ConfidenceBins(bins);
    }

    /** The bin of confidence p: min(B − 1, ⌊p·B⌋), p in [0, 1]. */
    public int binOf(double p) {
        return Math.min(count.length - 1, Math.max(0, (int) (p * count.length)));
    }

    /** Adds one sample of confidence p, a hit or not. */
    public void add(double p, boolean hit) {
        int b = binOf(p);
        count[b] += 1;
        confidence[b] += p;
        if (hit) {
            hits[b] += 1;
        }
    }

    /** Adds {@code other}'s samples. */
    public ConfidenceBins merge(ConfidenceBins other) {
        if (other.count.length != count.length) {
            throw new IllegalArgumentException("cannot merge " + other.count.length + " bins into " + count.length);
        }
        for (int b = 0; b < count.length; b++) {
            count[b] += other.count[b];
            hits[b] += other.hits[b];
            confidence[b] += other.confidence[b];
        }
        return this;
    }

    /** The number of bins. */
    public int bins() {
        return count.length;
    }

    /** The number of samples. */
    public double total() {
        double n = 0;
        for (double c : count) {
            n += c;
        }
        return n;
    }

    /** Σ_b n_b/N · |acc_b − conf_b|; 0 without samples. */
    public double ece() {
        double n = total();
        if (n == 0) {
            return 0;
        }
        double e = 0;
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                e += count[b] / n * Math.abs(hits[b] / count[b] - confidence[b] / count[b]);
            }
        }
        return e;
    }

    /** The reliability diagram: rows acc_b, conf_b (NaN for an empty bin) and n_b. */
    public double[][] reliability() {
        double[][] out = new double[3][count.length];
        for (int b = 0; b < count.length; b++) {
            out[0][b] = count[b] == 0 ? Double.NaN : hits[b] / count[b];
            out[1][b] = count[b] == 0 ? Double.NaN : confidence[b] / count[b];
            out[2][b] = count[b];
        }
        return out;
    }

    ConfidenceBins copy() {
        return new ConfidenceBins(count.length).merge(this);
    }
}
