package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import java.util.List;
import java.util.Objects;

/**
 * A metric-learning loss with a learnable tensor of class weights — the proxy and classifier losses of
 * pytorch-metric-learning ({@link ProxyAnchorLoss}, {@link ProxyNCALoss}, {@link NormalizedSoftmaxLoss},
 * {@link ArcFaceLoss}, {@link CosFaceLoss}). The caller owns the weights and passes them to every call, in PML's
 * layout: (C, d) "proxies" for ProxyAnchor and ProxyNCA, (d, C) "W" for the classifier losses
 * ({@link #weightsAreClassColumns()}). With P the C × d class vectors (W transposed for the classifiers), the loss
 * computes the n × C matrix S = M(e, P) of its {@link Distance}, element losses from S and the labels, and reduces
 * them with its {@link Reducer}; {@link #compute} returns L, dL/de (n × d) and, as the extra gradient named
 * {@value #WEIGHTS}, dL/d(weights) in the weights' own layout.
 *
 * <p>As in PML, a miner (or tuples passed in) does not choose elements here but weighs them: sample i gets
 * w<sub>i</sub> = c<sub>i</sub> / max<sub>j</sub> c<sub>j</sub>, c<sub>i</sub> the number of times i appears in the
 * tuples (for ProxyNCA only as an anchor), 0 for samples that do not appear; without tuples, or with empty ones, every
 * w<sub>i</sub> = 1. Labels must lie in 0..C−1. Instances are immutable and thread-safe.
 */
public abstract class ProxyLoss {
    /** The name of the weights' gradient in the {@link LossResult}. */
    public static final String WEIGHTS = "weights";

    private final Distance distance;
    private final Miner miner;
    private final Reducer reducer;
    private final int classes;

    ProxyLoss(Builder<?> b) {
        this.classes = b.classes;
        this.distance = Objects.requireNonNull(b.distance, "distance");
        this.miner = b.miner;
        this.reducer = b.reducer;
        if (classes < 1) {
            throw new IllegalArgumentException(name() + ": number of classes is " + classes + "; expected >= 1");
        }
    }

    /** The loss's name, used in messages. */
    public abstract String name();

    /** Whether the weights are laid out d × C (PML's {@code W}) rather than C × d (PML's {@code proxies}). */
    public abstract boolean weightsAreClassColumns();

    /** The number of classes C. */
    public final int classes() {
        return classes;
    }

    /** The distance S is measured with. */
    public final Distance distance() {
        return distance;
    }

    /** The miner that weighs samples; null: none. */
    public final Miner miner() {
        return miner;
    }

    /** The reducer; null: the loss's default (PML's). */
    public final Reducer reducer() {
        return reducer;
    }

    /** The class vectors P (C × d) the loss compares against, from the raw C × d vectors. */
    double[] prepareProxies(double[] p, int c, int d) {
        return p;
    }

    /** dL/d(raw C × d vectors) from dL/dP. */
    double[] prepareProxiesBackward(double[] p, int c, int d, double[] gradP) {
        return gradP;
    }

    /** The sub-losses from S (n × C) — partials with respect to S — or null for a zero loss. */
    abstract List<Terms> terms(double[] s, int n, int c, int[] labels, double[] minerWeights);

    /** The reducer used when none is set. */
    Reducer defaultReducer() {
        return Reducer.MEAN;
    }

    /** The sub-loss names, in order. */
    List<String> subLossNames() {
        return List.of("loss");
    }

    /** Whether the miner weights count only anchors (PML's {@code using_ref}). */
    boolean weightsCountAnchorsOnly() {
        return false;
    }

    /**
     * L, dL/de and dL/d(weights) (named {@value #WEIGHTS}); {@code tuples} null uses the miner, if any.
     *
     * @param weights the learnable tensor in PML's layout (C × d, or d × C when {@link #weightsAreClassColumns()})
     * @throws IllegalArgumentException for bad shapes, non-finite values, labels outside 0..C−1, or the do-nothing
     *     reducer (use {@link #elements})
     */
    public final LossResult compute(double[] embeddings, int n, int d, int[] labels, double[] weights,
            Tuples tuples) {
        Reducer red = reducer == null ? defaultReducer() : reducer;
        if (red instanceof Reducer.DoNothing) {
            throw new IllegalArgumentException(name() + ": the do-nothing reducer gives no single loss value; call "
                    + "elements(...) for the unreduced element losses");
        }
        double[] raw = rows(embeddings, n, d, labels, weights);
        double[] p = prepareProxies(raw, classes, d);
        double[] s = distance.matrix(embeddings, n, p, classes, d);
        List<Terms> groups = terms(s, n, classes, labels, minerWeights(embeddings, n, d, labels, tuples));
        if (groups == null) {
            return LossResult.of(0, new double[n * d]).withGradient(WEIGHTS, new double[classes * d]);
        }
        double[] gs = new double[n * classes];
        double value = Terms.reduceAll(groups, red, labels, gs);
        double[][] g = distance.backward(embeddings, n, p, classes, d, gs);
        double[] gw = prepareProxiesBackward(raw, classes, d, g[1]);
        return LossResult.of(value, g[0]).withGradient(WEIGHTS, weightsAreClassColumns() ? transpose(gw, classes, d)
                : gw);
    }

    /** The unreduced element losses of every sub-loss (PML's loss dict), whatever the reducer. */
    public final List<MetricLoss.Elements> elements(double[] embeddings, int n, int d, int[] labels, double[] weights,
            Tuples tuples) {
        double[] p = prepareProxies(rows(embeddings, n, d, labels, weights), classes, d);
        double[] s = distance.matrix(embeddings, n, p, classes, d);
        List<Terms> groups = terms(s, n, classes, labels, minerWeights(embeddings, n, d, labels, tuples));
        return MetricLoss.Elements.of(groups, subLossNames());
    }

    /** Checks the inputs; returns the class vectors as C × d rows. */
    private double[] rows(double[] embeddings, int n, int d, int[] labels, double[] weights) {
        MetricLoss.checkInputs(embeddings, n, d, labels);
        Objects.requireNonNull(weights, "weights");
        if (weights.length != (long) classes * d) {
            throw new IllegalArgumentException(name() + ": the weights have " + weights.length + " values; expected "
                    + (weightsAreClassColumns() ? "d x C = " + d + " x " + classes : "C x d = " + classes + " x " + d)
                    + " = " + (long) classes * d);
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException(name() + ": weight " + i + " is " + weights[i]
                        + "; expected a finite number");
            }
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name() + ": label " + i + " is " + labels[i] + "; expected a class "
                        + "in 0.." + (classes - 1));
            }
        }
        return weightsAreClassColumns() ? transpose(weights, d, classes) : weights;
    }

    /** The transpose of an r × c row-major matrix. */
    static double[] transpose(double[] x, int r, int c) {
        double[] t = new double[x.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = x[i * c + j];
            }
        }
        return t;
    }

    /**
     * The sample weights w<sub>i</sub> of the class comment from the tuples (null: the miner's, if any), for front
     * ends that compute the formula themselves (the DJL version).
     */
    public final double[] sampleWeights(double[] embeddings, int n, int d, int[] labels, Tuples tuples) {
        MetricLoss.checkInputs(embeddings, n, d, labels);
        return minerWeights(embeddings, n, d, labels, tuples);
    }

    /**
     * The reducer's constant weights of one sub-loss's element losses (reduction type {@code element}); with the
     * divisor reducer 1/divisor each (0 when the divisor is 0).
     */
    public final double[] elementWeights(double[] losses, int[] anchors, int[] labels, double divisor) {
        Reducer red = reducer == null ? defaultReducer() : reducer;
        if (red instanceof Reducer.DoNothing) {
            throw new IllegalArgumentException(name() + ": the do-nothing reducer gives no weights");
        }
        if (red instanceof Reducer.Divisor) {
            double[] w = new double[losses.length];
            java.util.Arrays.fill(w, divisor == 0 ? 0 : 1 / divisor);
            return w;
        }
        return red.weights(losses, Reducer.ReductionType.ELEMENT, anchors, labels);
    }

    /** PML's {@code convert_to_weights} of the tuples (given, or mined with the miner's own distance). */
    private double[] minerWeights(double[] e, int n, int d, int[] labels, Tuples tuples) {
        Tuples t = tuples;
        if (t == null && miner != null) {
            Distance md = miner.distance() == null ? distance : miner.distance();
            t = miner.mine(md.matrix(e, n, d), n, labels, md.isSimilarity());
        }
        double[] w = new double[n];
        if (t == null || (t.rawA1().length == 0 && t.rawA2().length == 0)) {
            java.util.Arrays.fill(w, 1);
            return w;
        }
        t.checkedAgainst(labels);
        int[] count = new int[n];
        count(count, t.rawA1());
        if (t.isTriplets()) {
            if (!weightsCountAnchorsOnly()) {
                count(count, t.rawP());
                count(count, t.rawQ());
            }
        } else {
            if (!weightsCountAnchorsOnly()) {
                count(count, t.rawP());
            }
            count(count, t.rawA2());
            if (!weightsCountAnchorsOnly()) {
                count(count, t.rawQ());
            }
        }
        int max = 0;
        for (int c : count) {
            max = Math.max(max, c);
        }
        for (int i = 0; i < n; i++) {
            w[i] = max == 0 ? 0 : (double) count[i] / max;
        }
        return w;
    }

    private static void count(int[] count, int[] idx) {
        for (int i : idx) {
            count[i]++;
        }
    }

    /**
     * Cross-entropy elements of logits z (n × C, row-major), torch's form −((z<sub>y</sub> − max) − log Σ
     * e<sup>z − max</sup>), times the miner weights; dzdS holds dz/dS entry by entry.
     */
    static Terms crossEntropy(double[] z, double[] dzdS, int n, int c, int[] labels, double[] minerWeights) {
        Terms t = new Terms("loss", Reducer.ReductionType.ELEMENT);
        double[] soft = new double[c];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, z[i * c + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                soft[k] = Math.exp(z[i * c + k] - max);
                sum += soft[k];
            }
            double w = minerWeights[i];
            for (int k = 0; k < c; k++) {
                double g = (soft[k] / sum - (k == labels[i] ? 1 : 0)) * w;
                if (g != 0) {
                    t.grad(i * c + k, g * dzdS[i * c + k]);
                }
            }
            t.close(i, -((z[i * c + labels[i]] - max) - Math.log(sum)) * w);
        }
        return t;
    }

    /** The shared part of the builders. */
    public abstract static class Builder<B extends Builder<B>> {
        final int classes;
        Distance distance;
        Miner miner;
        Reducer reducer;

        Builder(int classes, Distance distance) {
            this.classes = classes;
            this.distance = distance;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The distance S is measured with. */
        public B distance(Distance distance) {
            this.distance = Objects.requireNonNull(distance, "distance");
            return self();
        }

        /** The miner whose tuples weigh the samples (null: none). */
        public B miner(Miner miner) {
            this.miner = miner;
            return self();
        }

        /** The reducer (null: the loss's default). */
        public B reducer(Reducer reducer) {
            this.reducer = reducer;
            return self();
        }

        /** The loss. */
        public abstract ProxyLoss build();
    }
}
