package io.jaccard4j.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The value-plus-gradient result of every loss in jaccard4j: the scalar loss value L, the gradient dL/dx with
 * respect to the loss's main input x (laid out exactly like that input, row-major), and optionally
 * <ul>
 *   <li><em>named extra gradients</em> dL/dθ for the loss's other inputs or learnable tensors — e.g.
 *       {@code "proxies"} of a proxy loss, {@code "multilabel"} of the average-K two-head loss,
 *       {@code "parameters"} of the calibrated ranking loss ({@link #gradient(String)});</li>
 *   <li><em>named parts</em>: scalar components or diagnostics of L — e.g. the tightness and contrast terms of the
 *       pairwise cross-entropy, or the iteration count of Sinkhorn ({@link #part(String)}).</li>
 * </ul>
 * The main gradient is held in the precision it was computed in (float32 for the overlap losses on float input,
 * float64 otherwise); the other precision is produced on request. Arrays are owned by this result and not copied;
 * the instance itself is immutable ({@code with…} methods return a new result).
 */
public final class LossResult {
    private final double value;
    private final float[] gradientFloat;
    private final double[] gradientDouble;
    private final Map<String, double[]> gradients;
    private final Map<String, Double> parts;

    LossResult(double value, float[] gradientFloat, double[] gradientDouble) {
        this(value, gradientFloat, gradientDouble, Map.of(), Map.of());
    }

    private LossResult(double value, float[] gradientFloat, double[] gradientDouble, Map<String, double[]> gradients,
            Map<String, Double> parts) {
        this.value = value;
        this.gradientFloat = gradientFloat;
        this.gradientDouble = gradientDouble;
        this.gradients = gradients;
        this.parts = parts;
    }

    /** L with its float64 gradient dL/dx (owned, not copied). */
    public static LossResult of(double value, double[] gradient) {
        return new LossResult(value, null, Objects.requireNonNull(gradient, "gradient"));
    }

    /** L with its float32 gradient dL/dx (owned, not copied). */
    public static LossResult of(double value, float[] gradient) {
        return new LossResult(value, Objects.requireNonNull(gradient, "gradient"), null);
    }

    /** This result with the named extra gradient dL/dθ added (replacing one of the same name). */
    public LossResult withGradient(String name, double[] gradient) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gradient, "gradient");
        Map<String, double[]> g = new LinkedHashMap<>(gradients);
        g.put(name, gradient);
        return new LossResult(value, gradientFloat, gradientDouble, Collections.unmodifiableMap(g), parts);
    }

    /** This result with the named scalar part added (replacing one of the same name). */
    public LossResult withPart(String name, double part) {
        Objects.requireNonNull(name, "name");
        Map<String, Double> p = new LinkedHashMap<>(parts);
        p.put(name, part);
        return new LossResult(value, gradientFloat, gradientDouble, gradients, Collections.unmodifiableMap(p));
    }

    /** The loss value L. */
    public double value() {
        return value;
    }

    /** dL/dx in float32 (converted when the gradient was computed in float64). */
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

    /** dL/dx in float64 (exact when computed in float64, widened otherwise). */
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

    /**
     * The named extra gradient dL/dθ.
     *
     * @throws IllegalArgumentException when this result has no gradient of that name
     */
    public double[] gradient(String name) {
        double[] g = gradients.get(name);
        if (g == null) {
            throw new IllegalArgumentException("this loss result has no gradient named '" + name + "'; it has "
                    + gradients.keySet());
        }
        return g;
    }

    /** The names of the extra gradients, in the order they were added. */
    public Set<String> gradientNames() {
        return gradients.keySet();
    }

    /**
     * The named scalar part of L.
     *
     * @throws IllegalArgumentException when this result has no part of that name
     */
    public double part(String name) {
        Double p = parts.get(name);
        if (p == null) {
            throw new IllegalArgumentException("this loss result has no part named '" + name + "'; it has "
                    + parts.keySet());
        }
        return p;
    }

    /** The names of the parts, in the order they were added. */
    public Set<String> partNames() {
        return parts.keySet();
    }
}
