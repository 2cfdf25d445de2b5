package io.jaccard4j.loss;

/** Shared numerics of the pixel-wise losses: stable log-softmax and argument checks. */
final class PixelLosses {
    private PixelLosses() {
    }

    /** logp[k] = z<sub>k</sub>/T &minus; logsumexp(z/T) for the pixel starting at {@code base}, stride {@code p}. */
    static void logSoftmax(Predictions pred, int base, int p, int c, double temperature, double[] logp) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            double z = pred.get(base + k * p);
            LossInput.checkLogit(z, base + k * p);
            logp[k] = z / temperature;
            max = Math.max(max, logp[k]);
        }
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += Math.exp(logp[k] - max);
        }
        double lse = max + Math.log(sum);
        for (int k = 0; k < c; k++) {
            logp[k] -= lse;
        }
    }

    static double[] checkWeights(String what, double[] weights) {
        if (weights == null) {
            return null;
        }
        for (int k = 0; k < weights.length; k++) {
            ValueRange.NON_NEGATIVE.check(what + " " + k, weights[k]);
        }
        return weights.clone();
    }

    /**
     * Weights that a weighted mean divides by (class weights of cross-entropy and of the overlap losses): as
     * {@link #checkWeights}, and not all zero — PyTorch returns NaN for a mean over zero total weight; here it is
     * an error that says why.
     */
    static double[] checkMeanWeights(String what, double[] weights) {
        double[] w = checkWeights(what, weights);
        if (w != null && w.length > 0 && java.util.Arrays.stream(w).allMatch(v -> v == 0)) {
            throw new IllegalArgumentException(what + "s are all zero; a weighted mean needs at least one positive "
                    + "weight");
        }
        return w;
    }

    static void checkWeightCount(String what, double[] weights, int c) {
        if (weights != null && weights.length != c) {
            throw new IllegalArgumentException(what + " has " + weights.length + " entries but the predictions have "
                    + c + " classes");
        }
    }

    static void requireSoftmax(String loss, Predictions predictions) {
        if (predictions != null && predictions.activation() != Activation.SOFTMAX) {
            throw new IllegalArgumentException(loss + " needs softmax logits (multiclass, C >= 2), got "
                    + predictions.activation());
        }
    }
}
