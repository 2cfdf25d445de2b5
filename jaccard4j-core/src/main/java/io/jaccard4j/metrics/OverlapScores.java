package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores from confusion states: turns per-label counts ({@link LabelCounts}) or per-sample counts
 * ({@link SamplewiseConfusion}) into a Jaccard, F1, precision or recall score with scikit-learn's averaging and
 * zero-division semantics (as of scikit-learn 1.2; {@link ZeroDivision#NAN} as scikit-learn 1.3 defines it).
 *
 * <p>Per label: Jaccard = tp/(tp+fp+fn), precision = tp/(tp+fp), recall = tp/(tp+fn), F1 = 2·P·R/(P+R)
 * (0 when P+R = 0). A zero denominator makes the ratio ill-defined: it takes the zero-division value, and
 * with {@link ZeroDivision#WARN} a warning is raised (for F1 only when a label has neither true nor predicted
 * samples). Averages: macro = mean over labels; weighted = mean weighted by support (tp+fn), falling back as
 * scikit-learn does when all supports are zero; micro = the score of the summed counts; samples = mean over
 * samples (weighted by sample weight); with {@link ZeroDivision#NAN} NaN entries are left out of averages.
 */
public final class OverlapScores {
    private static final System.Logger LOG = System.getLogger("io.jaccard4j.metrics");

    private OverlapScores() {
    }

    /**
     * Reduces per-label counts.
     *
     * @param counts counts of the labels to score, in output order
     * @param labels the labels of {@code counts}, same order
     * @param average any average but {@link Average#SAMPLES}; for {@link Average#BINARY} {@code counts} holds one label
     */
    public static ScoreResult reduce(LabelCounts counts, List<Object> labels, Metric metric, Average average,
            ZeroDivision zeroDivision) {
        if (average == Average.SAMPLES) {
            throw new IllegalArgumentException("average=samples needs per-sample counts (SamplewiseConfusion)");
        }
        if (labels.size() != counts.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + counts.size() + " count entries");
        }
        List<String> warnings = new ArrayList<>();
        if (average == Average.MICRO) {
            double[] v = perLabel(counts.sum(), metric, average, zeroDivision, warnings);
            return result(metric, average, v[0], List.of(), new double[0], new double[0], warnings);
        }
        double[] values = perLabel(counts, metric, average, zeroDivision, warnings);
        double[] support = new double[counts.size()];
        for (int i = 0; i < support.length; i++) {
            support[i] = counts.tp(i) + counts.fn(i);
        }
        double score;
        switch (average) {
            case NONE:
                score = Double.NaN;
                break;
            case WEIGHTED:
                score = weightedAverage(counts, values, support, metric, zeroDivision);
                break;
            default: // BINARY, MACRO
                score = mean(values, null, zeroDivision);
                break;
        }
        return result(metric, average, score, labels, values, support, warnings);
    }

    private static double weightedAverage(LabelCounts counts, double[] values, double[] support, Metric metric,
            ZeroDivision zd) {
        boolean anySupport = false;
        double supportSum = 0;
        for (double s : support) {
            anySupport |= s != 0;
            supportSum += s;
        }
        if (metric == Metric.JACCARD) {
            return mean(values, anySupport ? support : null, zd);
        }
        if (supportSum == 0 && zd != ZeroDivision.NAN) {
            // scikit-learn 1.2: with no true samples at all, precision / F are zero_division only if nothing was
            // predicted either; recall is always zero_division.
            double zdv = zd == ZeroDivision.ONE ? 1.0 : 0.0;
            double predictedSum = 0;
            for (int i = 0; i < counts.size(); i++) {
                predictedSum += counts.tp(i) + counts.fp(i);
            }
            if (predictedSum == 0 || metric == Metric.RECALL) {
                return zdv;
            }
            return 0.0;
        }
        return mean(values, support, zd);
    }

    /** Reduces per-sample counts ({@code average=samples}). */
    public static ScoreResult reduceSamples(SamplewiseConfusion state, Metric metric, ZeroDivision zeroDivision) {
        List<String> warnings = new ArrayList<>();
        double[] sum = new double[2];
        boolean[] flags = new boolean[2]; // [0] ill-defined seen, [1] any non-NaN entry
        state.forEach((tp, fp, fn, samples, weight) -> {
            double w = state.isWeighted() ? weight : samples;
            double v = value(tp, tp + fp, tp + fn, metric, zeroDivision);
            if (illDefined(tp + fp, tp + fn, metric)) {
                flags[0] = true;
            }
            if (Double.isNaN(v)) {
                return;
            }
            flags[1] = true;
            sum[0] += w * v;
            sum[1] += w;
        });
        if (flags[0] && zeroDivision.warns()) {
            warnings.add(illDefinedMessage(metric, Average.SAMPLES, 2));
        }
        double score;
        if (state.samplesCounted() == 0 || !flags[1]) {
            score = Double.NaN;
        } else if (sum[1] == 0) {
            if (zeroDivision != ZeroDivision.NAN) {
                throw new IllegalArgumentException("sample weights sum to zero; the samples average is undefined");
            }
            score = Double.NaN;
        } else {
            score = sum[0] / sum[1];
        }
        return result(metric, Average.SAMPLES, score, List.of(), new double[0], new double[0], warnings);
    }

    private static ScoreResult result(Metric metric, Average average, double score, List<Object> labels,
            double[] values, double[] support, List<String> warnings) {
        for (String w : warnings) {
            LOG.log(System.Logger.Level.WARNING, w);
        }
        return new ScoreResult(metric, average, score, new ArrayList<>(labels), values, support, warnings);
    }

    /** Per-label values; adds the warning scikit-learn raises, if any. */
    private static double[] perLabel(LabelCounts c, Metric metric, Average average, ZeroDivision zd,
            List<String> warnings) {
        int n = c.size();
        double[] out = new double[n];
        boolean ill = false;
        for (int i = 0; i < n; i++) {
            double tp = c.tp(i);
            double predicted = tp + c.fp(i);
            double truth = tp + c.fn(i);
            if (metric == Metric.JACCARD) {
                double den = tp + c.fp(i) + c.fn(i);
                out[i] = den == 0 ? zd.value() : tp / den;
                ill |= den == 0;
            } else {
                out[i] = value(tp, predicted, truth, metric, zd);
                ill |= illDefined(predicted, truth, metric);
            }
        }
        if (ill && zd.warns()) {
            warnings.add(illDefinedMessage(metric, average, n));
        }
        return out;
    }

    private static boolean illDefined(double predicted, double truth, Metric metric) {
        switch (metric) {
            case PRECISION: return predicted == 0;
            case RECALL: return truth == 0;
            default: return predicted == 0 && truth == 0; // Jaccard, and F1's warning condition
        }
    }

    /** One label's (or sample's) score from tp, predicted = tp+fp and truth = tp+fn. */
    static double value(double tp, double predicted, double truth, Metric metric, ZeroDivision zd) {
        switch (metric) {
            case JACCARD: {
                double den = predicted + truth - tp;
                return den == 0 ? zd.value() : tp / den;
            }
            case PRECISION:
                return predicted == 0 ? zd.value() : tp / predicted;
            case RECALL:
                return truth == 0 ? zd.value() : tp / truth;
            default: {
                if (zd == ZeroDivision.NAN && predicted == 0 && truth == 0) {
                    return Double.NaN;
                }
                double fill = zd == ZeroDivision.ONE ? 1.0 : 0.0;
                double p = predicted == 0 ? fill : tp / predicted;
                double r = truth == 0 ? fill : tp / truth;
                double den = p + r;
                if (den == 0) {
                    den = 1;
                }
                return 2.0 * p * r / den;
            }
        }
    }

    /** np.average over the entries, NaN entries (with their weights) dropped; NaN when none is left. */
    private static double mean(double[] values, double[] weights, ZeroDivision zd) {
        double s = 0;
        double w = 0;
        int kept = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            kept++;
            double wi = weights == null ? 1.0 : weights[i];
            s += v * wi;
            w += wi;
        }
        if (kept == 0) {
            return Double.NaN;
        }
        if (w == 0) {
            if (zd == ZeroDivision.NAN) {
                return mean(dropNaN(values), null, zd);
            }
            throw new IllegalArgumentException("weights sum to zero; the weighted average is undefined");
        }
        return s / w;
    }

    private static double[] dropNaN(double[] values) {
        int k = 0;
        double[] out = new double[values.length];
        for (double v : values) {
            if (!Double.isNaN(v)) {
                out[k++] = v;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** scikit-learn's UndefinedMetricWarning text for a metric. */
    static String illDefinedMessage(Metric metric, Average average, int resultSize) {
        String start;
        String modifier;
        switch (metric) {
            case JACCARD:
                start = "Jaccard is";
                modifier = "true or predicted";
                break;
            case PRECISION:
                start = "Precision is";
                modifier = "predicted";
                break;
            case RECALL:
                start = "Recall is";
                modifier = "true";
                break;
            default:
                start = "F-score is";
                modifier = "true nor predicted";
                break;
        }
        String axis0 = "sample";
        String axis1 = "label";
        if (average == Average.SAMPLES) {
            axis0 = "label";
            axis1 = "sample";
        }
        String where = resultSize == 1 ? "due to" : "in " + axis1 + "s with";
        return start + " ill-defined and being set to 0.0 " + where + " no " + modifier + " " + axis0
                + "s. Use `zero_division` parameter to control this behavior.";
    }
}
