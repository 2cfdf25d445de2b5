package io.jaccard4j.loss;

/**
 * Multiclass softmax focal loss (Lin et al., 2017) for hard labels:
 * <pre>
 *   &ell;<sub>i</sub> = &minus;&alpha;<sub>y<sub>i</sub></sub> (1 &minus; p<sub>t</sub>)<sup>&gamma;</sup> log p<sub>t</sub>,  p<sub>t</sub> = softmax(z<sub>i</sub>)<sub>y<sub>i</sub></sub>
 * </pre>
 * averaged over the non-ignored pixels (plain mean, not normalised by &alpha;; as the JML authors' FocalLoss, which
 * has no &alpha;). &gamma; = 0 is cross-entropy. Gradient d&ell;/dz<sub>j</sub> = &alpha;<sub>y</sub> f'(log
 * p<sub>t</sub>)(&delta;<sub>jy</sub> &minus; p<sub>j</sub>) with f'(l) = &gamma;(1&minus;p<sub>t</sub>)<sup>&gamma;&minus;1</sup>
 * p<sub>t</sub> l &minus; (1&minus;p<sub>t</sub>)<sup>&gamma;</sup>, whose first term is taken as 0 at p<sub>t</sub> = 1.
 * Finite for logits &plusmn;1e4; all-ignored input gives 0 with zero gradient. Soft labels are rejected.
 */
public final class FocalLoss implements TrainingLoss {
    private final double gamma;
    private final double[] alpha;

    private FocalLoss(double gamma, double[] alpha) {
        this.gamma = gamma;
        this.alpha = alpha;
    }

    /**
     * Focal loss with exponent &gamma; &ge; 0 and no class weights.
     *
     * @throws IllegalArgumentException for a negative or non-finite &gamma;
     */
    public static FocalLoss of(double gamma) {
        return of(gamma, null);
    }

    /**
     * Focal loss with exponent &gamma; &ge; 0 and per-class weights &alpha; (null for all 1).
     *
     * @throws IllegalArgumentException for a negative or non-finite &gamma; or weight
     */
    public static FocalLoss of(double gamma, double[] alpha) {
        ValueRange.NON_NEGATIVE.check("gamma", gamma);
        return new FocalLoss(gamma, PixelLosses.checkWeights("alpha", alpha));
    }

    @Override
    public String describe() {
        return "focal(gamma=" + gamma + (alpha == null ? "" : ", alpha") + ")";
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        if (targets != null && !targets.isHard()) {
            throw new IllegalArgumentException("FocalLoss takes hard labels; for soft labels use CrossEntropyLoss, "
                    + "KlDistillationLoss or TverskyLoss.jaccard()");
        }
        PixelLosses.requireSoftmax("FocalLoss", predictions);
        LossInput in = new LossInput(predictions, targets, false);
        final int n = in.n, c = in.c, p = in.p;
        PixelLosses.checkWeightCount("alpha", alpha, c);
        int count = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                if (in.keep(b, i)) {
                    in.label(b, i);
                    count++;
                }
            }
        }
        if (count == 0) {
            return in.result(0.0);
        }
        double inv = 1.0 / count;
        double total = 0;
        double[] logp = new double[c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                int base = b * c * p + i;
                PixelLosses.logSoftmax(predictions, base, p, c, 1.0, logp);
                if (!in.keep(b, i)) {
                    continue;
                }
                int y = in.label(b, i);
                double a = alpha == null ? 1.0 : alpha[y];
                double lt = logp[y];
                double pt = Math.exp(lt);
                double omp = -Math.expm1(lt);
                double mod = Math.pow(omp, gamma);
                total += -a * mod * lt;
                double first = (gamma == 0 || omp == 0) ? 0.0 : gamma * Math.pow(omp, gamma - 1) * pt * lt;
                double fPrime = a * (first - mod);
                for (int k = 0; k < c; k++) {
                    double pk = Math.exp(logp[k]);
                    in.store(base + k * p, inv * fPrime * ((k == y ? 1.0 : 0.0) - pk));
                }
            }
        }
        return in.result(total * inv);
    }
}
