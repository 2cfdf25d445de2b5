package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores from confusion states: turns per-label counts ({@link LabelCounts}) or per-sample counts
 * ({@link SamplewiseConfusion}) into a Jaccard, F1, precision or recall score with scikit-learn's averaging and
 * zero-division semantics, as scikit-learn 1.9.1 defines them (replayed by the tests against its real output).
 *
 * <p>Per label: Jaccard = tp/(tp+fp+fn), precision = tp/(tp+fp), recall = tp/(tp+fn), F1 = 2·tp/(2·tp+fp+fn).
 * A zero denominator makes the ratio ill-defined: it takes the zero-division value, and with
 * {@link ZeroDivision#WARN} a warning is raised (for F1 when a label has neither true nor predicted samples).
 * Averages: macro = mean over labels; weighted = mean weighted by support (tp+fn); micro = the score of the
 * summed counts; samples = mean over samples (weighted by sample weight). NaN entries
 * ({@link ZeroDivision#NAN}) are left out of averages, an average over no entry is NaN, and when the weights of
 * the entries left sum to zero the unweighted mean is taken (scikit-learn's {@code _nanaverage}).
 *
 * <p>This reducer does not validate options: {@link Scorer} rejects the Jaccard index with
 * {@link ZeroDivision#NAN}, as scikit-learn 1.9.1's {@code jaccard_score} does.
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
                score = mean(values, support);
                break;
            default: // BINARY, MACRO
                score = mean(values, null);
                break;
        }
        return result(metric, average, score, labels, values, support, warnings);
    }

    /** Reduces per-sample counts ({@code average=samples}). */
    public static ScoreResult reduceSamples(SamplewiseConfusion state, Metric metric, ZeroDivision zeroDivision) {
        List<String> warnings = new ArrayList<>();
        double[] sum = new double[4]; // weighted sum, weight, unweighted sum, samples
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
            sum[2] += samples * v;
            sum[3] += samples;
        });
        if (flags[0] && zeroDivision.warns()) {
            warnings.add(illDefinedMessage(metric, Average.SAMPLES, 2));
        }
        double score;
        if (state.samplesCounted() == 0 || !flags[1]) {
            score = Double.NaN;
        } else if (sum[1] == 0) {
            score = sum[2] / sum[3]; // the weights left sum to zero: the unweighted mean, as _nanaverage falls back
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
        // a range's labels are immutable and made when read: kept as they are, not boxed one by one
        List<Object> kept = labels instanceof IntegerRangeLabels ? labels : new ArrayList<>(labels);
        return new ScoreResult(metric, average, score, kept, values, support, warnings);
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
                double den = truth + predicted;
                return den == 0 ? zd.value() : 2.0 * tp / den;
            }
        }
    }

    /**
     * scikit-learn's {@code _nanaverage}: the (weighted) mean of the non-NaN entries; NaN when none is left; the
     * unweighted mean of those entries when their weights sum to zero.
     */
    private static double mean(double[] values, double[] weights) {
        double s = 0;
        double w = 0;
        double plain = 0;
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
            plain += v;
        }
        if (kept == 0) {
            return Double.NaN;
        }
        return w == 0 ? plain / kept : s / w;
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
