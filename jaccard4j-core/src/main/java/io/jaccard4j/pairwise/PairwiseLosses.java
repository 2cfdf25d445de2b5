package io.jaccard4j.pairwise;

/**
 * Pairwise losses of metric learning on a batch of labelled embeddings, with exact gradients, in the spirit of
 * pytorch-metric-learning (distance × loss × reducer):
 * <ul>
 *   <li>{@link #contrastive}: positive pairs cost relu(m<sub>pos</sub> − s) (similarity) or relu(d − m<sub>pos</sub>)
 *       (distance), negative pairs relu(s − m<sub>neg</sub>) or relu(m<sub>neg</sub> − d); each part averaged over its
 *       pairs with non-zero loss, the two parts summed;</li>
 *   <li>{@link #tripletMargin}: every valid triplet (a, p, n) of the batch costs relu(d<sub>ap</sub> − d<sub>an</sub> + margin)
 *       (for similarities relu(s<sub>an</sub> − s<sub>ap</sub> + margin)), averaged over the triplets with non-zero loss;</li>
 *   <li>{@link #ntXent} (NT-Xent / InfoNCE / SupCon-style): for every positive pair (a, p),
 *       −log(e<sup>s<sub>ap</sub>/τ</sup> / (e<sup>s<sub>ap</sub>/τ</sup> + Σ<sub>negatives n of a</sub> e<sup>s<sub>an</sub>/τ</sup>)),
 *       averaged over positive pairs (needs a similarity).</li>
 * </ul>
 * Pairs are ordered (a ≠ p). A batch with no positive pair (or no negative, where one is needed) gives 0 with a zero
 * gradient and a logged note — never NaN.
 */
public final class PairwiseLosses {
    private static final System.Logger LOG = System.getLogger("io.jaccard4j.pairwise");

    private PairwiseLosses() {
    }

    /** Value and gradient with respect to the embeddings (n × d). */
    public static final class Result {
        public final double value;
        public final double[] gradient;

        Result(double value, double[] gradient) {
            this.value = value;
            this.gradient = gradient;
        }
    }

    private static void check(double[] e, int n, int d, int[] labels) {
        if (n < 1 || d < 1 || e.length != n * d || labels.length != n) {
            throw new IllegalArgumentException("need n x d embeddings and n labels; got " + e.length + " values, "
                    + labels.length + " labels (n = " + n + ", d = " + d + ")");
        }
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                throw new IllegalArgumentException("embedding value " + i + " is not finite");
            }
        }
    }

    private static Result zero(int n, int d, String why) {
        LOG.log(System.Logger.Level.INFO, why + "; the loss is 0 with a zero gradient");
        return new Result(0, new double[n * d]);
    }

    /** Contrastive loss with margins for positive and negative pairs. */
    public static Result contrastive(double[] e, int n, int d, int[] labels, PairDistance dist, double posMargin,
            double negMargin) {
        check(e, n, d, labels);
        double[] m = dist.matrix(e, n, d);
        double[] gm = new double[n * n];
        double posSum = 0;
        double negSum = 0;
        int posCount = 0;
        int negCount = 0;
        int positives = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                double v = m[a * n + b];
                if (labels[a] == labels[b]) {
                    positives++;
                    double l = dist.isSimilarity() ? posMargin - v : v - posMargin;
                    if (l > 0) {
                        posSum += l;
                        posCount++;
                    }
                } else {
                    double l = dist.isSimilarity() ? v - negMargin : negMargin - v;
                    if (l > 0) {
                        negSum += l;
                        negCount++;
                    }
                }
            }
        }
        if (positives == 0) {
            return zero(n, d, "contrastive loss: the batch has no positive pair");
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                double v = m[a * n + b];
                if (labels[a] == labels[b]) {
                    double l = dist.isSimilarity() ? posMargin - v : v - posMargin;
                    if (l > 0) {
                        gm[a * n + b] += (dist.isSimilarity() ? -1.0 : 1.0) / posCount;
                    }
                } else {
                    double l = dist.isSimilarity() ? v - negMargin : negMargin - v;
                    if (l > 0) {
                        gm[a * n + b] += (dist.isSimilarity() ? 1.0 : -1.0) / negCount;
                    }
                }
            }
        }
        double value = (posCount == 0 ? 0 : posSum / posCount) + (negCount == 0 ? 0 : negSum / negCount);
        return new Result(value, dist.backward(e, n, d, gm));
    }

    /** Triplet margin loss over all valid triplets, averaged over those with non-zero loss. */
    public static Result tripletMargin(double[] e, int n, int d, int[] labels, PairDistance dist, double margin) {
        check(e, n, d, labels);
        double[] m = dist.matrix(e, n, d);
        double sum = 0;
        int count = 0;
        int triplets = 0;
        double[] gm = new double[n * n];
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int q = 0; q < n; q++) {
                    if (labels[q] == labels[a]) {
                        continue;
                    }
                    triplets++;
                    double l = dist.isSimilarity() ? m[a * n + q] - m[a * n + p] + margin
                            : m[a * n + p] - m[a * n + q] + margin;
                    if (l > 0) {
                        sum += l;
                        count++;
                        double sign = dist.isSimilarity() ? -1 : 1;
                        gm[a * n + p] += sign;
                        gm[a * n + q] -= sign;
                    }
                }
            }
        }
        if (triplets == 0) {
            return zero(n, d, "triplet loss: the batch has no (anchor, positive, negative) triplet");
        }
        if (count == 0) {
            return new Result(0, new double[n * d]);
        }
        for (int i = 0; i < gm.length; i++) {
            gm[i] /= count;
        }
        return new Result(sum / count, dist.backward(e, n, d, gm));
    }

    /** NT-Xent over every positive pair at temperature τ (a similarity is required). */
    public static Result ntXent(double[] e, int n, int d, int[] labels, PairDistance dist, double temperature) {
        check(e, n, d, labels);
        if (!dist.isSimilarity()) {
            throw new IllegalArgumentException("NT-Xent needs a similarity (cosine or dot), not " + dist);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature is " + temperature + "; expected > 0");
        }
        double[] m = dist.matrix(e, n, d);
        double[] gm = new double[n * n];
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p != a && labels[p] == labels[a]) {
                    pairs++;
                }
            }
        }
        if (pairs == 0) {
            return zero(n, d, "NT-Xent: the batch has no positive pair");
        }
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                double max = m[a * n + p] / temperature;
                for (int q = 0; q < n; q++) {
                    if (labels[q] != labels[a]) {
                        max = Math.max(max, m[a * n + q] / temperature);
                    }
                }
                double z = Math.exp(m[a * n + p] / temperature - max);
                for (int q = 0; q < n; q++) {
                    if (labels[q] != labels[a]) {
                        z += Math.exp(m[a * n + q] / temperature - max);
                    }
                }
                sum += -(m[a * n + p] / temperature - max) + Math.log(z);
                double pp = Math.exp(m[a * n + p] / temperature - max) / z;
                gm[a * n + p] += (pp - 1) / temperature / pairs;
                for (int q = 0; q < n; q++) {
                    if (labels[q] != labels[a]) {
                        gm[a * n + q] += Math.exp(m[a * n + q] / temperature - max) / z / temperature / pairs;
                    }
                }
            }
        }
        return new Result(sum / pairs, dist.backward(e, n, d, gm));
    }
}
