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
        Target t = columnToVector(yTrue);
        Target p = columnToVector(yPred);
        TargetType type = checkTargets(t, p, options.task());
        if (type == TargetType.MULTILABEL_INDICATOR) {
            return scoreMultilabel((IndicatorMatrix) t, (IndicatorMatrix) p, sampleWeight, options);
        }
        return scoreLabels((LabelVector) t, (LabelVector) p, type, sampleWeight, options);
    }

    private static Target columnToVector(Target t) {
        if (t instanceof IndicatorMatrix && ((IndicatorMatrix) t).columns() == 1) {
            return ((IndicatorMatrix) t).asColumnVector();
        }
        return t;
    }

    /** scikit-learn's {@code _check_targets}: the common type of two targets, or an error. */
    static TargetType checkTargets(Target t, Target p, TargetType override) {
        TargetType tt = t.typeOfTarget();
        TargetType tp = p.typeOfTarget();
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
                throw new IllegalArgumentException("pos_label=" + LabelEncoder.format(o.posLabel())
                        + " is not a valid label. It should be one of " + LabelEncoder.formatList(present));
            }
        } else if (!Long.valueOf(1L).equals(o.posLabel())) {
            notes.add("Note that pos_label (set to " + LabelEncoder.format(o.posLabel())
                    + ") is ignored when average != 'binary' (got '" + avg.id()
                    + "'). You may use labels=[pos_label] to specify a single positive class.");
        }
        if (avg == Average.SAMPLES && type != TargetType.MULTILABEL_INDICATOR) {
            throw new IllegalArgumentException(
                    "Samplewise metrics are not available outside of multilabel classification.");
        }
    }

    private static ScoreResult scoreLabels(LabelVector t, LabelVector p, TargetType type, double[] w,
            ScoreOptions o) {
        List<Object> present = LabelEncoder.unionSorted(t, p);
        List<String> notes = new ArrayList<>();
        checkAverage(type, o, present, notes);
        boolean numeric = present.isEmpty() ? (o.labels() == null || o.labels().get(0) instanceof Long)
                : present.get(0) instanceof Long;
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
        // every label that is present or selected gets a dense index; a binary pos_label of the other type
        // than the data (possible only when the data holds fewer than two labels) simply counts nothing
        List<Object> all = new ArrayList<>(present);
        for (Object l : selected) {
            if ((l instanceof Long) == numeric && !all.contains(l)) {
                all.add(l);
            }
        }
        all = sortedLabels(all, numeric);
        LabelEncoder enc = LabelEncoder.of(all);
        int n = Math.max(enc.size(), 1);
        LabelCounts counts;
        if (enc.size() == 0) {
            counts = LabelCounts.of(new double[1], new double[1], new double[1]);
        } else {
            int[] ti = enc.encode(t);
            int[] pi = enc.encode(p);
            MulticlassConfusion cm = w == null ? MulticlassConfusion.of(n)
                    : MulticlassConfusion.weighted(n, MulticlassConfusion.NO_IGNORE);
            if (w == null) {
                cm.update(ti, pi);
            } else {
                cm.update(ti, pi, w);
            }
            counts = cm.labelCounts();
        }
        int[] idx = new int[selected.size()];
        double[] zero = new double[1];
        LabelCounts empty = LabelCounts.of(zero, zero, zero);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = enc.indexOf(selected.get(i));
            if (idx[i] < 0) {
                missing.add(i);
            }
        }
        LabelCounts chosen;
        if (missing.isEmpty()) {
            chosen = counts.select(idx);
        } else {
            double[] tp = new double[idx.length];
            double[] pr = new double[idx.length];
            double[] su = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                LabelCounts src = idx[i] < 0 ? empty : counts;
                int k = idx[i] < 0 ? 0 : idx[i];
                tp[i] = src.tp(k);
                pr[i] = src.predicted(k);
                su[i] = src.support(k);
            }
            chosen = LabelCounts.of(tp, pr, su);
        }
        ScoreResult r = OverlapScores.reduce(chosen, selected, o.metric(), o.average(), o.zeroDivision());
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
        List<Object> present = new ArrayList<>(l);
        for (long j = 0; j < l; j++) {
            present.add(j);
        }
        List<String> notes = new ArrayList<>();
        checkAverage(TargetType.MULTILABEL_INDICATOR, o, present, notes);
        int[] cols;
        List<Object> selected;
        if (o.labels() == null) {
            selected = present;
            cols = null;
        } else {
            selected = o.labels();
            cols = new int[selected.size()];
            long max = Long.MIN_VALUE;
            long min = Long.MAX_VALUE;
            for (int i = 0; i < cols.length; i++) {
                Object lab = selected.get(i);
                if (!(lab instanceof Long)) {
                    throw new IllegalArgumentException("labels of a multilabel target are column indices; got "
                            + LabelEncoder.format(lab));
                }
                long v = (Long) lab;
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            if (!selected.equals(present)) {
                if (max > l - 1) {
                    throw new IllegalArgumentException("All labels must be in [0, n labels) for multilabel targets. Got "
                            + max + " > " + (l - 1));
                }
                if (min < 0) {
                    throw new IllegalArgumentException("All labels must be in [0, n labels) for multilabel targets. Got "
                            + min + " < 0");
                }
            }
            for (int i = 0; i < cols.length; i++) {
                cols[i] = (int) (long) (Long) selected.get(i);
            }
        }
        ScoreResult r;
        if (o.average() == Average.SAMPLES) {
            int k = cols == null ? l : cols.length;
            SamplewiseConfusion s = w == null ? SamplewiseConfusion.of(k) : SamplewiseConfusion.weighted(k);
            s.update(t, p, cols, w);
            r = OverlapScores.reduceSamples(s, o.metric(), o.zeroDivision());
        } else {
            MultilabelConfusion m = w == null ? MultilabelConfusion.of(l) : MultilabelConfusion.weighted(l);
            m.update(t, p, w);
            LabelCounts c = m.labelCounts();
            if (cols != null) {
                c = c.select(cols);
            }
            r = OverlapScores.reduce(c, selected, o.metric(), o.average(), o.zeroDivision());
        }
        return withNotes(r, notes);
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
