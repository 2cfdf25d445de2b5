/**
 * Box-supervised mask and polygon losses with exact gradients. BoxInst (Tian et al., CVPR 2021):
 * {@link io.jaccard4j.boxsupervision.BoxProjectionLoss} (Dice of the mask's max-projections against the box's) and
 * {@link io.jaccard4j.boxsupervision.ColorAffinityPairwiseLoss} (pairwise loss over colour-similar neighbouring
 * pixels). BoxSnake (Yang et al., ICCV 2023): {@link io.jaccard4j.boxsupervision.SoftPolygonRasterizer} (polygon →
 * soft mask σ(signed distance / τ)), {@link io.jaccard4j.boxsupervision.PolygonBoxUnaryLoss} (the point-based unary
 * CIoU loss), {@link io.jaccard4j.boxsupervision.DistanceAwarePairwiseLoss} (the local and global pairwise terms) and
 * {@link io.jaccard4j.boxsupervision.BoxSnakeLoss} (their weighted sum, gradient with respect to the vertices).
 */
package io.jaccard4j.boxsupervision;
