/**
 * Training losses with exact gradients, in pure Java: the Jaccard metric loss and Dice semimetric loss (Wang et
 * al., 2023), which stay correct with soft labels, the Tversky family and the textbook soft Jaccard/Dice losses, the
 * Lovász-Softmax and Lovász hinge losses, cross-entropy, focal loss and the distillation KL.
 *
 * <p>Usage: describe the inputs with {@link io.jaccard4j.loss.Predictions} (logits with an
 * {@link io.jaccard4j.loss.Activation}, or probabilities) and {@link io.jaccard4j.loss.Targets} (hard labels with
 * an ignore index, or soft labels with a keep-mask), build a {@link io.jaccard4j.loss.TrainingLoss} with a static
 * factory/builder or by name through the {@link io.jaccard4j.loss.LossRegistry} (the one table of loss names and
 * their declared parameters, also behind {@link io.jaccard4j.loss.LossSpec}), and call {@code compute}, which returns
 * the value and dL/d(input) in a {@link io.jaccard4j.loss.LossResult}. All sums are accumulated in double; float
 * inputs give float gradients, double inputs exact double gradients.
 */
package io.jaccard4j.loss;
