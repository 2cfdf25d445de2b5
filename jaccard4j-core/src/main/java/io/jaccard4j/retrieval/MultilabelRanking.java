package io.jaccard4j.retrieval;

/**
 * Multi-label ranking metrics of scores s (n × L) against 0/1 truth y, as scikit-learn defines them:
 * <ul>
 *   <li>{@link #rankingLoss}: per sample, the share of (relevant, irrelevant) label pairs ordered wrongly
 *       (s<sub>irrelevant</sub> ≥ s<sub>relevant</sub>), averaged over samples (samples with no relevant or no
 *       irrelevant label count 0) — {@code label_ranking_loss};</li>
 *   <li>{@link #coverage}: per sample, how far down the ranking one must go to cover every relevant label (the
 *       number of labels scoring ≥ the lowest-scored relevant label), averaged — {@code coverage_error}.</li>
 * </ul>
 */
public final class MultilabelRanking {
    private MultilabelRanking() {
    }

    private static void check(byte[] truth, double[] scores, int n, int l) {
        if (n < 1 || l < 1 || truth.length != n * l || scores.length != n * l) {
            throw new IllegalArgumentException("truth and scores must both be n x L (n = " + n + ", L = " + l + ")");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
    }

    /** scikit-learn's {@code label_ranking_loss}. */
    public static double rankingLoss(byte[] truth, double[] scores, int n, int l) {
        check(truth, scores, n, l);
        double total = 0;
        for (int i = 0; i < n; i++) {
            int rel = 0;
            for (int j = 0; j < l; j++) {
                rel += truth[i * l + j];
            }
            if (rel == 0 || rel == l) {
                continue;
            }
            long wrong = 0;
            for (int a = 0; a < l; a++) {
                if (truth[i * l + a] == 0) {
                    continue;
                }
                for (int b = 0; b < l; b++) {
                    if (truth[i * l + b] == 0 && scores[i * l + b] >= scores[i * l + a]) {
                        wrong++;
                    }
                }
            }
            total += (double) wrong / ((long) rel * (l - rel));
        }
        return total / n;
    }

    /** scikit-learn's {@code coverage_error}. */
    public static double coverage(byte[] truth, double[] scores, int n, int l) {
        check(truth, scores, n, l);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double min = Double.POSITIVE_INFINITY;
            boolean any = false;
            for (int j = 0; j < l; j++) {
                if (truth[i * l + j] != 0) {
                    any = true;
                    min = Math.min(min, scores[i * l + j]);
                }
            }
            if (!any) {
                continue;
            }
            int count = 0;
            for (int j = 0; j < l; j++) {
                if (scores[i * l + j] >= min) {
                    count++;
                }
            }
            total += count;
        }
        return total / n;
    }
}
