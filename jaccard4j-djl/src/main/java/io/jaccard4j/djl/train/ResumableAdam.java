package io.jaccard4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adam at a fixed learning rate η whose state can be saved and restored, for checkpoints. For each parameter w with
 * gradient g at step t = 1, 2, ...: m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², w ← w − η_t·m / (√v + ε) with
 * η_t = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ), β₁ = 0.9, β₂ = 0.999, ε = 1e-8 — DJL's {@code Adam} defaults, computed by the same
 * engine operator ({@code NDArrayEx.adamUpdate}) with the same arguments, so a run trains exactly as with DJL's
 * {@code Optimizer.adam()}. DJL's own Adam keeps its moments m, v and step counts in private fields with no
 * accessor, so they could not be checkpointed; this class owns them ({@link #state}, {@link #restore}).
 */
public final class ResumableAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final Map<String, NDArray> means = new TreeMap<>();
    private final Map<String, NDArray> variances = new TreeMap<>();
    private final Map<String, Integer> steps = new TreeMap<>();
    private final NDManager manager;

    /**
     * @param learningRate η, finite and positive
     * @param manager owns the moment arrays (the trainer's manager)
     */
    public ResumableAdam(float learningRate, NDManager manager) {
        super(new Builder());
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be finite and > 0; got " + learningRate);
        }
        this.learningRate = learningRate;
        this.manager = manager;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = steps.merge(parameterId, 1, Integer::sum);
        double coef1 = 1.0 - Math.pow(BETA1, t);
        double coef2 = 1.0 - Math.pow(BETA2, t);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        NDArray m = means.computeIfAbsent(parameterId, k -> owned(weight.zerosLike()));
        NDArray v = variances.computeIfAbsent(parameterId, k -> owned(weight.zerosLike()));
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), learningRate,
                corrected, getWeightDecay(), rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, false);
    }

    private NDArray owned(NDArray a) {
        a.attach(manager);
        return a;
    }

    /**
     * The step count of each parameter (all equal after whole steps), keyed by {@code names.get(id)}: DJL's
     * parameter ids are unique per instance, so a checkpoint keys the state by a name stable across instances.
     */
    public Map<String, Integer> steps(Map<String, String> names) {
        Map<String, Integer> out = new TreeMap<>();
        steps.forEach((id, t) -> out.put(name(names, id), t));
        return out;
    }

    private static String name(Map<String, String> names, String id) {
        String n = names.get(id);
        if (n == null) {
            throw new IllegalStateException("the optimiser holds state of parameter " + id + ", which has no name");
        }
        return n;
    }

    /**
     * The moments as one list: for each parameter, m then v, named {@code m:<name>} / {@code v:<name>} with
     * {@code name = names.get(id)}.
     */
    public NDList state(Map<String, String> names) {
        NDList out = new NDList();
        for (String id : means.keySet()) {
            NDArray m = means.get(id);
            NDArray v = variances.get(id);
            m.setName("m:" + name(names, id));
            v.setName("v:" + name(names, id));
            out.add(m);
            out.add(v);
        }
        return out;
    }

    /**
     * Restores the moments from {@link #state} and the step counts from {@link #steps}, mapping each stored name to
     * this instance's parameter id by {@code ids}. The arrays are copied into this optimiser's manager.
     *
     * @throws IllegalArgumentException if an array's name is not {@code m:<name>} or {@code v:<name>} of a known
     *     parameter, or a parameter lacks either moment or its step count
     */
    public void restore(NDList state, Map<String, Integer> stepCounts, Map<String, String> ids) {
        means.clear();
        variances.clear();
        steps.clear();
        List<String> names = new ArrayList<>();
        for (NDArray a : state) {
            String name = a.getName() == null ? "" : a.getName();
            String param = name.length() > 2 ? name.substring(2) : "";
            String id = ids.get(param);
            if (id == null || !(name.startsWith("m:") || name.startsWith("v:"))) {
                throw new IllegalArgumentException("optimiser state array '" + name
                        + "' is not named m:<parameter> or v:<parameter> of a parameter of this network");
            }
            NDArray copy = owned(a.duplicate());
            if (name.startsWith("m:")) {
                means.put(id, copy);
                names.add(param);
            } else {
                variances.put(id, copy);
            }
        }
        for (String param : names) {
            String id = ids.get(param);
            if (!variances.containsKey(id) || !stepCounts.containsKey(param)) {
                throw new IllegalArgumentException("optimiser state of parameter " + param + " is incomplete");
            }
            steps.put(id, stepCounts.get(param));
        }
    }

    /** The builder {@link Optimizer}'s constructor needs (defaults: no weight decay, no clipping, rescale 1). */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
