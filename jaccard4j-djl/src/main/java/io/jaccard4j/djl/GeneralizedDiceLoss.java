package io.jaccard4j.djl;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.Targets;
import java.util.Objects;

/**
 * The generalized Dice loss (Sudre et al., 2017) as a DJL {@link Loss}, the NDArray form of core's
 * {@link io.jaccard4j.loss.GeneralizedDiceLoss} and built from it (one configuration, one validation, e.g.
 * {@code LossRegistry.build("generalized-dice", options)}). For a group of kept pixels (each image, or the batch),
 * probabilities x and targets y:
 * <pre>
 *   X_c = Σ x_c,  Y_c = Σ y_c,  2·tp_c = X_c + Y_c − Σ|x_c − y_c|  (norm 1)  or  2·Σ x_c·y_c  (product)
 *   L = 1 − (Σ_c w_c·2·tp_c + s) / (Σ_c w_c·(X_c + Y_c) + s),  averaged over the groups
 * </pre>
 * The weights w_c are constants of the targets: the engine sums Y_c, and core's
 * {@link io.jaccard4j.loss.GeneralizedDiceLoss#weights} turns them into weights on the host (1/Y², 1/Y or 1, the
 * infinite ones replaced by the largest finite one, w_0 = 0 without the background), one G × C array a step;
 * the rest is NDArray operations, so autograd gives the gradient. A group with a zero denominator contributes 0.
 *
 * <p>Labels: {@code labels.get(0)} holds hard class indices (N × spatial) or soft labels (N × C × spatial); an
 * optional {@code labels.get(1)} is a keep-mask (N × spatial). Predictions: logits (or probabilities with
 * {@link Activation#IDENTITY}) N × C × spatial.
 */
public final class GeneralizedDiceLoss extends Loss {
    private final io.jaccard4j.loss.GeneralizedDiceLoss core;
    private final Activation activation;
    private final int ignoreIndex;

    private GeneralizedDiceLoss(io.jaccard4j.loss.GeneralizedDiceLoss core, Activation activation, int ignoreIndex) {
        super("GeneralizedDiceLoss");
        this.core = Objects.requireNonNull(core, "core");
        this.activation = Objects.requireNonNull(activation, "activation");
        this.ignoreIndex = ignoreIndex;
    }

    /**
     * The DJL form of a configured core loss.
     *
     * @param activation how the logits become probabilities
     * @param ignoreIndex hard label whose pixels are dropped ({@link Targets#NO_IGNORE} for none)
     */
    public static GeneralizedDiceLoss of(io.jaccard4j.loss.GeneralizedDiceLoss core, Activation activation,
            int ignoreIndex) {
        return new GeneralizedDiceLoss(core, activation, ignoreIndex);
    }

    /** The core loss this adapts. */
    public io.jaccard4j.loss.GeneralizedDiceLoss core() {
        return core;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(0);
        Shape shape = logits.getShape();
        int[] dims = new int[shape.dimension()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) Math.min(Integer.MAX_VALUE, shape.get(i));
        }
        activation.checkClasses(dims);
        int c = dims[1];
        if (!core.includeBackground() && c < 2) {
            throw new IllegalArgumentException("the generalized Dice loss without the background needs at least 2 "
                    + "classes; the predictions have " + c);
        }
        LossInputs in = LossInputs.of(labels, predictions, activation, ignoreIndex);
        int[] pixels = {LossInputs.PIXELS};
        NDArray sx = in.x.sum(pixels); // N x C
        NDArray sy = in.y.sum(pixels);
        NDArray twiceTp = core.cardinality().isProduct() ? in.x.mul(in.y).sum(pixels).mul(scalar(sx, 2))
                : sx.add(sy).sub(in.x.sub(in.y).abs().sum(pixels));
        if (!core.perImage()) {
            sx = sx.sum(new int[] {0}, true);
            sy = sy.sum(new int[] {0}, true);
            twiceTp = twiceTp.sum(new int[] {0}, true);
        }
        int groups = (int) sx.getShape().get(0);
        float[] mass = sy.toType(DataType.FLOAT32, false).toFloatArray();
        float[] w = new float[groups * c];
        for (int g = 0; g < groups; g++) {
            double[] y = new double[c];
            for (int k = 0; k < c; k++) {
                y[k] = mass[g * c + k];
            }
            double[] wg = core.weights(y);
            for (int k = 0; k < c; k++) {
                w[g * c + k] = (float) wg[k];
            }
        }
        NDManager manager = logits.getManager();
        NDArray weights = manager.create(w, new Shape(groups, c)).toType(sx.getDataType(), false);
        float smooth = (float) core.smooth();
        NDArray num = twiceTp.mul(weights).sum(new int[] {1}).add(smooth);
        NDArray den = sx.add(sy).mul(weights).sum(new int[] {1}).add(smooth);
        NDArray zero = den.eq(0f).toType(den.getDataType(), false);
        NDArray perGroup = num.div(den.add(zero)).neg().add(1f).mul(zero.neg().add(1f));
        return perGroup.sum().div(scalar(perGroup, groups));
    }
}
