package io.jaccard4j.loss;

import java.util.Arrays;
import java.util.Objects;

/**
 * Model outputs in N&times;C or N&times;C&times;D<sub>1</sub>&times;&hellip;&times;D<sub>k</sub> layout (batch,
 * class, any spatial dimensions), stored as a flat array in C (row-major) order, together with the
 * {@link Activation} that turns them into probabilities. Element (n, c, i) with i the flattened spatial index lives
 * at {@code (n*C + c)*P + i}, P = D<sub>1</sub>&middot;&hellip;&middot;D<sub>k</sub>.
 *
 * <p>The array is referenced, not copied; do not modify it while a loss is computing. Non-finite logits and
 * probabilities outside [0, 1] are rejected by the loss with an {@link IllegalArgumentException}.
 */
public final class Predictions {
    private final float[] floats;
    private final double[] doubles;
    private final int[] shape;
    private final Activation activation;
    private final int batch;
    private final int classes;
    private final int spatial;

    private Predictions(float[] floats, double[] doubles, int[] shape, Activation activation) {
        this.floats = floats;
        this.doubles = doubles;
        this.activation = activation;
        int length = floats != null ? floats.length : doubles.length;
        this.shape = shape.clone();
        if (this.shape.length < 2) {
            throw new IllegalArgumentException("predictions shape " + Arrays.toString(shape)
                    + " has " + shape.length + " dimension(s); expected N x C or N x C x spatial...");
        }
        long product = 1;
        for (int d : this.shape) {
            if (d < 1) {
                throw new IllegalArgumentException("predictions shape " + Arrays.toString(shape)
                        + " has a dimension < 1; expected positive sizes");
            }
            product *= d;
        }
        if (product != length) {
            throw new IllegalArgumentException("predictions shape " + Arrays.toString(shape) + " holds " + product
                    + " elements but the data array has " + length);
        }
        this.batch = this.shape[0];
        this.classes = this.shape[1];
        this.spatial = (int) (product / ((long) batch * classes));
        activation.checkClasses(this.shape);
    }

    /** Logits z to be passed through {@code activation} (SOFTMAX or SIGMOID). */
    public static Predictions logits(float[] data, int[] shape, Activation activation) {
        return new Predictions(Objects.requireNonNull(data, "data"), null, Objects.requireNonNull(shape, "shape"),
                logitActivation(activation));
    }

    /** Double-precision logits; the loss then returns an exact float64 gradient. */
    public static Predictions logits(double[] data, int[] shape, Activation activation) {
        return new Predictions(null, Objects.requireNonNull(data, "data"), Objects.requireNonNull(shape, "shape"),
                logitActivation(activation));
    }

    /** Probabilities in [0, 1] used as given; gradients are with respect to them. */
    public static Predictions probabilities(float[] data, int[] shape) {
        return new Predictions(Objects.requireNonNull(data, "data"), null, Objects.requireNonNull(shape, "shape"),
                Activation.IDENTITY);
    }

    /** Double-precision probabilities in [0, 1]. */
    public static Predictions probabilities(double[] data, int[] shape) {
        return new Predictions(null, Objects.requireNonNull(data, "data"), Objects.requireNonNull(shape, "shape"),
                Activation.IDENTITY);
    }

    private static Activation logitActivation(Activation activation) {
        if (activation == null || activation == Activation.IDENTITY) {
            throw new IllegalArgumentException("logits need activation SOFTMAX or SIGMOID, got " + activation
                    + "; use Predictions.probabilities(...) for probabilities");
        }
        return activation;
    }

    /** The activation that maps the data to probabilities. */
    public Activation activation() {
        return activation;
    }

    /** Whether the data are logits (activation SOFTMAX or SIGMOID). */
    public boolean isLogits() {
        return activation != Activation.IDENTITY;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** N, the batch size. */
    public int batchSize() {
        return batch;
    }

    /** C, the number of classes (channels). */
    public int numClasses() {
        return classes;
    }

    /** P, the number of spatial positions per image (1 for N&times;C data). */
    public int spatialSize() {
        return spatial;
    }

    /** Total number of elements N&middot;C&middot;P. */
    public int size() {
        return floats != null ? floats.length : doubles.length;
    }

    /** Whether the data are float64. */
    public boolean isDouble() {
        return doubles != null;
    }

    /** Element at flat index {@code index}, widened to double. */
    public double get(int index) {
        return floats != null ? floats[index] : doubles[index];
    }

    /** The float32 data, or null for double predictions (not copied). */
    float[] floatData() {
        return floats;
    }

    int[] shapeView() {
        return shape;
    }
}
