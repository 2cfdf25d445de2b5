package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * scikit-learn's {@code jaccard_score}, {@code f1_score}, {@code precision_score} and {@code recall_score} on
 * whole targets: validates the targets as {@code _check_targets} does, infers (or takes) the target type,
 * resolves {@code labels} and {@code pos_label}, builds the matching confusion state and reduces it with
 * {@link OverlapScores}.
 *
 * <pre>{@code
 * ScoreResult r = Scorer.score(LabelVector.of(new int[] {0, 1, 2, 2}), LabelVector.of(new int[] {0, 2, 1, 2}),
 *         null, ScoreOptions.builder().average(Average.MACRO).build());
 * }</pre>
 */
public final class Scorer {
    private Scorer() {
    }

    /**
     * Scores predictions against the truth.
     *
     * @param sampleWeight one weight a sample, or null
     * @throws IllegalArgumentException for inputs scikit-learn rejects (inconsistent lengths, mixed target types,
     *     average=binary on a non-binary target, samples on a non-multilabel target, an invalid pos_label, ...)
     */
    public static ScoreResult score(Target yTrue, Target yPred, double[] sampleWeight, ScoreOptions options) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        Objects.requireNonNull(options, "options");
        checkZeroDivision(options.metric(), options.zeroDivision());
        checkLengths(yTrue, yPred, sampleWeight);
        Target t = columnToVector(yTrue);
        Target p = columnToVector(yPred);
        TargetType type = checkTargets(t, p, options.task());
        // scikit-learn's order: average and pos_label, then the sample weights, then samples and label columns
        List<Object> present = type == TargetType.MULTILABEL_INDICATOR
                ? columnLabels(((IndicatorMatrix) t).columns()) : LabelEncoder.unionSorted((LabelVector) t, (LabelVector) p);
        checkAverage(type, options, present, new ArrayList<>());
        checkSampleWeight(sampleWeight);
        checkSamples(type, options);
        if (type == TargetType.MULTILABEL_INDICATOR) {
            return scoreMultilabel((IndicatorMatrix) t, (IndicatorMatrix) p, sampleWeight, options);
        }
        return scoreLabels((LabelVector) t, (LabelVector) p, type, sampleWeight, options);
    }

    /**
     * scikit-learn 1.9.1's parameter check of {@code zero_division}: {@code jaccard_score} accepts 0, 1 and
     * {@code "warn"} only; f1, precision and recall accept {@code np.nan} too.
     *
     * @throws IllegalArgumentException for the Jaccard index with {@link ZeroDivision#NAN}, worded as scikit-learn
     */
    public static void checkZeroDivision(Metric metric, ZeroDivision zeroDivision) {
        if (metric == Metric.JACCARD && zeroDivision == ZeroDivision.NAN) {
            throw new IllegalArgumentException("The 'zero_division' parameter of jaccard_score must be a float among "
                    + "{0, 1} or a str among {'warn'}. Got nan instead.");
        }
    }

    /** The same number of samples in both targets and the weights, and finite weights. */
    static void checkLengths(Target yTrue, Target yPred, double[] sampleWeight) {
        if (yTrue.size() != yPred.size() || (sampleWeight != null && sampleWeight.length != yTrue.size())) {
            String sizes = sampleWeight == null ? yTrue.size() + ", " + yPred.size()
                    : yTrue.size() + ", " + yPred.size() + ", " + sampleWeight.length;
            throw new IllegalArgumentException(
                    "Found input variables with inconsistent numbers of samples: [" + sizes + "]");
        }
        if (sampleWeight != null) {
            for (int i = 0; i < sampleWeight.length; i++) {
                if (!Double.isFinite(sampleWeight[i])) {
                    throw new IllegalArgumentException("sample_weight[" + i + "] is " + sampleWeight[i]
                            + "; sample weights must be finite");
                }
            }
        }
    }

    /** scikit-learn's {@code _check_sample_weight}: weights that are all zero are rejected. */
    static void checkSampleWeight(double[] sampleWeight) {
        if (sampleWeight == null) {
            return;
        }
        for (double w : sampleWeight) {
            if (w != 0) {
                return;
            }
        }
        throw new IllegalArgumentException("Sample weights must contain at least one non-zero number.");
    }

    static Target columnToVector(Target t) {
        if (t instanceof IndicatorMatrix && ((IndicatorMatrix) t).columns() == 1) {
            return ((IndicatorMatrix) t).asColumnVector();
        }
        return t;
    }

    /** scikit-learn's {@code _check_targets}: the common type of two targets, or an error. */
    static TargetType checkTargets(Target t, Target p, TargetType override) {
        TargetType tt = t.typeOfTarget();
        TargetType tp = p.typeOfTarget();
        if (t.size() < 1 || p.size() < 1) {
            throw new IllegalArgumentException("Found empty input array (e.g., `y_true` or `y_pred`) while a minimum "
                    + "of 1 sample is required.");
        }
        TargetType type;
        if (tt == tp) {
            type = tt;
        } else if (tt != TargetType.MULTILABEL_INDICATOR && tp != TargetType.MULTILABEL_INDICATOR) {
            type = TargetType.MULTICLASS;
        } else {
            throw new IllegalArgumentException("Classification metrics can't handle a mix of " + tt.id() + " and "
                    + tp.id() + " targets");
        }
        if (type == TargetType.MULTILABEL_INDICATOR) {
            IndicatorMatrix a = (IndicatorMatrix) t;
            IndicatorMatrix b = (IndicatorMatrix) p;
            if (a.columns() != b.columns()) {
                throw new IllegalArgumentException("y_true has " + a.columns() + " label columns but y_pred has "
                        + b.columns());
            }
        } else {
            LabelVector a = (LabelVector) t;
            LabelVector b = (LabelVector) p;
            if (a.size() > 0 && b.size() > 0 && a.isNumeric() != b.isNumeric()) {
                throw new IllegalArgumentException("Labels in y_true and y_pred should be of the same type. Got y_true "
                        + (a.isNumeric() ? "integers" : "strings") + " and y_pred "
                        + (b.isNumeric() ? "integers" : "strings") + ".");
            }
            if (type == TargetType.BINARY && LabelEncoder.unionSorted(a, b).size() > 2) {
                type = TargetType.MULTICLASS;
            }
        }
        if (override == null || override == type) {
            return type;
        }
        if (override == TargetType.MULTICLASS && type == TargetType.BINARY) {
            return TargetType.MULTICLASS;
        }
        throw new IllegalArgumentException("task=" + override.id() + " was requested but the targets are "
                + type.id());
    }

    private static void checkAverage(TargetType type, ScoreOptions o, List<Object> present, List<String> notes) {
        Average avg = o.average();
        if (avg == Average.BINARY) {
            if (type != TargetType.BINARY) {
                String options = type == TargetType.MULTICLASS ? "[None, 'micro', 'macro', 'weighted']"
                        : "[None, 'micro', 'macro', 'weighted', 'samples']";
                throw new IllegalArgumentException("Target is " + type.id() + " but average='binary'. Please choose "
                        + "another average setting, one of " + options + ".");
            }
            if (!present.contains(o.posLabel()) && present.size() >= 2) {
                throw new IllegalArgumentException("pos_label=" + o.posLabel()
                        + " is not a valid label. It should be one of " + numpyArray(present));
            }
        } else if (!Long.valueOf(1L).equals(o.posLabel())) {
            notes.add("Note that pos_label (set to " + LabelEncoder.format(o.posLabel())
                    + ") is ignored when average != 'binary' (got "
                    + (avg == Average.NONE ? "None" : "'" + avg.id() + "'") + "). You may use labels=[pos_label] to specify a single positive class.");
        }
    }

    private static void checkSamples(TargetType type, ScoreOptions o) {
        if (o.average() == Average.SAMPLES && type != TargetType.MULTILABEL_INDICATOR) {
            throw new IllegalArgumentException(
                    "Samplewise metrics are not available outside of multilabel classification.");
        }
    }

    /** A list of labels as numpy prints an array: integers right-aligned to one width, strings quoted. */
    static String numpyArray(List<Object> labels) {
        int width = 0;
        for (Object l : labels) {
            width = Math.max(width, String.valueOf(l).length());
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Object l = labels.get(i);
            if (l instanceof String) {
                sb.append('\'').append(l).append('\'');
            } else {
                String v = String.valueOf(l);
                sb.append(" ".repeat(width - v.length())).append(v);
            }
        }
        return sb.append(']').toString();
    }

    private static ScoreResult scoreLabels(LabelVector t, LabelVector p, TargetType type, double[] w,
            ScoreOptions o) {
        List<Object> present = LabelEncoder.unionSorted(t, p);
        LabelEncoder enc = classes(present, o);
        return scoreCounts(countClasses(enc, t, p, w, Math.max(enc.size(), 1)), enc, present, type, o);
    }

    /**
     * The classes a score of label vectors counts: the labels present in the truth or the prediction
     * ({@code present}, as {@link LabelEncoder#unionSorted} gives them) and the requested {@code labels} that are
     * absent (they count zero samples), sorted as scikit-learn sorts labels. Class k of {@link #countEncoded} is
     * label {@code classes().get(k)}.
     */
    public static LabelEncoder classes(List<Object> present, ScoreOptions o) {
        List<Object> classes = new ArrayList<>(present);
        boolean numeric = present.isEmpty() ? (o.labels() == null || o.labels().get(0) instanceof Long)
                : present.get(0) instanceof Long;
        // labels requested but absent from the data get a dense index too: they count zero samples
        if (o.labels() != null) {
            for (Object l : o.labels()) {
                if ((l instanceof Long) == numeric && !classes.contains(l)) {
                    classes.add(l);
                }
            }
        }
        return LabelEncoder.of(sortedLabels(classes, numeric));
    }

    /** Classes with at most this many cells (C²) sum weights in a C×C matrix; more take the O(C) state. */
    private static final long WEIGHTED_MATRIX_CELLS = 1L << 22;

    /**
     * Per-class counts of encoded labels in O(C) memory: {@link ClassCounts} (integer counts, exactly what the
     * C×C matrix's row and column sums give). Weighted samples go through the C×C matrix while it has at most
     * {@link #WEIGHTED_MATRIX_CELLS} cells, so that its sums of rounded cells stay bit for bit what they were and
     * what distributed merges of that matrix give; beyond that, per-class double-double sums.
     */
    private static LabelCounts countClasses(LabelEncoder enc, LabelVector t, LabelVector p, double[] w, int n) {
        if (enc.size() == 0) {
            return ClassCounts.of(n).labelCounts();
        }
        return countEncoded(n, enc.encode(t), enc.encode(p), w);
    }

    /**
     * The per-class counts (tp, predicted, true) of encoded labels, summed exactly as {@link #score} sums them:
     * unweighted samples as integer counts, weighted samples through the C×C matrix while it has at most 2<sup>22</sup>
     * cells (row and column sums of its cells), beyond that per-class double-double sums.
     *
     * @param sampleWeight one weight a sample, or null
     */
    public static LabelCounts countEncoded(int numClasses, int[] truth, int[] prediction, double[] sampleWeight) {
        if (sampleWeight == null) {
            return ClassCounts.of(numClasses).update(truth, prediction, null).labelCounts();
        }
        if ((long) numClasses * numClasses <= WEIGHTED_MATRIX_CELLS) {
            return MulticlassConfusion.weighted(numClasses).update(truth, prediction, sampleWeight).labelCounts();
        }
        return ClassCounts.weighted(numClasses).update(truth, prediction, sampleWeight).labelCounts();
    }

    /**
     * Scores per-class counts (for instance an O(C) {@link ClassCounts} state's), as
     * {@link #score(MulticlassConfusion, LabelEncoder, ScoreOptions)} scores a matrix: a class is present when it
     * occurs in the truth or the prediction.
     *
     * @param classes the label of each class index of the counts
     */
    public static ScoreResult score(LabelCounts counts, LabelEncoder classes, ScoreOptions options) {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(classes, "classes");
        if (classes.size() != counts.size()) {
            throw new IllegalArgumentException(classes.size() + " class labels for counts of " + counts.size()
                    + " classes");
        }
        return score(counts, classes, presentLabels(counts, classes), options);
    }

    /**
     * The labels of the classes that occur in the truth or the prediction (a non-zero predicted or true count),
     * sorted as scikit-learn's {@code unique_labels} sorts them.
     */
    static List<Object> presentLabels(LabelCounts counts, LabelEncoder classes) {
        if (classes.isAscendingRange()) {
            // index order is label order already: keep the indices, make no label until one is read
            int[] at = new int[counts.size()];
            int n = 0;
            for (int k = 0; k < at.length; k++) {
                if (counts.predicted(k) != 0 || counts.support(k) != 0) {
                    at[n++] = k;
                }
            }
            return ((IntegerRangeLabels) classes.classes()).select(Arrays.copyOf(at, n));
        }
        List<Object> present = new ArrayList<>();
        for (int k = 0; k < counts.size(); k++) {
            if (counts.predicted(k) != 0 || counts.support(k) != 0) {
                present.add(classes.classes().get(k));
            }
        }
        return sortedLabels(present, classes.isNumeric() || classes.size() == 0);
    }

    /**
     * Scores a multiclass confusion state with scikit-learn's semantics, as {@link #score} would score the
     * samples that built it. A class counts as present when it occurs in the truth or the prediction (a
     * non-zero row or column); with two or fewer present classes the target is binary, else multiclass
     * (override with {@link ScoreOptions#task()}).
     *
     * @param classes the label of each class index of the state
     */
    public static ScoreResult score(MulticlassConfusion state, LabelEncoder classes, ScoreOptions options) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(classes, "classes");
        if (classes.size() != state.numClasses()) {
            throw new IllegalArgumentException(classes.size() + " class labels for a state of " + state.numClasses()
                    + " classes");
        }
        return score(state.labelCounts(), classes, options);
    }

    /**
     * Scores a multiclass state whose present labels (those occurring in truth or prediction) are known, e.g.
     * from a distinct pass over distributed data; the target is binary with at most two present labels.
     */
    public static ScoreResult score(MulticlassConfusion state, LabelEncoder classes, List<Object> present,
            ScoreOptions options) {
        if (classes.size() != state.numClasses()) {
            throw new IllegalArgumentException(classes.size() + " class labels for a state of " + state.numClasses()
                    + " classes");
        }
        return score(state.labelCounts(), classes, present, options);
    }

    /** Scores per-class counts whose present labels are known (see {@link #score(MulticlassConfusion, LabelEncoder,
     * List, ScoreOptions)}). */
    public static ScoreResult score(LabelCounts counts, LabelEncoder classes, List<Object> present,
            ScoreOptions options) {
        TargetType type = present.size() <= 2 ? TargetType.BINARY : TargetType.MULTICLASS;
        if (options.task() == TargetType.MULTILABEL_INDICATOR
                || options.task() == TargetType.BINARY && type != TargetType.BINARY) {
            throw new IllegalArgumentException("task=" + options.task().id() + " was requested but the targets are "
                    + type.id());
        }
        if (options.task() == TargetType.MULTICLASS) {
            type = TargetType.MULTICLASS;
        }
        return scoreCounts(counts, classes, present, type, options);
    }

    private static ScoreResult scoreCounts(LabelCounts counts, LabelEncoder enc, List<Object> present,
            TargetType type, ScoreOptions o) {
        checkZeroDivision(o.metric(), o.zeroDivision());
        List<String> notes = new ArrayList<>();
        checkAverage(type, o, present, notes);
        checkSamples(type, o);
        boolean numeric = enc.size() == 0 || enc.isNumeric();
        List<Object> selected;
        if (o.average() == Average.BINARY) {
            selected = List.of(o.posLabel());
        } else if (o.labels() != null) {
            selected = o.labels();
            for (Object l : selected) {
                if ((l instanceof Long) != numeric) {
                    throw new IllegalArgumentException("label " + LabelEncoder.format(l) + " is "
                            + (l instanceof Long ? "an integer" : "a string") + " but the targets hold "
                            + (numeric ? "integers" : "strings"));
                }
            }
        } else {
            selected = present;
        }
        // a selected label that is not a class (a binary pos_label absent from the data, possibly of the other
        // type than the data) counts nothing
        double[] tp = new double[selected.size()];
        double[] pr = new double[selected.size()];
        double[] su = new double[selected.size()];
        // present labels found from these counts carry their indices
        int[] known = selected instanceof IntegerRangeLabels
                ? ((IntegerRangeLabels) selected).offsetsIn(enc.classes()) : null;
        for (int i = 0; i < tp.length; i++) {
            int k = known != null ? known[i] : enc.indexOf(selected.get(i));
            if (k >= 0) {
                tp[i] = counts.tp(k);
                pr[i] = counts.predicted(k);
                su[i] = counts.support(k);
            }
        }
        ScoreResult r = OverlapScores.reduce(LabelCounts.of(tp, pr, su), selected, o.metric(), o.average(),
                o.zeroDivision());
        return withNotes(r, notes);
    }

    private static List<Object> sortedLabels(List<Object> labels, boolean numeric) {
        if (numeric) {
            long[] v = new long[labels.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (Long) labels.get(i);
            }
            Arrays.sort(v);
            List<Object> out = new ArrayList<>(v.length);
            for (long x : v) {
                out.add(x);
            }
            return out;
        }
        List<Object> out = new ArrayList<>();
        TreeSet<String> s = new TreeSet<>();
        for (Object o : labels) {
            s.add((String) o);
        }
        out.addAll(s);
        return out;
    }

    private static ScoreResult scoreMultilabel(IndicatorMatrix t, IndicatorMatrix p, double[] w, ScoreOptions o) {
        int l = t.columns();
        if (o.average() == Average.SAMPLES) {
            int[] cols = multilabelColumns(l, o);
            int k = cols == null ? l : cols.length;
            SamplewiseConfusion s = w == null ? SamplewiseConfusion.of(k) : SamplewiseConfusion.weighted(k);
            s.update(t, p, cols, w);
            return scoreSamples(s, l, o);
        }
        MultilabelConfusion m = w == null ? MultilabelConfusion.of(l) : MultilabelConfusion.weighted(l);
        m.update(t, p, w);
        return scoreMultilabel(m, o);
    }

    /**
     * The label columns a multilabel score counts, validated as scikit-learn validates {@code labels} for
     * multilabel targets; null means every column.
     *
     * @throws IllegalArgumentException for a label that is not a column index in [0, numLabels)
     */
    public static int[] multilabelColumns(int numLabels, ScoreOptions o) {
        if (o.labels() == null) {
            return null;
        }
        List<Object> selected = o.labels();
        int[] cols = new int[selected.size()];
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        boolean identity = selected.size() == numLabels;
        for (int i = 0; i < cols.length; i++) {
            Object lab = selected.get(i);
            if (!(lab instanceof Long)) {
                throw new IllegalArgumentException("labels of a multilabel target are column indices; got "
                        + LabelEncoder.format(lab));
            }
            long v = (Long) lab;
            max = Math.max(max, v);
            min = Math.min(min, v);
            identity &= v == i;
        }
        if (!identity) {
            if (max > numLabels - 1) {
                throw new IllegalArgumentException("All labels must be in [0, n labels) for multilabel targets. Got "
                        + max + " > " + (numLabels - 1));
            }
            if (min < 0) {
                throw new IllegalArgumentException("All labels must be in [0, n labels) for multilabel targets. Got "
                        + min + " < 0");
            }
        }
        for (int i = 0; i < cols.length; i++) {
            cols[i] = (int) (long) (Long) selected.get(i);
        }
        return cols;
    }

    private static List<Object> columnLabels(int numLabels) {
        List<Object> present = new ArrayList<>(numLabels);
        for (long j = 0; j < numLabels; j++) {
            present.add(j);
        }
        return present;
    }

    /**
     * Scores a multilabel state (any average but {@code samples}) with scikit-learn's semantics, as
     * {@link #score} scores the indicator matrices that built it.
     */
    public static ScoreResult scoreMultilabel(MultilabelConfusion state, ScoreOptions o) {
        int l = state.numLabels();
        List<Object> present = columnLabels(l);
        checkZeroDivision(o.metric(), o.zeroDivision());
        List<String> notes = new ArrayList<>();
        checkAverage(TargetType.MULTILABEL_INDICATOR, o, present, notes);
        int[] cols = multilabelColumns(l, o);
        LabelCounts c = state.labelCounts();
        if (cols != null) {
            c = c.select(cols);
        }
        return withNotes(OverlapScores.reduce(c, o.labels() == null ? present : o.labels(), o.metric(), o.average(),
                o.zeroDivision()), notes);
    }

    /**
     * Scores per-sample counts ({@code average=samples}) of a multilabel target with {@code numLabels} columns;
     * the state must have been built over {@link #multilabelColumns}.
     */
    public static ScoreResult scoreSamples(SamplewiseConfusion state, int numLabels, ScoreOptions o) {
        checkZeroDivision(o.metric(), o.zeroDivision());
        List<String> notes = new ArrayList<>();
        checkAverage(TargetType.MULTILABEL_INDICATOR, o, columnLabels(numLabels), notes);
        int[] cols = multilabelColumns(numLabels, o);
        if ((cols == null ? numLabels : cols.length) != state.numLabels()) {
            throw new IllegalArgumentException("the samplewise state counts " + state.numLabels()
                    + " labels but the options select " + (cols == null ? numLabels : cols.length));
        }
        return withNotes(OverlapScores.reduceSamples(state, o.metric(), o.zeroDivision()), notes);
    }

    private static ScoreResult withNotes(ScoreResult r, List<String> notes) {
        if (notes.isEmpty()) {
            return r;
        }
        List<String> all = new ArrayList<>(notes);
        all.addAll(r.warnings());
        return new ScoreResult(r.metric(), r.average(), r.score(), new ArrayList<>(r.labels()), r.perLabel(),
                r.support(), all);
    }
}
