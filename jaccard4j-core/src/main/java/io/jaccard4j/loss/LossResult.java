package io.jaccard4j.loss;

/**
 * The outcome of {@link TrainingLoss#compute}: the scalar loss value L and the gradient dL/d(input), laid out
 * exactly like the prediction data (N&times;C&times;spatial, C order). The gradient is held in the precision of the
 * predictions (float32 for float input, float64 for double input); the other precision is produced on request.
 * The arrays returned are owned by this result and not copied.
 */
public final class LossResult {
    private final double value;
    private final float[] gradientFloat;
    private final double[] gradientDouble;

    LossResult(double value, float[] gradientFloat, double[] gradientDouble) {
        this.value = value;
        this.gradientFloat = gradientFloat;
        this.gradientDouble = gradientDouble;
    }

    /** The loss value L. */
    public double value() {
        return value;
    }

    /** dL/d(input) in float32 (converted when the predictions were double). */
    public float[] gradient() {
        if (gradientFloat != null) {
            return gradientFloat;
        }
        float[] out = new float[gradientDouble.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) gradientDouble[i];
        }
        return out;
    }

    /** dL/d(input) in float64 (exact double gradient when the predictions were double, widened otherwise). */
    public double[] gradientAsDouble() {
        if (gradientDouble != null) {
            return gradientDouble;
        }
        double[] out = new double[gradientFloat.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = gradientFloat[i];
        }
        return out;
    }
}
