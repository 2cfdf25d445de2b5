package io.jaccard4j.djl;

import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.ActiveClasses;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.LossConfig;
import io.jaccard4j.loss.LossRegistry;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TverskyLoss;
import java.util.List;
import java.util.Map;

/**
 * Makes the DJL {@link Loss} of an entry of core's {@link LossRegistry} (a name and its checked parameters), so
 * that {@code train}, {@code demo} and user code pick a loss by the same names, parameters and messages as
 * {@code jaccard4j loss}. Each DJL loss computes the formula of the core loss the same configuration builds:
 *
 * <table>
 *   <caption>Registry entries and their DJL losses</caption>
 *   <tr><th>entry</th><th>DJL loss</th></tr>
 *   <tr><td>jaccard, dice, tversky, soft-jaccard, soft-dice</td><td>{@link OverlapLoss#of} of the configured
 *       {@link TverskyLoss}</td></tr>
 *   <tr><td>generalized-dice</td><td>{@link GeneralizedDiceLoss#of} of the configured core
 *       {@link io.jaccard4j.loss.GeneralizedDiceLoss}</td></tr>
 *   <tr><td>ce</td><td>{@link PixelCrossEntropyLoss} (softmax; no classWeights)</td></tr>
 *   <tr><td>kl</td><td>{@link DistillationLoss} (softmax; labels hold the teacher's logits)</td></tr>
 *   <tr><td>lovasz-softmax</td><td>{@link LovaszSoftmaxLoss}</td></tr>
 *   <tr><td>ce+jml</td><td>{@link CombinedLoss} ceWeight &middot; ce + jmlWeight &middot; jaccard</td></tr>
 * </table>
 * The {@code threads} parameter sets core's host kernels and has no effect here. Entries or options without a DJL
 * form (focal, lovasz-hinge, ce with classWeights, a non-softmax activation where softmax is needed) fail with a
 * message naming what is supported.
 */
public final class DjlLossFactory {
    private static final List<String> SUPPORTED = List.of("jaccard", "dice", "tversky", "soft-jaccard", "soft-dice",
            "generalized-dice", "ce", "kl", "lovasz-softmax", "ce+jml");

    private DjlLossFactory() {
    }

    /** The names (canonical, see {@link LossRegistry#names()} for aliases) that have a DJL form. */
    public static List<String> supported() {
        return SUPPORTED;
    }

    /**
     * The DJL loss of {@code name} with {@code options} (parameter name &rarr; text), checked by the registry.
     *
     * @param activation how logits become probabilities (SOFTMAX for multiclass)
     * @param ignoreIndex hard label whose pixels are dropped ({@link Targets#NO_IGNORE} for none)
     */
    public static Loss create(String name, Map<String, String> options, Activation activation, int ignoreIndex) {
        return create(LossRegistry.configure(name, options), activation, ignoreIndex);
    }

    /** The DJL loss of a registry configuration; see the class table. */
    public static Loss create(LossConfig config, Activation activation, int ignoreIndex) {
        String name = config.name();
        switch (name) {
            case "jaccard": case "dice": case "tversky": case "soft-jaccard": case "soft-dice":
                return OverlapLoss.of((TverskyLoss) config.build(), activation, ignoreIndex);
            case "generalized-dice":
                return GeneralizedDiceLoss.of((io.jaccard4j.loss.GeneralizedDiceLoss) config.build(), activation,
                        ignoreIndex);
            case "ce":
                requireSoftmax(name, activation);
                if (config.has("classWeights")) {
                    throw new IllegalArgumentException("loss ce has no DJL form with classWeights; use it without "
                            + "classWeights, or the core CrossEntropyLoss");
                }
                return crossEntropy(ignoreIndex);
            case "kl":
                requireSoftmax(name, activation);
                return new DistillationLoss(config.number("temperature"));
            case "lovasz-softmax":
                requireSoftmax(name, activation);
                return new LovaszSoftmaxLoss(config.bool("perImage"), (ActiveClasses) config.get("classes"),
                        ignoreIndex);
            case "ce+jml":
                requireSoftmax(name, activation);
                return new CombinedLoss("CE+JML", new Loss[] {crossEntropy(ignoreIndex),
                    OverlapLoss.jaccard().ignoreIndex(ignoreIndex).build()},
                        new double[] {config.number("ceWeight"), config.number("jmlWeight")});
            default:
                throw new IllegalArgumentException("loss " + name + " has no DJL form; the DJL losses are " + SUPPORTED);
        }
    }

    private static Loss crossEntropy(int ignoreIndex) {
        return ignoreIndex == Targets.NO_IGNORE ? PixelCrossEntropyLoss.create()
                : PixelCrossEntropyLoss.ignoring(ignoreIndex);
    }

    private static void requireSoftmax(String name, Activation activation) {
        if (activation != Activation.SOFTMAX) {
            throw new IllegalArgumentException("the DJL form of loss " + name + " needs softmax logits (multiclass, "
                    + "C >= 2); got " + activation);
        }
    }
}
