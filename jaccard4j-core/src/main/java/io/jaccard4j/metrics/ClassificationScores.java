package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * scikit-learn 1.9.1's classification scores beyond the overlap family, each reduced from a confusion state:
 * {@code accuracy_score}, {@code balanced_accuracy_score}, {@code hamming_loss}, {@code zero_one_loss},
 * {@code matthews_corrcoef}, {@code cohen_kappa_score}, {@code top_k_accuracy_score} and
 * {@code multilabel_confusion_matrix}; the formulas are listed on {@link ClassificationMetric}. Inputs are
 * validated as scikit-learn validates them, with its messages; its warnings come back in
 * {@link MetricScore#warnings()}.
 *
 * <p>One entry point serves a scoring engine that dispatches on a metric name:
 * <pre>{@code
 * MetricScore s = ClassificationScores.score(ClassificationMetric.parse("cohen-kappa"), yTrue, yPred, null,
 *         ScoreOptions.builder().kappaWeights(KappaWeights.QUADRATIC).build());
 * }</pre>
 */
public final class ClassificationScores {
    static final String SINGLE_LABEL = "A single label was found in 'y_true' and 'y_pred'. For the confusion "
            + "matrix to have the correct shape, use the 'labels' parameter to pass all known labels.";

    private ClassificationScores() {
    }

    /**
     * Scores label predictions with one of the metrics; the options used are {@code normalize} (accuracy,
     * zero-one loss), {@code adjusted} (balanced accuracy), {@code kappaWeights} and {@code labels} (Cohen's
     * kappa). Top-k accuracy needs scores: use {@link #score(ClassificationMetric, Target, ScoreMatrix, double[],
     * ScoreOptions)}.
     *
     * @param sampleWeight one weight a sample, or null
     * @throws IllegalArgumentException for inputs scikit-learn rejects, with its message
     */
    public static MetricScore score(ClassificationMetric metric, Target yTrue, Target yPred, double[] sampleWeight,
            ScoreOptions options) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(options, "options");
        List<String> warnings = new ArrayList<>();
        double v;
        switch (metric) {
            case ACCURACY:
                v = accuracy(yTrue, yPred, sampleWeight, options.normalize());
                break;
            case BALANCED_ACCURACY:
                v = balancedAccuracy(yTrue, yPred, sampleWeight, options.adjusted(), warnings);
                break;
            case HAMMING_LOSS:
                v = hammingLoss(yTrue, yPred, sampleWeight);
                break;
            case ZERO_ONE_LOSS:
                v = zeroOneLoss(yTrue, yPred, sampleWeight, options.normalize());
                break;
            case MCC:
                v = matthewsCorrcoef(yTrue, yPred, sampleWeight, warnings);
                break;
            case COHEN_KAPPA:
                v = cohenKappa(yTrue, yPred, options.labels(), options.kappaWeights(), sampleWeight, warnings);
                break;
            default:
                throw new IllegalArgumentException("top-k-accuracy scores a samples x classes score matrix, not "
                        + "predicted labels");
        }
        return new MetricScore(metric.id(), v, warnings);
    }

    /**
     * Scores a score matrix: {@link ClassificationMetric#TOP_K_ACCURACY} with the options' {@code k},
     * {@code normalize} and {@code labels}.
     */
    public static MetricScore score(ClassificationMetric metric, Target yTrue, ScoreMatrix yScore,
            double[] sampleWeight, ScoreOptions options) {
        if (metric != ClassificationMetric.TOP_K_ACCURACY) {
            throw new IllegalArgumentException(metric.id() + " scores predicted labels, not a score matrix");
        }
        List<String> warnings = new ArrayList<>();
        double v = topKAccuracy(yTrue, yScore, options.k(), options.normalize(), sampleWeight, options.labels(),
                warnings);
        return new MetricScore(metric.id(), v, warnings);
    }

    /** Validated targets (scikit-learn's {@code _check_targets} with sample weights). */
    record Checked(TargetType type, Target truth, Target prediction) {
        LabelVector t() {
            return (LabelVector) truth;
        }

        LabelVector p() {
            return (LabelVector) prediction;
        }

        IndicatorMatrix mt() {
            return (IndicatorMatrix) truth;
        }

        IndicatorMatrix mp() {
            return (IndicatorMatrix) prediction;
        }

        boolean multilabel() {
            return type == TargetType.MULTILABEL_INDICATOR;
        }
    }

    static Checked check(Target yTrue, Target yPred, double[] sampleWeight) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        Scorer.checkLengths(yTrue, yPred, sampleWeight);
        Target t = Scorer.columnToVector(yTrue);
        Target p = Scorer.columnToVector(yPred);
        TargetType type = Scorer.checkTargets(t, p, null);
        Scorer.checkSampleWeight(sampleWeight);
        return new Checked(type, t, p);
    }

    /** The confusion state over {@code classes} (samples whose truth or prediction is not one of them are left out). */
    static MulticlassConfusion confusion(LabelVector t, LabelVector p, double[] w, List<Object> classes) {
        LabelEncoder enc = LabelEncoder.of(classes);
        int[] ti = enc.encodeOrMinusOne(t);
        int[] pi = enc.encodeOrMinusOne(p);
        int n = 0;
        for (int i = 0; i < ti.length; i++) {
            if (ti[i] >= 0 && pi[i] >= 0) {
                n++;
            }
        }
        int[] tk = new int[n];
        int[] pk = new int[n];
        double[] wk = w == null ? null : new double[n];
        for (int i = 0, j = 0; i < ti.length; i++) {
            if (ti[i] >= 0 && pi[i] >= 0) {
                tk[j] = ti[i];
                pk[j] = pi[i];
                if (wk != null) {
                    wk[j] = w[i];
                }
                j++;
            }
        }
        int c = Math.max(classes.size(), 1);
        if (w == null) {
            return MulticlassConfusion.of(c).update(tk, pk);
        }
        return MulticlassConfusion.weighted(c, MulticlassConfusion.NO_IGNORE).update(tk, pk, wk);
    }

    private static MulticlassConfusion confusion(Checked c, double[] w) {
        return confusion(c.t(), c.p(), w, LabelEncoder.unionSorted(c.t(), c.p()));
    }

    private static SamplewiseConfusion samplewise(Checked c, double[] w) {
        int l = c.mt().columns();
        SamplewiseConfusion s = w == null ? SamplewiseConfusion.of(l) : SamplewiseConfusion.weighted(l);
        return s.update(c.mt(), c.mp(), null, w);
    }

    private static MultilabelConfusion multilabel(Checked c, double[] w) {
        int l = c.mt().columns();
        MultilabelConfusion m = w == null ? MultilabelConfusion.of(l) : MultilabelConfusion.weighted(l);
        return m.update(c.mt(), c.mp(), w);
    }

    /**
     * Scores a multiclass confusion state (e.g. counted from a dataset of masks, or merged from partitions) with
     * one of the label metrics, as {@link #score(ClassificationMetric, Target, Target, double[], ScoreOptions)}
     * scores the samples that built it: a class counts as present when its row or column is non-zero (so with
     * sample weights a class whose samples all weigh 0 is not present, and scikit-learn's "single label" and
     * "classes not in y_true" warnings may then differ, and so may linear or quadratic kappa, whose weights follow
     * the positions of the present classes; pass such a class in {@code labels} to keep its position). Sample weights that are all zero
     * cannot be told from the state and are not rejected here.
     *
     * @param classes the label of each class index of the state
     */
    public static MetricScore score(ClassificationMetric metric, MulticlassConfusion state, LabelEncoder classes,
            ScoreOptions options) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(options, "options");
        if (classes.size() != state.numClasses()) {
            throw new IllegalArgumentException(classes.size() + " class labels for a state of " + state.numClasses()
                    + " classes");
        }
        LabelCounts counts = state.labelCounts();
        List<Integer> present = new ArrayList<>();
        for (int k = 0; k < counts.size(); k++) {
            if (counts.predicted(k) != 0 || counts.support(k) != 0) {
                present.add(k);
            }
        }
        if (present.isEmpty()) {
            throw new IllegalArgumentException("Found empty input array (e.g., `y_true` or `y_pred`) while a minimum "
                    + "of 1 sample is required.");
        }
        int[] idx = present.stream().mapToInt(Integer::intValue).toArray();
        List<String> warnings = new ArrayList<>();
        double v;
        switch (metric) {
            case ACCURACY:
                v = options.normalize() ? trace(state) / state.total() : trace(state);
                break;
            case ZERO_ONE_LOSS:
                v = options.normalize() ? 1 - trace(state) / state.total() : state.total() - trace(state);
                break;
            case HAMMING_LOSS:
                v = offDiagonal(state) / state.total();
                break;
            case BALANCED_ACCURACY:
                v = balancedAccuracy(state, idx, options.adjusted(), warnings);
                break;
            case MCC:
                v = matthewsCorrcoef(state, idx.length, warnings);
                break;
            case COHEN_KAPPA: {
                int[] sel = idx;
                if (options.labels() != null) {
                    boolean[] inTruth = new boolean[counts.size()];
                    for (int k = 0; k < inTruth.length; k++) {
                        inTruth[k] = counts.support(k) != 0;
                    }
                    sel = kappaIndices(options.labels(), classes, inTruth);
                }
                v = cohenKappa(state, sel, options.kappaWeights(), warnings);
                break;
            }
            default:
                throw new IllegalArgumentException("top-k-accuracy scores a samples x classes score matrix, not a "
                        + "confusion state");
        }
        return new MetricScore(metric.id(), v, warnings);
    }

    private static double trace(MulticlassConfusion cm) {
        double s = 0;
        for (int k = 0; k < cm.numClasses(); k++) {
            s += cm.get(k, k);
        }
        return s;
    }

    private static double offDiagonal(MulticlassConfusion cm) {
        double wrong = 0;
        for (int t = 0; t < cm.numClasses(); t++) {
            for (int p = 0; p < cm.numClasses(); p++) {
                if (t != p) {
                    wrong += cm.get(t, p);
                }
            }
        }
        return wrong;
    }

    /** [correct, total]: the count (or weight) of exactly right samples and of all samples. */
    private static double[] correctAndTotal(Checked c, double[] w) {
        if (c.multilabel()) {
            double[] out = new double[2];
            samplewise(c, w).forEach((tp, fp, fn, samples, weight) -> {
                double v = w == null ? samples : weight;
                out[1] += v;
                if (fp == 0 && fn == 0) {
                    out[0] += v;
                }
            });
            return out;
        }
        MulticlassConfusion cm = confusion(c, w);
        return new double[] {trace(cm), cm.total()};
    }

    /**
     * {@code accuracy_score}: the fraction (or with {@code normalize=false} the count, or summed weight) of samples
     * predicted exactly right; a multilabel sample must match in every label.
     */
    public static double accuracy(Target yTrue, Target yPred, double[] sampleWeight, boolean normalize) {
        double[] ct = correctAndTotal(check(yTrue, yPred, sampleWeight), sampleWeight);
        return normalize ? ct[0] / ct[1] : ct[0];
    }

    /** {@code zero_one_loss}: 1 − accuracy, or with {@code normalize=false} the count (weight) of wrong samples. */
    public static double zeroOneLoss(Target yTrue, Target yPred, double[] sampleWeight, boolean normalize) {
        double[] ct = correctAndTotal(check(yTrue, yPred, sampleWeight), sampleWeight);
        return normalize ? 1 - ct[0] / ct[1] : ct[1] - ct[0];
    }

    /**
     * {@code hamming_loss}: the fraction of wrong labels — wrong samples over all for one label a sample,
     * Σ(fp + fn) / (L · N) for multilabel indicators (N the sample count or summed weight).
     */
    public static double hammingLoss(Target yTrue, Target yPred, double[] sampleWeight) {
        Checked c = check(yTrue, yPred, sampleWeight);
        if (c.multilabel()) {
            return hammingLoss(multilabel(c, sampleWeight));
        }
        MulticlassConfusion cm = confusion(c, sampleWeight);
        return offDiagonal(cm) / cm.total();
    }

    /** {@code hamming_loss} of a multilabel state: Σ(fp + fn) / (L · N). */
    public static double hammingLoss(MultilabelConfusion m) {
        double wrong = 0;
        for (int j = 0; j < m.numLabels(); j++) {
            wrong += m.fp(j) + m.fn(j);
        }
        double n = m.tp(0) + m.fp(0) + m.fn(0) + m.tn(0);
        return wrong / (m.numLabels() * n);
    }

    private static MulticlassConfusion labelConfusion(Checked c, double[] w) {
        if (c.multilabel()) {
            throw new IllegalArgumentException("multilabel-indicator is not supported");
        }
        return confusion(c, w);
    }

    private static int[] allClasses(MulticlassConfusion cm) {
        int[] idx = new int[cm.numClasses()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        return idx;
    }

    /**
     * {@code balanced_accuracy_score}: the mean recall over the classes that occur in the truth (a class only
     * predicted is left out, with scikit-learn's warning); {@code adjusted} maps chance (1/K) to 0.
     */
    public static double balancedAccuracy(Target yTrue, Target yPred, double[] sampleWeight, boolean adjusted,
            List<String> warnings) {
        MulticlassConfusion cm = labelConfusion(check(yTrue, yPred, sampleWeight), sampleWeight);
        return balancedAccuracy(cm, allClasses(cm), adjusted, warnings);
    }

    private static double balancedAccuracy(MulticlassConfusion cm, int[] classes, boolean adjusted,
            List<String> warnings) {
        if (classes.length == 1) {
            warnings.add(SINGLE_LABEL);
        }
        LabelCounts counts = cm.labelCounts();
        double sum = 0;
        int kept = 0;
        for (int k : classes) {
            double r = counts.tp(k) / counts.support(k);
            if (Double.isNaN(r)) {
                continue;
            }
            sum += r;
            kept++;
        }
        if (kept < classes.length) {
            warnings.add("y_pred contains classes not in y_true");
        }
        double score = sum / kept;
        if (adjusted) {
            double chance = 1.0 / kept;
            score -= chance;
            score /= 1 - chance;
        }
        return score;
    }

    /** {@code matthews_corrcoef}, the multiclass correlation coefficient of the confusion matrix (0 when undefined). */
    public static double matthewsCorrcoef(Target yTrue, Target yPred, double[] sampleWeight, List<String> warnings) {
        MulticlassConfusion cm = labelConfusion(check(yTrue, yPred, sampleWeight), sampleWeight);
        return matthewsCorrcoef(cm, cm.numClasses(), warnings);
    }

    private static double matthewsCorrcoef(MulticlassConfusion cm, int presentClasses, List<String> warnings) {
        if (presentClasses == 1) {
            warnings.add(SINGLE_LABEL);
        }
        LabelCounts counts = cm.labelCounts();
        double correct = 0;
        double samples = 0;
        double tp = 0;
        double pp = 0;
        double tt = 0;
        for (int k = 0; k < counts.size(); k++) {
            correct += counts.tp(k);
            samples += counts.predicted(k);
            tp += counts.support(k) * counts.predicted(k);
            pp += counts.predicted(k) * counts.predicted(k);
            tt += counts.support(k) * counts.support(k);
        }
        double covYtYp = correct * samples - tp;
        double covYpYp = samples * samples - pp;
        double covYtYt = samples * samples - tt;
        double product = covYpYp * covYtYt;
        return product == 0 ? 0.0 : covYtYp / Math.sqrt(product);
    }

    /**
     * {@code cohen_kappa_score}: agreement of two raters beyond chance, over {@code labels} (null: every label
     * seen); NaN with scikit-learn's warning where it is undefined.
     */
    public static double cohenKappa(Target y1, Target y2, List<Object> labels, KappaWeights weights,
            double[] sampleWeight, List<String> warnings) {
        Checked c = check(y1, y2, sampleWeight);
        MulticlassConfusion cm = labelConfusion(c, sampleWeight);
        LabelEncoder classes = LabelEncoder.of(LabelEncoder.unionSorted(c.t(), c.p()));
        int[] sel = allClasses(cm);
        if (labels != null) {
            boolean[] inTruth = new boolean[classes.size()];
            for (Object l : c.t().uniqueLabels()) {
                inTruth[classes.indexOf(l)] = true;
            }
            sel = kappaIndices(labels, classes, inTruth);
        }
        return cohenKappa(cm, sel, weights, warnings);
    }

    /**
     * The class indices of kappa's {@code labels} (−1 for a label that is no class), validated as scikit-learn
     * validates them: at least one must occur in the truth ({@code inTruth} by class index).
     */
    private static int[] kappaIndices(List<Object> labels, LabelEncoder classes, boolean[] inTruth) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("'labels' should contain at least one label.");
        }
        int[] sel = new int[labels.size()];
        boolean any = false;
        for (int i = 0; i < sel.length; i++) {
            sel[i] = classes.indexOf(labels.get(i));
            any |= sel[i] >= 0 && inTruth[sel[i]];
        }
        if (!any) {
            throw new IllegalArgumentException("At least one label in `labels` must be present in `y1` (even "
                    + "though `cohen_kappa_score` is otherwise agnostic to the order of `y1` and `y2`).");
        }
        return sel;
    }

    /** Kappa of the sub-matrix of the given class indices (−1: a label with no samples), in that order. */
    private static double cohenKappa(MulticlassConfusion cm, int[] sel, KappaWeights weights, List<String> warnings) {
        int n = sel.length;
        if (n == 1) {
            warnings.add(SINGLE_LABEL);
        }
        double[][] m = new double[n][n];
        double[] rows = new double[n];
        double[] cols = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = sel[i] < 0 || sel[j] < 0 ? 0 : cm.get(sel[i], sel[j]);
                rows[i] += m[i][j];
                cols[j] += m[i][j];
                total += m[i][j];
            }
        }
        if (total == 0) {
            warnings.add("`y2` contains no labels that are present in both `y1` and `labels`.`cohen_kappa_score` is "
                    + "undefined and set to the value defined by the `replace_undefined_by` param, which is set to "
                    + "nan.");
            return Double.NaN;
        }
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = weights.weight(i, j);
                observed += w * m[i][j];
                // scikit-learn's expected matrix: outer(column sums, row sums) / N
                expected += w * (cols[i] * rows[j] / total);
            }
        }
        if (expected == 0) {
            warnings.add("`y1`, `y2` and `labels` have only one label in common. `cohen_kappa_score` is undefined and "
                    + "set to the value defined by the the `replace_undefined_by` param, which is set to nan.");
            return Double.NaN;
        }
        return 1 - observed / expected;
    }

    /**
     * {@code top_k_accuracy_score}: the fraction (or count, or summed weight) of samples whose true class is among
     * the k highest scores of its row; of equal scores the higher class index ranks first. A 1-D score belongs to
     * the greater of two classes: with k = 1 it predicts that class above 0.5 (scores in [0, 1]) or above 0.
     *
     * @param labels the classes of the score columns, sorted; null: the classes of {@code yTrue}
     */
    public static double topKAccuracy(Target yTrue, ScoreMatrix yScore, int k, boolean normalize,
            double[] sampleWeight, List<Object> labels, List<String> warnings) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yScore, "yScore");
        Target t0 = Scorer.columnToVector(yTrue);
        TargetType type = t0.typeOfTarget();
        if (type == TargetType.BINARY && labels != null && labels.size() > 2) {
            type = TargetType.MULTICLASS;
        }
        if (type == TargetType.MULTILABEL_INDICATOR) {
            throw new IllegalArgumentException("y type must be 'binary' or 'multiclass', got 'multilabel-indicator' "
                    + "instead.");
        }
        LabelVector t = (LabelVector) t0;
        boolean vector = yScore.isVector() || (type == TargetType.BINARY && yScore.columns() == 1);
        if (type == TargetType.BINARY && !vector) {
            throw new IllegalArgumentException("`y_true` is binary while y_score is 2d with " + yScore.columns()
                    + " classes. If `y_true` does not contain all the labels, `labels` must be provided.");
        }
        if (type == TargetType.MULTICLASS && yScore.isVector()) {
            throw new IllegalArgumentException("`y_score` needs to be of shape `(n_samples, n_classes)`, since `y_true` "
                    + "contains multiple classes. Got `y_score.shape=(" + yScore.rows() + ",)`.");
        }
        for (int i = 0; i < yScore.rows(); i++) {
            for (int j = 0; j < yScore.columns(); j++) {
                double s = yScore.get(i, j);
                if (Double.isNaN(s)) {
                    throw new IllegalArgumentException("Input y_score contains NaN.");
                }
                if (Double.isInfinite(s)) {
                    throw new IllegalArgumentException("Input y_score contains infinity.");
                }
            }
        }
        if (t.size() != yScore.rows() || (sampleWeight != null && sampleWeight.length != t.size())) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + t.size() + ", " + yScore.rows() + (sampleWeight == null ? "" : ", " + sampleWeight.length) + "]");
        }
        int scoreClasses = vector ? 2 : yScore.columns();
        List<Object> classes;
        if (labels == null) {
            classes = t.uniqueLabels();
            if (classes.size() != scoreClasses) {
                throw new IllegalArgumentException("Number of classes in 'y_true' (" + classes.size() + ") not equal "
                        + "to the number of classes in 'y_score' (" + scoreClasses + ").You can provide a list of all "
                        + "known classes by assigning it to the `labels` parameter.");
            }
        } else {
            List<Object> given = new ArrayList<>();
            for (Object l : labels) {
                given.add(LabelEncoder.normalize(l));
            }
            List<Object> sorted = sortedUnique(given);
            if (sorted.size() != given.size()) {
                throw new IllegalArgumentException("Parameter 'labels' must be unique.");
            }
            if (!sorted.equals(given)) {
                throw new IllegalArgumentException("Parameter 'labels' must be ordered.");
            }
            if (sorted.size() != scoreClasses) {
                throw new IllegalArgumentException("Number of given labels (" + sorted.size() + ") not equal to the "
                        + "number of classes in 'y_score' (" + scoreClasses + ").");
            }
            for (Object l : t.uniqueLabels()) {
                if (!sorted.contains(l)) {
                    throw new IllegalArgumentException("'y_true' contains labels not in parameter 'labels'.");
                }
            }
            classes = sorted;
        }
        int n = classes.size();
        if (k >= n) {
            warnings.add("'k' (" + k + ") greater than or equal to 'n_classes' (" + n + ") will result in a perfect "
                    + "score and is therefore meaningless.");
        }
        int[] truth = LabelEncoder.of(classes).encode(t);
        boolean[] hits = new boolean[truth.length];
        if (vector) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < truth.length; i++) {
                min = Math.min(min, yScore.get(i, 0));
                max = Math.max(max, yScore.get(i, 0));
            }
            double threshold = min >= 0 && max <= 1 ? 0.5 : 0;
            for (int i = 0; i < truth.length; i++) {
                hits[i] = k != 1 || (yScore.get(i, 0) > threshold ? 1 : 0) == truth[i];
            }
        } else {
            for (int i = 0; i < truth.length; i++) {
                int e = truth[i];
                double s = yScore.get(i, e);
                int above = 0; // classes ranked before the true one
                for (int j = 0; j < n; j++) {
                    double v = yScore.get(i, j);
                    if (v > s || (v == s && j > e)) {
                        above++;
                    }
                }
                hits[i] = above < k;
            }
        }
        double hit = 0;
        double total = 0;
        for (int i = 0; i < hits.length; i++) {
            double w = sampleWeight == null ? 1 : sampleWeight[i];
            total += w;
            if (hits[i]) {
                hit += w;
            }
        }
        if (!normalize) {
            return hit;
        }
        if (total == 0) {
            throw new IllegalArgumentException("Weights sum to zero, can't be normalized");
        }
        return hit / total;
    }

    /**
     * {@code multilabel_confusion_matrix}: one 2×2 matrix [[tn, fp], [fn, tp]] a label (in {@code labels} order;
     * null: every label, sorted) — or, with {@code samplewise}, a sample (multilabel targets only), each count
     * weighted by the sample weight.
     */
    public static double[][][] multilabelConfusionMatrix(Target yTrue, Target yPred, double[] sampleWeight,
            List<Object> labels, boolean samplewise) {
        Checked c = check(yTrue, yPred, sampleWeight);
        if (!c.multilabel()) {
            if (samplewise) {
                throw new IllegalArgumentException(
                        "Samplewise metrics are not available outside of multilabel classification.");
            }
            List<Object> present = LabelEncoder.unionSorted(c.t(), c.p());
            List<Object> selected = new ArrayList<>();
            List<Object> all = new ArrayList<>(present);
            if (labels == null) {
                selected.addAll(present);
            } else {
                for (Object l : labels) {
                    Object v = LabelEncoder.normalize(l);
                    selected.add(v);
                    if (!all.contains(v)) {
                        all.add(v);
                    }
                }
            }
            MulticlassConfusion cm = confusion(c.t(), c.p(), sampleWeight, all);
            LabelCounts counts = cm.labelCounts();
            double total = cm.total();
            LabelEncoder enc = LabelEncoder.of(all);
            double[][][] out = new double[selected.size()][][];
            for (int i = 0; i < out.length; i++) {
                int k = enc.indexOf(selected.get(i));
                out[i] = cell(total, counts.tp(k), counts.fp(k), counts.fn(k));
            }
            return out;
        }
        int l = c.mt().columns();
        int[] cols = Scorer.multilabelColumns(l, ScoreOptions.builder().labels(labels).build());
        if (cols == null) {
            cols = new int[l];
            for (int j = 0; j < l; j++) {
                cols[j] = j;
            }
        }
        if (samplewise) {
            IndicatorMatrix t = c.mt();
            IndicatorMatrix p = c.mp();
            double[][][] out = new double[t.size()][][];
            for (int i = 0; i < out.length; i++) {
                double tp = 0;
                double fp = 0;
                double fn = 0;
                for (int col : cols) {
                    int a = t.get(i, col);
                    int b = p.get(i, col);
                    tp += a & b;
                    fp += b & ~a & 1;
                    fn += a & ~b & 1;
                }
                double w = sampleWeight == null ? 1 : sampleWeight[i];
                out[i] = cell(w * cols.length, w * tp, w * fp, w * fn);
            }
            return out;
        }
        MultilabelConfusion m = multilabel(c, sampleWeight);
        double[][][] out = new double[cols.length][][];
        for (int i = 0; i < cols.length; i++) {
            int j = cols[i];
            double total = m.tp(j) + m.fp(j) + m.fn(j) + m.tn(j);
            out[i] = cell(total, m.tp(j), m.fp(j), m.fn(j));
        }
        return out;
    }

    private static List<Object> sortedUnique(List<Object> labels) {
        boolean numeric = labels.isEmpty() || labels.get(0) instanceof Long;
        for (Object l : labels) {
            if ((l instanceof Long) != numeric) {
                throw new IllegalArgumentException("labels mix integers and strings: " + labels);
            }
        }
        java.util.TreeSet<Object> set = new java.util.TreeSet<>();
        set.addAll(labels);
        return new ArrayList<>(set);
    }

    private static double[][] cell(double total, double tp, double fp, double fn) {
        return new double[][] {{total - tp - fp - fn, fp}, {fn, tp}};
    }
}
