package io.jaccard4j.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-grained segmentation scores as the JML authors evaluate them (JDTLosses {@code metrics/AccuracyMetric},
 * Wang and Blaschko), from {@link ImageClassCounts}; images whose pixels are all ignored count nowhere. For a
 * measure m ∈ {IoU = tp/(tp+fp+fn), Dice = 2tp/(2tp+fp+fn), Acc = tp/(tp+fn)}:
 * <ul>
 *   <li><b>D</b> (dataset): m of the counts summed over images, averaged over the classes whose denominator is
 *       non-zero; {@code Acc} = Σ_c tp / Σ_c (tp + fn) (pixel accuracy);</li>
 *   <li><b>I</b> (per image): each image's mean of m over its active classes, averaged over images;</li>
 *   <li><b>C</b> (per class): each class's mean of m over the images where it is active, averaged over the classes
 *       active somewhere;</li>
 *   <li>worst q %: the I (and per class, the C) lists sorted ascending and cut to their first max(1, ⌊q/100 · n⌋)
 *       values before averaging (q = 5 by default); <b>Q</b>: the mean of the worst-q values over q = 10, 20, …, 100.</li>
 * </ul>
 * A class is active in an image when the truth has it; with {@code binary} (two classes, JDTLosses' binary mode)
 * when the truth or the prediction has it, only class 1 counts in D, and I is m of class 1, or 1 when the image
 * has a single active class. Values are fractions in [0, 1] (JDTLosses reports percentages). Where JDTLosses would
 * give NaN (a class never active: D averages over all classes, C divides by zero or counts it as 0 under q), the
 * class is left out here; in binary mode a per-image Acc of a class present only in the prediction is 0 here
 * (0/0 in JDTLosses).
 */
public final class FineGrainedIoU {
    /** The three measures. */
    public enum Measure {
        IOU("IoU"), DICE("Dice"), ACC("Acc");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        double of(long tp, long fp, long fn) {
            long den;
            long num;
            switch (this) {
                case IOU: num = tp; den = tp + fp + fn; break;
                case DICE: num = 2 * tp; den = 2 * tp + fp + fn; break;
                default: num = tp; den = tp + fn; break;
            }
            return den == 0 ? 0.0 : (double) num / den;
        }

        boolean defined(long tp, long fp, long fn) {
            return this == ACC ? tp + fn > 0 : tp + fp + fn > 0;
        }
    }

    /** The default q of the worst-q % scores (the JML paper's 5 %). */
    public static final int DEFAULT_Q = 5;

    private final ImageClassCounts counts;
    private final boolean binary;
    private final int[] rows;

    private FineGrainedIoU(ImageClassCounts counts, boolean binary) {
        this.counts = counts;
        this.binary = binary;
        int n = 0;
        int[] r = new int[counts.images()];
        for (int i = 0; i < counts.images(); i++) {
            if (counts.kept(i) > 0) {
                r[n++] = i;
            }
        }
        this.rows = Arrays.copyOf(r, n);
    }

    /**
     * The fine-grained scores of the counts.
     *
     * @throws IllegalArgumentException if {@code binary} and there are not exactly 2 classes
     */
    public static FineGrainedIoU of(ImageClassCounts counts, boolean binary) {
        if (binary && counts.numClasses() != 2) {
            throw new IllegalArgumentException("binary fine-grained scores need 2 classes; got " + counts.numClasses());
        }
        return new FineGrainedIoU(counts, binary);
    }

    /** The number of images scored (those with at least one pixel not ignored). */
    public int images() {
        return rows.length;
    }

    private boolean active(int i, int c) {
        long tp = counts.tp(i, c);
        return binary ? tp + counts.fn(i, c) + counts.fp(i, c) > 0 : tp + counts.fn(i, c) > 0;
    }

    /** Dataset value of the measure (pixel accuracy for {@link Measure#ACC} is {@link #pixelAccuracy()}). */
    public double dataset(Measure m) {
        int c0 = binary ? 1 : 0;
        double sum = 0;
        int n = 0;
        for (int c = c0; c < counts.numClasses(); c++) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int i : rows) {
                tp += counts.tp(i, c);
                fp += counts.fp(i, c);
                fn += counts.fn(i, c);
            }
            if (m.defined(tp, fp, fn)) {
                sum += m.of(tp, fp, fn);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Σ tp / Σ (tp + fn) over the classes (class 1 only in binary mode). */
    public double pixelAccuracy() {
        long tp = 0;
        long t = 0;
        for (int c = binary ? 1 : 0; c < counts.numClasses(); c++) {
            for (int i : rows) {
                tp += counts.tp(i, c);
                t += counts.tp(i, c) + counts.fn(i, c);
            }
        }
        return t == 0 ? Double.NaN : (double) tp / t;
    }

    /** Each scored image's value: the mean of m over its active classes (binary: see the class comment). */
    public double[] perImage(Measure m) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            int i = rows[k];
            if (binary) {
                int active = (active(i, 0) ? 1 : 0) + (active(i, 1) ? 1 : 0);
                out[k] = active < 2 ? 1.0 : m.of(counts.tp(i, 1), counts.fp(i, 1), counts.fn(i, 1));
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int c = 0; c < counts.numClasses(); c++) {
                if (active(i, c)) {
                    sum += m.of(counts.tp(i, c), counts.fp(i, c), counts.fn(i, c));
                    n++;
                }
            }
            out[k] = sum / n;
        }
        return out;
    }

    /** The per-image mean (mIoU^I etc.). */
    public double image(Measure m) {
        return worstMean(perImage(m), 100, false);
    }

    /** The mean of the worst q % images (q in (0, 100]). */
    public double imageWorst(Measure m, double q) {
        return worstMean(perImage(m), checkQ(q), false);
    }

    /** The values of class c over the images where it is active. */
    public double[] perClassValues(Measure m, int c) {
        List<Double> v = new ArrayList<>();
        for (int i : rows) {
            if (active(i, c)) {
                v.add(m.of(counts.tp(i, c), counts.fp(i, c), counts.fn(i, c)));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Per class, the mean over the images where it is active (NaN for a class never active). */
    public double[] perClass(Measure m) {
        double[] out = new double[counts.numClasses()];
        for (int c = 0; c < out.length; c++) {
            out[c] = worstMean(perClassValues(m, c), 100, true);
        }
        return out;
    }

    /** The mean of {@link #perClass} over the classes active somewhere (mIoU^C etc.). */
    public double classwise(Measure m) {
        return classwiseWorst(m, 100);
    }

    /** Per class the mean of its worst q % values, averaged over the classes active somewhere. */
    public double classwiseWorst(Measure m, double q) {
        checkQ(q);
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.numClasses(); c++) {
            double v = worstMean(perClassValues(m, c), q, true);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The mean of {@link #imageWorst} over q = 10, 20, …, 100. */
    public double imageAverageOverQ(Measure m) {
        double s = 0;
        for (int q = 10; q <= 100; q += 10) {
            s += imageWorst(m, q);
        }
        return s / 10;
    }

    /** The mean of {@link #classwiseWorst} over q = 10, 20, …, 100. */
    public double classwiseAverageOverQ(Measure m) {
        double s = 0;
        for (int q = 10; q <= 100; q += 10) {
            s += classwiseWorst(m, q);
        }
        return s / 10;
    }

    private static double checkQ(double q) {
        if (!(q > 0 && q <= 100)) {
            throw new IllegalArgumentException("q of the worst-q % scores must be in (0, 100]; got " + q);
        }
        return q;
    }

    /**
     * The mean of the smallest max(1, ⌊q/100 · n⌋) values; the count is computed as JDTLosses does: in double for
     * the images, in float32 (torch's default dtype) for the classes.
     */
    private static double worstMean(double[] values, double q, boolean float32Count) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] a = values.clone();
        Arrays.sort(a);
        int n;
        if (q >= 100) {
            n = a.length;
        } else if (float32Count) {
            n = Math.max(1, (int) ((float) (q / 100) * (float) a.length));
        } else {
            n = Math.max(1, (int) (q / 100 * a.length));
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k];
        }
        return s / n;
    }

    /**
     * Every score under JDTLosses' names (Acc, mAccD, mIoUD, mDiceD, mAccI, mIoUI, mDiceI, mAccIQ, …, mIoUI5, …,
     * mIoUC, …, mIoUCQ, …, mIoUC5, …) as fractions, for worst-q % with the given q.
     */
    public Map<String, Double> all(int q) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("Acc", pixelAccuracy());
        for (Measure m : Measure.values()) {
            out.put("m" + m.label + "D", dataset(m));
        }
        for (Measure m : Measure.values()) {
            out.put("m" + m.label + "I", image(m));
            out.put("m" + m.label + "IQ", imageAverageOverQ(m));
            out.put("m" + m.label + "I" + q, imageWorst(m, q));
        }
        for (Measure m : Measure.values()) {
            out.put("m" + m.label + "C", classwise(m));
            out.put("m" + m.label + "CQ", classwiseAverageOverQ(m));
            out.put("m" + m.label + "C" + q, classwiseWorst(m, q));
        }
        return out;
    }
}
