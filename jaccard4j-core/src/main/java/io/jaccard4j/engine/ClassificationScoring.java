package io.jaccard4j.engine;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.metrics.ClassificationMetric;
import io.jaccard4j.metrics.ClassificationReport;
import io.jaccard4j.metrics.ClassificationScores;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.MetricScore;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ScoreMatrix;
import io.jaccard4j.metrics.ScoreOptions;
import java.util.Arrays;

/**
 * The engine's step for the rest of scikit-learn's classification family ({@link ClassificationMetric}) and for
 * {@code classification_report}: the request's inputs, already read and validated by {@link ScoringEngine}, are
 * formatted as for the overlap metrics (thresholds, arg-max of score matrices, ignore index) and reduced by
 * {@link ClassificationScores} or {@link ClassificationReport}. Top-k accuracy takes the raw scores instead: an
 * {@code (N, C)} matrix (column k is the k-th label, sorted), or {@code (N,)} scores of the greater of two labels.
 */
final class ClassificationScoring {
    private ClassificationScoring() {
    }

    /** Whether the request is this step's. */
    static boolean handles(ScoreRequest request) {
        return request.classificationMetric() != null || request.report();
    }

    /**
     * Scores validated arrays.
     *
     * @param weights one weight a sample, or null
     */
    static ScoreOutcome score(InputArray t, InputArray p, double[] weights, ScoreRequest request) {
        ScoreOptions o = request.options();
        ClassificationMetric m = request.classificationMetric();
        if (m == ClassificationMetric.TOP_K_ACCURACY) {
            return topK(t, p, weights, request);
        }
        if (weights == null && !ScoringEngine.isIndicator(t, p, request)) {
            MulticlassConfusion counted = ScoringEngine.countIntegerArrays(t, p, request);
            if (counted != null) {
                return score(counted, request);
            }
        }
        ScoringEngine.Prepared x = ScoringEngine.prepare(t, p, weights, request);
        if (request.report()) {
            return report(ClassificationReport.of(x.truth(), x.prediction(), x.weights(), o.labels(),
                    o.zeroDivision()), request);
        }
        return outcome(ClassificationScores.score(m, x.truth(), x.prediction(), x.weights(), o));
    }

    /** The score or report of a confusion state (e.g. of a stream of masks); top-k accuracy needs scores. */
    static ScoreOutcome score(MulticlassConfusion state, ScoreRequest request) {
        if (request.classificationMetric() == ClassificationMetric.TOP_K_ACCURACY) {
            throw new IllegalArgumentException("--metric top-k-accuracy needs a score matrix in --y-pred, not masks");
        }
        if (request.report()) {
            return report(ClassificationReport.of(state, LabelEncoder.range(state.numClasses()),
                    request.options().labels(), request.options().zeroDivision()), request);
        }
        return outcome(ClassificationScores.score(request.classificationMetric(), state,
                LabelEncoder.range(state.numClasses()), request.options()));
    }

    private static ScoreOutcome report(ClassificationReport r, ScoreRequest request) {
        return ScoreOutcome.document(r.toText(request.digits()), r.toJson(), r.warnings());
    }

    static ScoreOutcome outcome(MetricScore s) {
        ScoreOutcome out = ScoreOutcome.value(s.metric(), s.score());
        for (String w : s.warnings()) {
            out.warn(w);
        }
        return out;
    }

    private static ScoreOutcome topK(InputArray t, InputArray p, double[] weights, ScoreRequest request) {
        if (request.threshold() != null) {
            throw new IllegalArgumentException("--threshold does not apply to --metric top-k-accuracy, which ranks "
                    + "the scores of --y-pred");
        }
        if (t.ndim() != 1) {
            throw new IllegalArgumentException("--metric top-k-accuracy needs one true label a sample; --y-true is "
                    + t.describeShape());
        }
        if (p.isStrings() || p.ndim() > 2) {
            throw new IllegalArgumentException("--metric top-k-accuracy needs --y-pred as an N x C score matrix (or N "
                    + "scores for a binary target); got " + (p.isStrings() ? "strings" : "shape " + p.describeShape()));
        }
        LabelVector truth = t.labels();
        int n = p.shape()[0];
        int c = p.ndim() == 2 ? p.shape()[1] : 1;
        double[] s = p.toDoubleArray();
        Long ignore = request.ignoreIndex();
        if (ignore != null) {
            if (!truth.isNumeric()) {
                throw new IllegalArgumentException("--ignore-index needs integer labels; --y-true holds strings");
            }
            if (truth.size() != n) {
                throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                        + truth.size() + ", " + n + "]");
            }
            long[] tv = truth.numericValues().clone();
            double[] w = weights == null ? null : weights.clone();
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (tv[i] != ignore) {
                    tv[kept] = tv[i];
                    System.arraycopy(s, i * c, s, kept * c, c);
                    if (w != null) {
                        w[kept] = w[i];
                    }
                    kept++;
                }
            }
            truth = LabelVector.of(Arrays.copyOf(tv, kept));
            s = Arrays.copyOf(s, kept * c);
            weights = w == null ? null : Arrays.copyOf(w, kept);
            n = kept;
        }
        ScoreMatrix scores = p.ndim() == 1 ? ScoreMatrix.vector(s) : ScoreMatrix.of(s, n, c);
        return outcome(ClassificationScores.score(ClassificationMetric.TOP_K_ACCURACY, truth, scores, weights,
                request.options()));
    }
}
