package io.jaccard4j.ranking;

import io.jaccard4j.loss.LossResult;
import java.util.Arrays;
import java.util.Objects;

/**
 * Calibrated ranking objective: a pointwise log-loss on calibrated scores plus a pairwise logistic ranking term on
 * the raw scores, in the spirit of the scale-calibration / joint ranking-and-calibration literature (Yan et al.,
 * "Scale Calibration of Deep Ranking Models", KDD 2022; Sheng et al., "Joint Optimization of Ranking and
 * Calibration with Contextualized Hybrid Model", KDD 2023).
 *
 * <p><b>Calibration map.</b> Fixed knots t<sub>0</sub> &lt; … &lt; t<sub>m−1</sub> (m ≥ 1) cut the line into
 * m + 1 segments; segment k has slope a<sub>k</sub> = softplus(u<sub>k</sub>) &gt; 0, so the map is monotone
 * (strictly increasing) whatever the parameters. With parameters θ = (b, u<sub>0</sub>, …, u<sub>m</sub>)
 * (m + 2 numbers):
 * <pre>
 *   g(s) = b + a_0·min(s − t_0, 0) + Σ_{k=1}^{m−1} a_k·clamp(s − t_{k−1}, 0, t_k − t_{k−1}) + a_m·max(s − t_{m−1}, 0)
 * </pre>
 * so g(t<sub>0</sub>) = b, and g is the identity for b = t<sub>0</sub>, u<sub>k</sub> = log(e − 1)
 * ({@link #identityParameters()}). Its derivative in s is the slope of the segment holding s (segment k for
 * t<sub>k−1</sub> ≤ s &lt; t<sub>k</sub>, the right-hand one at a knot).
 *
 * <p><b>Objective.</b> For n items with raw scores s<sub>i</sub>, labels y<sub>i</sub> ∈ [0, 1] (clicks, or soft
 * labels) and context (query / request) ids q<sub>i</sub>, and optionally logged context items (scores
 * c<sub>m</sub> logged by the serving model, labels, context ids; constants, no gradient):
 * <pre>
 *   L = α · (1/n) Σ_i [softplus(g(s_i)) − y_i·g(s_i)]                      (BCE with logit g(s_i))
 *     + (1 − α) · (1/|P|) Σ_{(hi, lo) ∈ P} softplus(−(s_hi − s_lo))          (pairwise logistic, raw scores)
 * </pre>
 * where P holds every ordered pair of the same context whose labels differ, the higher-labelled first: pairs of
 * two batch items (both scores carry gradient) and pairs of a batch item with a logged context item (its logged
 * score c<sub>m</sub> in place of s). The ranking term ranks raw scores, the pointwise term calibrates through g;
 * since g is monotone it never undoes the ranking. With no pair, the pairwise term is 0 (logged note).
 * Gradients are exact, with respect to the raw scores and to θ.
 */
public final class CalibratedRankingLoss {
    private static final System.Logger LOG = System.getLogger("io.jaccard4j.ranking");
    private static final double LOG_E_MINUS_1 = Math.log(Math.E - 1);

    private final double[] knots;
    private final double alpha;

    private CalibratedRankingLoss(double[] knots, double alpha) {
        this.knots = knots;
        this.alpha = alpha;
    }

    /** A builder: knots −2, −1, 0, 1, 2 and α = 0.5 unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of the immutable loss. */
    public static final class Builder {
        private double[] knots = {-2, -1, 0, 1, 2};
        private double alpha = 0.5;

        private Builder() {
        }

        /** Strictly increasing, finite knots (at least one). */
        public Builder knots(double... knots) {
            Objects.requireNonNull(knots, "knots");
            if (knots.length < 1) {
                throw new IllegalArgumentException("the calibration map needs at least one knot");
            }
            for (int i = 0; i < knots.length; i++) {
                if (!Double.isFinite(knots[i]) || (i > 0 && !(knots[i] > knots[i - 1]))) {
                    throw new IllegalArgumentException("knots must be finite and strictly increasing; got "
                            + Arrays.toString(knots));
                }
            }
            this.knots = knots.clone();
            return this;
        }

        /** α ∈ [0, 1], the weight of the pointwise BCE term (1 − α weighs the pairwise term). */
        public Builder pointwiseWeight(double alpha) {
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("pointwise weight must be in [0, 1]; got " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        public CalibratedRankingLoss build() {
            return new CalibratedRankingLoss(knots, alpha);
        }
    }

    /** Logged context items: scores of the serving model, labels, context ids (treated as constants). */
    public static final class LoggedContext {
        final double[] scores;
        final double[] labels;
        final int[] groups;

        private LoggedContext(double[] scores, double[] labels, int[] groups) {
            this.scores = scores;
            this.labels = labels;
            this.groups = groups;
        }

        /** No logged context: pairs are formed within the batch only. */
        public static LoggedContext none() {
            return new LoggedContext(new double[0], new double[0], new int[0]);
        }

        /** Logged items with their scores, labels in [0, 1] and context ids (all the same length). */
        public static LoggedContext of(double[] scores, double[] labels, int[] groups) {
            Objects.requireNonNull(scores, "context scores");
            Objects.requireNonNull(labels, "context labels");
            Objects.requireNonNull(groups, "context groups");
            if (labels.length != scores.length || groups.length != scores.length) {
                throw new IllegalArgumentException("logged context needs as many labels and groups as scores; got "
                        + scores.length + " scores, " + labels.length + " labels, " + groups.length + " groups");
            }
            checkFinite(scores, "context score");
            checkLabels(labels, "context label");
            return new LoggedContext(scores.clone(), labels.clone(), groups.clone());
        }
    }

    public double[] knots() {
        return knots.clone();
    }

    public double pointwiseWeight() {
        return alpha;
    }

    /** m + 2: the offset b and one slope parameter for each of the m + 1 segments. */
    public int parameterCount() {
        return knots.length + 2;
    }

    /** θ with g(s) = s: b = t<sub>0</sub>, every u<sub>k</sub> = log(e − 1) (slope 1). */
    public double[] identityParameters() {
        double[] p = new double[parameterCount()];
        p[0] = knots[0];
        Arrays.fill(p, 1, p.length, LOG_E_MINUS_1);
        return p;
    }

    private void checkParams(double[] params) {
        Objects.requireNonNull(params, "calibration parameters");
        if (params.length != parameterCount()) {
            throw new IllegalArgumentException("calibration parameters: expected " + parameterCount()
                    + " (offset + one slope a segment for " + knots.length + " knots); got " + params.length);
        }
        checkFinite(params, "calibration parameter");
    }

    /** The segment pieces φ<sub>k</sub>(s) (k = 0..m) and the index of the segment holding s. */
    private int pieces(double s, double[] phi) {
        int m = knots.length;
        phi[0] = Math.min(s - knots[0], 0);
        for (int k = 1; k < m; k++) {
            phi[k] = Math.min(Math.max(s - knots[k - 1], 0), knots[k] - knots[k - 1]);
        }
        phi[m] = Math.max(s - knots[m - 1], 0);
        int seg = 0;
        while (seg < m && s >= knots[seg]) {
            seg++;
        }
        return seg;
    }

    /** g(s): the calibrated logit of raw score s. */
    public double calibrate(double s, double[] params) {
        checkParams(params);
        double[] phi = new double[knots.length + 1];
        pieces(s, phi);
        double g = params[0];
        for (int k = 0; k < phi.length; k++) {
            g += softplus(params[k + 1]) * phi[k];
        }
        return g;
    }

    /** Loss without logged context (pairs within the batch only). */
    public LossResult compute(double[] scores, double[] labels, int[] groups, double[] params) {
        return compute(scores, labels, groups, LoggedContext.none(), params);
    }

    /** Value and exact gradients. */
    public LossResult compute(double[] scores, double[] labels, int[] groups, LoggedContext context, double[] params) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(context, "context (use LoggedContext.none())");
        int n = scores.length;
        if (n < 1 || labels.length != n || groups.length != n) {
            throw new IllegalArgumentException("need n >= 1 scores with as many labels and groups; got " + n
                    + " scores, " + labels.length + " labels, " + groups.length + " groups");
        }
        checkFinite(scores, "score");
        checkLabels(labels, "label");
        checkParams(params);
        int m = knots.length;
        double[] slope = new double[m + 1];
        double[] dslope = new double[m + 1];
        for (int k = 0; k <= m; k++) {
            slope[k] = softplus(params[k + 1]);
            dslope[k] = sigmoid(params[k + 1]);
        }
        double[] gs = new double[n];
        double[] gp = new double[params.length];
        double[] phi = new double[m + 1];
        double bce = 0;
        for (int i = 0; i < n; i++) {
            int seg = pieces(scores[i], phi);
            double g = params[0];
            for (int k = 0; k <= m; k++) {
                g += slope[k] * phi[k];
            }
            bce += softplus(g) - labels[i] * g;
            double dg = alpha * (sigmoid(g) - labels[i]) / n;
            gs[i] += dg * slope[seg];
            gp[0] += dg;
            for (int k = 0; k <= m; k++) {
                gp[k + 1] += dg * dslope[k] * phi[k];
            }
        }
        bce /= n;
        double pairSum = 0;
        long pairs = 0;
        double[] pg = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (groups[i] == groups[j] && labels[i] > labels[j]) {
                    double diff = scores[i] - scores[j];
                    pairSum += softplus(-diff);
                    double d = -sigmoid(-diff);
                    pg[i] += d;
                    pg[j] -= d;
                    pairs++;
                }
            }
            for (int c = 0; c < context.scores.length; c++) {
                if (groups[i] != context.groups[c] || labels[i] == context.labels[c]) {
                    continue;
                }
                double diff = labels[i] > context.labels[c] ? scores[i] - context.scores[c]
                        : context.scores[c] - scores[i];
                pairSum += softplus(-diff);
                double d = -sigmoid(-diff);
                pg[i] += labels[i] > context.labels[c] ? d : -d;
                pairs++;
            }
        }
        double pairwise = 0;
        if (pairs == 0) {
            LOG.log(System.Logger.Level.INFO, "calibrated ranking loss: no pair with different labels in any context;"
                    + " pairwise term 0");
        } else {
            pairwise = pairSum / pairs;
            for (int i = 0; i < n; i++) {
                gs[i] += (1 - alpha) * pg[i] / pairs;
            }
        }
        return LossResult.of(alpha * bce + (1 - alpha) * pairwise, gs).withGradient("parameters", gp)
                .withPart("pointwise", bce).withPart("pairwise", pairwise).withPart("pairs", pairs);
    }

    static void checkFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " " + i + " is not finite (" + v[i] + ")");
            }
        }
    }

    static void checkLabels(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException(what + " " + i + " must be in [0, 1]; got " + v[i]);
            }
        }
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
