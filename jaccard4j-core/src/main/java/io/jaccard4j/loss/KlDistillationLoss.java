package io.jaccard4j.loss;

/**
 * Knowledge-distillation loss with temperature T (Hinton et al., 2015), as used by the JML paper:
 * <pre>
 *   &ell;<sub>i</sub> = T&sup2; &middot; KL(q<sub>i</sub> &#8214; softmax(z<sub>i</sub>/T)) = T&sup2; &Sigma;<sub>c</sub> q<sub>c</sub>(log q<sub>c</sub> &minus; log softmax(z/T)<sub>c</sub>)
 * </pre>
 * with 0&middot;log 0 = 0, averaged over the kept pixels. The targets q are soft labels, typically the teacher's
 * softened probabilities from {@link Targets#teacherSoftmax} (q = softmax(t/T)). Gradient with respect to the
 * student logits: T(softmax(z/T)&middot;&Sigma;q &minus; q) / (number of kept pixels). Predictions must be softmax
 * logits. Finite for logits &plusmn;1e4; no kept pixel gives 0 with zero gradient.
 */
public final class KlDistillationLoss implements TrainingLoss {
    private final double temperature;

    private KlDistillationLoss(double temperature) {
        this.temperature = temperature;
    }

    /** Distillation loss at temperature T &gt; 0. */
    public static KlDistillationLoss withTemperature(double temperature) {
        ValueRange.POSITIVE.check("temperature", temperature);
        return new KlDistillationLoss(temperature);
    }

    @Override
    public String describe() {
        return "kl-distillation(T=" + temperature + ")";
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        PixelLosses.requireSoftmax("KlDistillationLoss", predictions);
        LossInput in = new LossInput(predictions, targets, false);
        final int n = in.n, c = in.c, p = in.p;
        int count = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                if (in.keep(b, i)) {
                    if (in.hard) {
                        in.label(b, i);
                    }
                    count++;
                }
            }
        }
        if (count == 0) {
            return in.result(0.0);
        }
        double t = temperature;
        double inv = 1.0 / count;
        double total = 0;
        double[] logp = new double[c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                int base = b * c * p + i;
                PixelLosses.logSoftmax(predictions, base, p, c, t, logp);
                if (!in.keep(b, i)) {
                    continue;
                }
                int label = in.hard ? in.label(b, i) : 0;
                double sumQ = 0;
                double kl = 0;
                for (int k = 0; k < c; k++) {
                    double q = in.target(b, k, i, label);
                    if (q > 0) {
                        kl += q * (Math.log(q) - logp[k]);
                        sumQ += q;
                    }
                }
                total += t * t * kl;
                for (int k = 0; k < c; k++) {
                    double q = in.target(b, k, i, label);
                    in.store(base + k * p, inv * t * (sumQ * Math.exp(logp[k]) - q));
                }
            }
        }
        return in.result(total * inv);
    }
}
