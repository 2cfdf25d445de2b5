package io.jaccard4j.loss;

import java.util.Locale;

/**
 * How raw predictions become the probabilities x that a loss compares with its targets.
 *
 * <ul>
 *   <li>{@link #SOFTMAX}: x<sub>c</sub> = exp(z<sub>c</sub>) / &Sigma;<sub>k</sub> exp(z<sub>k</sub>) over the class
 *       axis (multiclass; needs at least two classes);</li>
 *   <li>{@link #SIGMOID}: x<sub>c</sub> = 1 / (1 + exp(&minus;z<sub>c</sub>)) element-wise (binary with one channel,
 *       or multilabel);</li>
 *   <li>{@link #IDENTITY}: the data already are probabilities in [0, 1]; gradients are then taken with respect to
 *       those probabilities.</li>
 * </ul>
 */
public enum Activation {
    SOFTMAX,
    SIGMOID,
    IDENTITY;

    /**
     * Checks that predictions of this shape (N &times; C &times; spatial) suit the activation: softmax needs C &ge; 2.
     *
     * @throws IllegalArgumentException naming the shape and the single-channel alternative (SIGMOID)
     */
    public void checkClasses(int[] shape) {
        if (this == SOFTMAX && shape.length >= 2 && shape[1] < 2) {
            throw new IllegalArgumentException("softmax predictions need C >= 2 classes but shape "
                    + java.util.Arrays.toString(shape) + " has C = " + shape[1]
                    + "; use Activation.SIGMOID for a single binary channel");
        }
    }

    /**
     * Parses a task mode: {@code multiclass} (softmax), {@code binary} or {@code multilabel} (sigmoid), or
     * {@code probabilities} (identity); the enum names are accepted too, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Activation parseMode(String mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null; expected multiclass, binary, multilabel or probabilities");
        }
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "multiclass": case "softmax": return SOFTMAX;
            case "binary": case "multilabel": case "sigmoid": return SIGMOID;
            case "probabilities": case "probs": case "identity": return IDENTITY;
            default:
                throw new IllegalArgumentException("mode '" + mode
                        + "' is not recognised; expected multiclass, binary, multilabel or probabilities");
        }
    }
}
