package io.jaccard4j.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calibration of class probabilities, over probability maps (C × pixels per image) or classification scores
 * (N × C), accumulated image by image (a classification sample is an image of one pixel). For each kept sample
 * (label ≠ ignore index) with probabilities p_1..p_C, label y, confidence p* = max_k p_k and prediction
 * ŷ = the first k with p_k = p*:
 * <ul>
 *   <li><b>ECE</b>: Σ_b n_b/N |acc_b − conf_b| over bins of p* (hit = [ŷ = y]), equal-width ({@link ConfidenceBins})
 *       or equal-mass ({@link Binning#MASS});</li>
 *   <li><b>class-wise ECE</b> (Kull et al., 2019): for each class k the ECE of the confidences p_k with hit
 *       [y = k] over equal-width bins, averaged over the C classes;</li>
 *   <li><b>Brier score</b>: the mean over samples of Σ_k (p_k − [y = k])² (Brier, 1950; for two classes twice
 *       scikit-learn's {@code brier_score_loss} of the positive column);</li>
 *   <li><b>NLL</b>: the mean over samples of −ln clip(p_y, ε, 1 − ε), ε = 2^−52 (scikit-learn's {@code log_loss}
 *       clipping for float64).</li>
 * </ul>
 * Inputs are checked: every p_k must lie in [0, 1] and each sample's probabilities must sum to 1 within the
 * tolerance (default 1e-4). Each image keeps its own additive state, so {@link #select} resamples images for a
 * bootstrap without rescanning the data (equal-mass bins keep every sample's confidence and hit).
 */
public final class CalibrationScores {
    /** The default tolerance on Σ_k p_k = 1. */
    public static final double DEFAULT_SUM_TOLERANCE = 1e-4;
    /** The clipping ε of the NLL. */
    public static final double EPS = Math.ulp(1.0);
    /** Labels equal to this never match: no pixel is ignored. */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private final int numClasses;
    private final int bins;
    private final Binning binning;
    private final int ignoreIndex;
    private final double sumTolerance;
    private final List<ImageState> images = new ArrayList<>();

    private static final class ImageState {
        final ConfidenceBins top;
        final ConfidenceBins[] perClass;
        double brier;
        double nll;
        long n;
        double[] conf;
        boolean[] hit;

        ImageState(int classes, int bins, boolean keepSamples, int capacity) {
            top = ConfidenceBins.of(bins);
            perClass = new ConfidenceBins[classes];
            for (int k = 0; k < classes; k++) {
                perClass[k] = ConfidenceBins.of(bins);
            }
            if (keepSamples) {
                conf = new double[capacity];
                hit = new boolean[capacity];
            }
        }
    }

    private CalibrationScores(int numClasses, int bins, Binning binning, int ignoreIndex, double sumTolerance) {
        this.numClasses = numClasses;
        this.bins = bins;
        this.binning = binning;
        this.ignoreIndex = ignoreIndex;
        this.sumTolerance = sumTolerance;
    }

    /**
     * An empty accumulator.
     *
     * @throws IllegalArgumentException if {@code numClasses} &lt; 2, {@code bins} &lt; 1, the ignore index is a class
     *     or the tolerance is not finite and ≥ 0
     */
    public static CalibrationScores of(int numClasses, int bins, Binning binning, int ignoreIndex, double sumTolerance) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 classes; got " + numClasses);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1; got " + bins);
        }
        if (binning == null) {
            throw new IllegalArgumentException("binning must be width or mass; got null");
        }
        if (ignoreIndex >= 0 && ignoreIndex < numClasses) {
            throw new IllegalArgumentException("ignore index " + ignoreIndex + " is one of the classes 0.." + (numClasses - 1));
        }
        if (!(sumTolerance >= 0) || !Double.isFinite(sumTolerance)) {
            throw new IllegalArgumentException("probability-sum tolerance must be finite and >= 0; got " + sumTolerance);
        }
        return new CalibrationScores(numClasses, bins, binning, ignoreIndex, sumTolerance);
    }

    /** {@link #of} with the default tolerance. */
    public static CalibrationScores of(int numClasses, int bins, Binning binning, int ignoreIndex) {
        return of(numClasses, bins, binning, ignoreIndex, DEFAULT_SUM_TOLERANCE);
    }

    /**
     * Adds one image of a probability map laid out class by class: p_k of pixel j at {@code probs[k·P + j]},
     * P = labels.length.
     *
     * @throws IllegalArgumentException if the lengths disagree, a label is outside 0..C−1 and not ignored, or the
     *     probabilities are invalid (see the class comment)
     */
    public void updateImage(double[] probs, int[] labels) {
        int p = labels.length;
        if (probs.length != (long) numClasses * p) {
            throw new IllegalArgumentException("probabilities have " + probs.length + " values; expected " + numClasses
                    + " classes x " + p + " pixels = " + (long) numClasses * p);
        }
        images.add(state(probs, labels, p, 1, p, images.size()));
    }

    /**
     * Adds samples laid out sample by sample (p_k of sample i at {@code probs[i·C + k]}), each as its own image (the
     * bootstrap unit of classification).
     */
    public void updateSamples(double[] probs, int[] labels) {
        if (probs.length != (long) numClasses * labels.length) {
            throw new IllegalArgumentException("probabilities have " + probs.length + " values; expected "
                    + labels.length + " samples x " + numClasses + " classes = " + (long) numClasses * labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            images.add(state(Arrays.copyOfRange(probs, i * numClasses, (i + 1) * numClasses),
                    new int[] {labels[i]}, 1, 1, 1, images.size()));
        }
    }

    /** p_k of sample j at probs[k·classStride + j·sampleStride]. */
    private ImageState state(double[] probs, int[] labels, int classStride, int sampleStride, int p, int image) {
        ImageState s = new ImageState(numClasses, bins, binning == Binning.MASS, p);
        for (int j = 0; j < p; j++) {
            int y = labels[j];
            double sum = 0;
            double best = -1;
            int arg = 0;
            for (int k = 0; k < numClasses; k++) {
                double v = probs[k * classStride + j * sampleStride];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("probability " + v + " of class " + k + " at sample " + j
                            + " of image " + image + " is not in [0, 1]");
                }
                sum += v;
                if (v > best) {
                    best = v;
                    arg = k;
                }
            }
            if (Math.abs(sum - 1) > sumTolerance) {
                throw new IllegalArgumentException("probabilities at sample " + j + " of image " + image + " sum to "
                        + sum + "; expected 1 within " + sumTolerance);
            }
            if (y == ignoreIndex) {
                continue;
            }
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("label " + y + " at sample " + j + " of image " + image
                        + " is outside 0.." + (numClasses - 1) + (ignoreIndex == NO_IGNORE ? "" : " and not the ignore index " + ignoreIndex));
            }
            s.top.add(best, arg == y);
            double brier = 0;
            for (int k = 0; k < numClasses; k++) {
                double v = probs[k * classStride + j * sampleStride];
                s.perClass[k].add(v, k == y);
                double d = v - (k == y ? 1 : 0);
                brier += d * d;
            }
            s.brier += brier;
            double py = Math.min(1 - EPS, Math.max(EPS, probs[y * classStride + j * sampleStride]));
            s.nll -= Math.log(py);
            if (s.conf != null) {
                s.conf[(int) s.n] = best;
                s.hit[(int) s.n] = arg == y;
            }
            s.n++;
        }
        if (s.conf != null) {
            s.conf = Arrays.copyOf(s.conf, (int) s.n);
            s.hit = Arrays.copyOf(s.hit, (int) s.n);
        }
        return s;
    }

    /** The images (bootstrap units) added. */
    public int images() {
        return images.size();
    }

    /** The kept samples. */
    public long samples() {
        long n = 0;
        for (ImageState s : images) {
            n += s.n;
        }
        return n;
    }

    /** An accumulator holding the images at {@code rows} (repeats allowed): a bootstrap resample. */
    public CalibrationScores select(int[] rows) {
        CalibrationScores out = new CalibrationScores(numClasses, bins, binning, ignoreIndex, sumTolerance);
        for (int r : rows) {
            if (r < 0 || r >= images.size()) {
                throw new IllegalArgumentException("image row " + r + " is outside 0.." + (images.size() - 1));
            }
            out.images.add(images.get(r));
        }
        return out;
    }

    /** The top-1 confidence bins of all images (equal-width). */
    public ConfidenceBins topBins() {
        ConfidenceBins b = ConfidenceBins.of(bins);
        for (ImageState s : images) {
            b.merge(s.top);
        }
        return b;
    }

    /** ECE with the configured binning; 0 without samples. */
    public double ece() {
        if (binning == Binning.WIDTH) {
            return topBins().ece();
        }
        int n = (int) Math.min(Integer.MAX_VALUE, samples());
        double[] conf = new double[n];
        boolean[] hit = new boolean[n];
        int k = 0;
        for (ImageState s : images) {
            System.arraycopy(s.conf, 0, conf, k, s.conf.length);
            System.arraycopy(s.hit, 0, hit, k, s.hit.length);
            k += s.conf.length;
        }
        return equalMassEce(conf, hit, bins);
    }

    /** ECE over B equal-count bins of the samples sorted by confidence (stable), cut as numpy's array_split. */
    static double equalMassEce(double[] conf, boolean[] hit, int bins) {
        int n = conf.length;
        if (n == 0) {
            return 0;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(conf[a], conf[b]));
        int base = n / bins;
        int extra = n % bins;
        double e = 0;
        int from = 0;
        for (int b = 0; b < bins; b++) {
            int size = base + (b < extra ? 1 : 0);
            if (size == 0) {
                continue;
            }
            double c = 0;
            double h = 0;
            for (int i = from; i < from + size; i++) {
                c += conf[order[i]];
                h += hit[order[i]] ? 1 : 0;
            }
            e += (double) size / n * Math.abs(h / size - c / size);
            from += size;
        }
        return e;
    }

    /** The mean over classes of each class's ECE (equal-width bins). */
    public double classwiseEce() {
        double s = 0;
        for (int k = 0; k < numClasses; k++) {
            ConfidenceBins b = ConfidenceBins.of(bins);
            for (ImageState st : images) {
                b.merge(st.perClass[k]);
            }
            s += b.ece();
        }
        return s / numClasses;
    }

    /** The mean Brier score; NaN without samples. */
    public double brier() {
        return perSampleMean(s -> s.brier);
    }

    /** The mean negative log-likelihood; NaN without samples. */
    public double nll() {
        return perSampleMean(s -> s.nll);
    }

    private double perSampleMean(java.util.function.ToDoubleFunction<ImageState> sum) {
        double s = 0;
        long n = 0;
        for (ImageState st : images) {
            s += sum.applyAsDouble(st);
            n += st.n;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The reliability diagram of the top-1 confidences over equal-width bins (rows acc, conf, count). */
    public double[][] reliability() {
        return topBins().reliability();
    }

    /** Each image's own value of {@code metric} ("ece", "classwise-ece", "brier" or "nll"); NaN for an empty image. */
    public double[] perImage(String metric) {
        double[] out = new double[images.size()];
        for (int i = 0; i < out.length; i++) {
            CalibrationScores one = select(new int[] {i});
            out[i] = one.samples() == 0 ? Double.NaN : one.value(metric);
        }
        return out;
    }

    /** The value of a calibration metric by name: ece, classwise-ece, brier, nll. */
    public double value(String metric) {
        switch (metric) {
            case "ece": return ece();
            case "classwise-ece": return classwiseEce();
            case "brier": return brier();
            case "nll": return nll();
            default:
                throw new IllegalArgumentException("calibration metric must be one of ece, classwise-ece, brier, nll; got '"
                        + metric + "'");
        }
    }
}
