package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * scikit-learn 1.9.1's {@code classification_report}: for each label its precision tp/(tp+fp), recall
 * tp/(tp+fn), F1 2·tp/(2·tp+fp+fn) and support tp+fn, then the averages — {@code accuracy} (the micro average,
 * when every label is reported for a binary or multiclass target) or {@code micro avg}, {@code macro avg},
 * {@code weighted avg} and, for multilabel targets, {@code samples avg} — each computed by {@link Scorer} with
 * scikit-learn's zero-division rules. {@link #toText} prints the table as scikit-learn prints it,
 * {@link #toJson} gives the dictionary of {@code output_dict=True} (NaN as null). Weighted supports are summed
 * in sample order and their total pairwise, as numpy's {@code bincount} and {@code sum} do, so that the printed
 * digits are scikit-learn's (the scores come from the confusion state).
 */
public final class ClassificationReport {
    /** One line of the report: a label's (or an average's) scores and support. */
    public record Line(String name, double precision, double recall, double f1, double support) {
    }

    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};

    private final List<Line> labels;
    private final List<Line> averages;
    private final boolean accuracy;
    private final boolean weighted;
    private final List<String> warnings;

    private ClassificationReport(List<Line> labels, List<Line> averages, boolean accuracy, boolean weighted,
            List<String> warnings) {
        this.labels = Collections.unmodifiableList(labels);
        this.averages = Collections.unmodifiableList(averages);
        this.accuracy = accuracy;
        this.weighted = weighted;
        this.warnings = Collections.unmodifiableList(warnings);
    }

    /**
     * Builds the report.
     *
     * @param labels the labels to report, in order (null: every label present, sorted; column indices for
     *     multilabel targets)
     * @param sampleWeight one weight a sample, or null
     * @throws IllegalArgumentException for inputs scikit-learn rejects, with its message
     */
    public static ClassificationReport of(Target yTrue, Target yPred, double[] sampleWeight, List<Object> labels,
            ZeroDivision zeroDivision) {
        ClassificationScores.Checked c = ClassificationScores.check(yTrue, yPred, sampleWeight);
        List<Object> present = new ArrayList<>();
        if (c.multilabel()) {
            for (long j = 0; j < c.mt().columns(); j++) {
                present.add(j);
            }
        } else {
            present = LabelEncoder.unionSorted(c.t(), c.p());
        }
        Function<List<Object>, double[]> support = sampleWeight == null ? null
                : reported -> weightedSupport(c, reported, sampleWeight);
        return build(o -> Scorer.score(c.truth(), c.prediction(), sampleWeight, o), present, labels, c.multilabel(),
                zeroDivision, support);
    }

    /**
     * The report of a multiclass confusion state (e.g. counted from a dataset of masks), as
     * {@link #of(Target, Target, double[], List, ZeroDivision)} reports the samples that built it: a class is
     * present when its row or column is non-zero.
     *
     * @param classes the label of each class index of the state
     */
    public static ClassificationReport of(MulticlassConfusion state, LabelEncoder classes, List<Object> labels,
            ZeroDivision zeroDivision) {
        if (classes.size() != state.numClasses()) {
            throw new IllegalArgumentException(classes.size() + " class labels for a state of " + state.numClasses()
                    + " classes");
        }
        List<Object> present = Scorer.presentLabels(state.labelCounts(), classes);
        if (present.isEmpty()) {
            throw new IllegalArgumentException("Found empty input array (e.g., `y_true` or `y_pred`) while a minimum "
                    + "of 1 sample is required.");
        }
        return build(o -> Scorer.score(state, classes, present, o), present, labels, false, zeroDivision,
                state.isWeighted() ? reported -> null : null);
    }

    /**
     * The report from a scorer of the data: per-label precision, recall and F1 (average none), then the averages.
     *
     * @param weightedSupport null for unweighted data; else the supports of the reported labels as scikit-learn sums
     *     them (a function giving null takes the scorer's)
     */
    private static ClassificationReport build(Function<ScoreOptions, ScoreResult> scorer, List<Object> present,
            List<Object> labels, boolean multilabel, ZeroDivision zeroDivision,
            Function<List<Object>, double[]> weightedSupport) {
        List<Object> reported = new ArrayList<>();
        if (labels == null) {
            reported.addAll(present);
        } else {
            for (Object l : labels) {
                reported.add(LabelEncoder.normalize(l));
            }
        }
        boolean microIsAccuracy = !multilabel && (labels == null || reported.containsAll(present));
        List<String> warnings = new ArrayList<>();
        ScoreOptions base = ScoreOptions.builder().labels(reported).zeroDivision(zeroDivision).build();
        Metric[] prf = {Metric.PRECISION, Metric.RECALL, Metric.F1};
        ScoreResult[] perLabel = new ScoreResult[3];
        for (int m = 0; m < 3; m++) {
            perLabel[m] = scorer.apply(base.toBuilder().metric(prf[m]).average(Average.NONE).build());
            warnings.addAll(perLabel[m].warnings());
        }
        double[] support = weightedSupport == null ? null : weightedSupport.apply(reported);
        if (support == null) {
            support = perLabel[0].support();
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < reported.size(); i++) {
            Object l = reported.get(i);
            lines.add(new Line(String.valueOf(l), perLabel[0].perLabel()[i], perLabel[1].perLabel()[i],
                    perLabel[2].perLabel()[i], support[i]));
        }
        double supportSum = pairwiseSum(support, 0, support.length);
        List<Average> kinds = new ArrayList<>(List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED));
        if (multilabel) {
            kinds.add(Average.SAMPLES);
        }
        List<Line> averages = new ArrayList<>();
        for (Average a : kinds) {
            double[] v = new double[3];
            for (int m = 0; m < 3; m++) {
                ScoreResult r = scorer.apply(base.toBuilder().metric(prf[m]).average(a).build());
                warnings.addAll(r.warnings());
                v[m] = r.score();
            }
            String name = a == Average.MICRO && microIsAccuracy ? "accuracy" : a.id() + " avg";
            averages.add(new Line(name, v[0], v[1], v[2], supportSum));
        }
        return new ClassificationReport(lines, averages, microIsAccuracy, weightedSupport != null, warnings);
    }

    /** Σ weight of the true samples of each label, added in sample order (numpy's weighted bincount). */
    private static double[] weightedSupport(ClassificationScores.Checked c, List<Object> reported, double[] w) {
        double[] out = new double[reported.size()];
        if (c.multilabel()) {
            for (int k = 0; k < out.length; k++) {
                int j = (int) (long) (Long) reported.get(k);
                for (int i = 0; i < w.length; i++) {
                    if (c.mt().get(i, j) != 0) {
                        out[k] += w[i];
                    }
                }
            }
            return out;
        }
        LabelEncoder enc = LabelEncoder.of(new ArrayList<>(new java.util.LinkedHashSet<>(reported)));
        int[] t = enc.encodeOrMinusOne(c.t());
        double[] byClass = new double[enc.size()];
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= 0) {
                byClass[t[i]] += w[i];
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = byClass[enc.indexOf(reported.get(k))];
        }
        return out;
    }

    /** numpy's pairwise summation of a float64 array (blocks of 8 partial sums up to 128 values). */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double r = 0;
            for (int i = 0; i < n; i++) {
                r += a[from + i];
            }
            return r;
        }
        if (n <= 128) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    /** The per-label lines, in report order. */
    public List<Line> labels() {
        return labels;
    }

    /** The average lines: accuracy or micro, macro, weighted (and samples for multilabel targets). */
    public List<Line> averages() {
        return averages;
    }

    /** scikit-learn's warnings, in the order it raises them. */
    public List<String> warnings() {
        return warnings;
    }

    /** The text table with two digits, as {@code classification_report(...)} prints it. */
    public String toText() {
        return toText(2);
    }

    /** The text table with {@code digits} decimals ({@code classification_report(..., digits=digits)}). */
    public String toText(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be >= 0; got " + digits);
        }
        int width = Math.max("weighted avg".length(), digits);
        for (Line l : labels) {
            width = Math.max(width, l.name().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("", width)).append(' ');
        for (String h : HEADERS) {
            sb.append(' ').append(pad(h, 9));
        }
        sb.append("\n\n");
        for (Line l : labels) {
            row(sb, l, width, digits);
        }
        sb.append('\n');
        for (Line l : averages) {
            if (l.name().equals("accuracy")) {
                sb.append(pad(l.name(), width)).append(' ').append(' ').append(pad("", 9)).append(' ')
                        .append(pad("", 9)).append(' ').append(pad(PythonNumbers.fixed(l.f1(), digits), 9))
                        .append(' ').append(pad(support(l.support()), 9)).append('\n');
            } else {
                row(sb, l, width, digits);
            }
        }
        return sb.toString();
    }

    private void row(StringBuilder sb, Line l, int width, int digits) {
        sb.append(pad(l.name(), width)).append(' ');
        for (double v : new double[] {l.precision(), l.recall(), l.f1()}) {
            sb.append(' ').append(pad(PythonNumbers.fixed(v, digits), 9));
        }
        sb.append(' ').append(pad(support(l.support()), 9)).append('\n');
    }

    private String support(double s) {
        return weighted ? PythonNumbers.repr(s) : Long.toString((long) s);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /**
     * The dictionary of {@code classification_report(..., output_dict=True)} as JSON: one object a label and an
     * average ({@code precision}, {@code recall}, {@code f1-score}, {@code support}), and {@code accuracy} as a
     * number where scikit-learn reports it; NaN is written as null.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        List<Line> all = new ArrayList<>(labels);
        all.addAll(averages);
        for (int i = 0; i < all.size(); i++) {
            Line l = all.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(l.name())).append(": ");
            if (accuracy && i == labels.size()) {
                sb.append(number(l.precision()));
                continue;
            }
            sb.append("{\"precision\": ").append(number(l.precision())).append(", \"recall\": ")
                    .append(number(l.recall())).append(", \"f1-score\": ").append(number(l.f1()))
                    .append(", \"support\": ").append(number(l.support())).append('}');
        }
        return sb.append('}').toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? PythonNumbers.repr(v) : "null";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return toText();
    }
}
