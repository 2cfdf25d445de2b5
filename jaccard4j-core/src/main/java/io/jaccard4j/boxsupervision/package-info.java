/**
 * Box-supervised mask losses with exact gradients: {@link io.jaccard4j.boxsupervision.BoxProjectionLoss} (Dice of
 * the mask's max-projections against the box's) and {@link io.jaccard4j.boxsupervision.ColorAffinityPairwiseLoss}
 * (BoxInst's pairwise loss over colour-similar neighbouring pixels). BoxSnake's polygon losses are not here yet.
 */
package io.jaccard4j.boxsupervision;
