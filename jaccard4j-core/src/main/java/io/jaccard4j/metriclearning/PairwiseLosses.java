package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
/**
 * Static shortcuts for three pairwise losses over a {@link Distance}, thin facades over the composable
 * classes ({@link Distance} × {@link Miner} × {@link MetricLoss} × {@link Reducer}):
 * <ul>
 *   <li>{@link #contrastive}: positive pairs cost relu(m<sub>pos</sub> − s) (similarity) or relu(d − m<sub>pos</sub>)
 *       (distance), negative pairs relu(s − m<sub>neg</sub>) or relu(m<sub>neg</sub> − d); each part averaged over its
 *       pairs with non-zero loss, the two parts summed ({@link ContrastiveLoss});</li>
 *   <li>{@link #tripletMargin}: every valid triplet (a, p, n) of the batch costs relu(d<sub>ap</sub> − d<sub>an</sub> + margin)
 *       (for similarities relu(s<sub>an</sub> − s<sub>ap</sub> + margin)), averaged over the triplets with non-zero loss
 *       ({@link TripletMarginLoss});</li>
 *   <li>{@link #ntXent} (NT-Xent / InfoNCE): for every positive pair (a, p),
 *       −log(e<sup>s<sub>ap</sub>/τ</sup> / (e<sup>s<sub>ap</sub>/τ</sup> + Σ<sub>negatives n of a</sub> e<sup>s<sub>an</sub>/τ</sup>)),
 *       averaged over positive pairs (needs a similarity; {@link NTXentLoss}).</li>
 * </ul>
 * Pairs are ordered (a ≠ p). A batch with no positive pair (or no triplet) gives 0 with a zero gradient and a logged
 * note — never NaN.
 */
public final class PairwiseLosses {
    private PairwiseLosses() {
    }

    /** Contrastive loss with margins for positive and negative pairs. */
    public static LossResult contrastive(double[] e, int n, int d, int[] labels, Distance dist, double posMargin,
            double negMargin) {
        return (ContrastiveLoss.builder().distance(dist).posMargin(posMargin)
                .negMargin(negMargin).build().compute(e, n, d, labels));
    }

    /** Triplet margin loss over all valid triplets, averaged over those with non-zero loss. */
    public static LossResult tripletMargin(double[] e, int n, int d, int[] labels, Distance dist, double margin) {
        return (TripletMarginLoss.builder().distance(dist).margin(margin).build()
                .compute(e, n, d, labels));
    }

    /** NT-Xent over every positive pair at temperature τ (a similarity is required). */
    public static LossResult ntXent(double[] e, int n, int d, int[] labels, Distance dist, double temperature) {
        if (!dist.isSimilarity()) {
            throw new IllegalArgumentException("NT-Xent needs a similarity (cosine or dot), not " + dist);
        }
        return (NTXentLoss.builder().distance(dist).temperature(temperature).build()
                .compute(e, n, d, labels));
    }
}
