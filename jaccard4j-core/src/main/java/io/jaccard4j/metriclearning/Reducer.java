package io.jaccard4j.metriclearning;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reduces the element losses l<sub>e</sub> of one sub-loss (one per pair, triplet or anchor) to one number, as
 * pytorch-metric-learning's reducers do. The contract is PML's: every sub-loss says what its elements are — its
 * {@link ReductionType} — and gives each element its anchor (for {@link ReductionType#ELEMENT} the element's own batch
 * index). A reducer here returns weights w<sub>e</sub> and the sub-loss is L<sub>s</sub> = Σ<sub>e</sub> w<sub>e</sub>
 * l<sub>e</sub>, the weights held constant in the backward pass (as autograd treats PML's reducers), so
 * dL<sub>s</sub>/dl<sub>e</sub> = w<sub>e</sub>. A loss with several sub-losses (contrastive: positive and negative
 * pairs) adds them up, as PML's {@code MultipleReducers}. A sub-loss without elements reduces to 0.
 *
 * <p>The reducers of PML:
 * <ul>
 *   <li>{@link #mean()}: w<sub>e</sub> = 1/E ({@code MeanReducer});</li>
 *   <li>{@link #threshold(double, double)}: the mean over the elements with low &lt; l<sub>e</sub> &lt; high
 *       ({@code ThresholdReducer}; either bound may be absent), 0 when none passes;</li>
 *   <li>{@link #avgNonZero()}: threshold with low = 0 ({@code AvgNonZeroReducer});</li>
 *   <li>{@link #classWeighted(double[])}: w<sub>e</sub> = c<sub>y(anchor(e))</sub>/E with class weights c indexed by
 *       label ({@code ClassWeightedReducer});</li>
 *   <li>{@link #perAnchor()}: the mean over anchors of each anchor's mean, w<sub>e</sub> = 1/(A · E<sub>anchor(e)</sub>)
 *       with A the number of anchors that have elements;</li>
 *   <li>{@link #doNothing()}: no reduction ({@code DoNothingReducer}): a loss with it only answers
 *       {@link MetricLoss#elements}; {@link MetricLoss#compute} rejects it.</li>
 * </ul>
 * The interface is open: any weighting of the elements that depends on their losses, anchors and labels fits.
 * The constants {@link #MEAN}, {@link #AVG_NON_ZERO} and {@link #PER_ANCHOR} are the shared instances.
 */
public interface Reducer {
    /** What the elements of a sub-loss are (PML's {@code reduction_type}). */
    enum ReductionType {
        /** One element per batch sample (its anchor is itself). */
        ELEMENT,
        /** One element per positive pair (anchor = the pair's anchor). */
        POS_PAIR,
        /** One element per negative pair. */
        NEG_PAIR,
        /** One element per triplet. */
        TRIPLET,
        /** Already one number (the zero loss of a batch with nothing to compute). */
        ALREADY_REDUCED;

        /** PML's name, e.g. {@code pos_pair}. */
        public String pmlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The weights w<sub>e</sub> of the elements of one sub-loss.
     *
     * @param losses the element losses l<sub>e</sub>
     * @param type what the elements are
     * @param anchors the anchor (batch index) of each element
     * @param labels the batch's labels (anchors index it)
     */
    double[] weights(double[] losses, ReductionType type, int[] anchors, int[] labels);

    /** Mean over elements. */
    Reducer MEAN = new Weighted("mean", (l, t, a, y) -> {
        double[] w = new double[l.length];
        Arrays.fill(w, 1.0 / l.length);
        return w;
    });

    /** Mean over elements with positive loss. */
    Reducer AVG_NON_ZERO = threshold("avg-non-zero", 0, Double.NaN);

    /** Per-anchor mean, then mean over anchors. */
    Reducer PER_ANCHOR = new Weighted("per-anchor", (l, t, anchors, y) -> {
        int n = y.length;
        int[] count = new int[n];
        for (int a : anchors) {
            count[a]++;
        }
        int anchorsWith = 0;
        for (int c : count) {
            if (c > 0) {
                anchorsWith++;
            }
        }
        double[] w = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            w[i] = 1.0 / ((double) anchorsWith * count[anchors[i]]);
        }
        return w;
    });

    /** PML's {@code MeanReducer}. */
    static Reducer mean() {
        return MEAN;
    }

    /** PML's {@code AvgNonZeroReducer}: the mean over elements with l<sub>e</sub> &gt; 0. */
    static Reducer avgNonZero() {
        return AVG_NON_ZERO;
    }

    /** Mean over anchors of the per-anchor mean. */
    static Reducer perAnchor() {
        return PER_ANCHOR;
    }

    /**
     * PML's {@code ThresholdReducer(low, high)}: the mean over elements with low &lt; l<sub>e</sub> &lt; high; a NaN
     * bound is absent (PML's None).
     *
     * @throws IllegalArgumentException when both bounds are absent, a bound is infinite, or low ≥ high
     */
    static Reducer threshold(double low, double high) {
        if (Double.isNaN(low) && Double.isNaN(high)) {
            throw new IllegalArgumentException("threshold reducer: low and high are both absent; expected at least one");
        }
        if (Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("threshold reducer: low = " + low + ", high = " + high
                    + "; expected finite bounds");
        }
        if (!Double.isNaN(low) && !Double.isNaN(high) && !(low < high)) {
            throw new IllegalArgumentException("threshold reducer: low = " + low + " is not below high = " + high);
        }
        return threshold("threshold(" + low + ", " + high + ")", low, high);
    }

    private static Reducer threshold(String name, double low, double high) {
        return new Weighted(name, (l, t, a, y) -> {
            boolean[] keep = new boolean[l.length];
            int c = 0;
            for (int i = 0; i < l.length; i++) {
                keep[i] = (Double.isNaN(low) || l[i] > low) && (Double.isNaN(high) || l[i] < high);
                c += keep[i] ? 1 : 0;
            }
            double[] w = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                w[i] = keep[i] ? 1.0 / c : 0;
            }
            return w;
        });
    }

    /**
     * PML's {@code ClassWeightedReducer(weights)}: w<sub>e</sub> = classWeights[y<sub>anchor(e)</sub>] / E.
     *
     * @throws IllegalArgumentException for a non-finite weight; a label outside the weights fails at reduction
     */
    static Reducer classWeighted(double[] classWeights) {
        double[] cw = Objects.requireNonNull(classWeights, "classWeights").clone();
        for (int i = 0; i < cw.length; i++) {
            if (!Double.isFinite(cw[i])) {
                throw new IllegalArgumentException("class weight " + i + " is " + cw[i] + "; expected a finite number");
            }
        }
        return new Weighted("class-weighted" + Arrays.toString(cw), (l, t, anchors, y) -> {
            double[] w = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                int label = y[anchors[i]];
                if (label < 0 || label >= cw.length) {
                    throw new IllegalArgumentException("class-weighted reducer: label " + label + " has no weight; "
                            + cw.length + " class weights cover labels 0.." + (cw.length - 1));
                }
                w[i] = cw[label] / l.length;
            }
            return w;
        });
    }

    /** PML's {@code DoNothingReducer}: the loss's element losses, unreduced ({@link MetricLoss#elements}). */
    static Reducer doNothing() {
        return DoNothing.INSTANCE;
    }

    /**
     * PML's {@code DivisorReducer}: the sum of a sub-loss's elements divided by the divisor the loss gives with it
     * (0 when the divisor is 0) — ProxyAnchorLoss's default. Only losses that give divisors accept it.
     */
    static Reducer divisor() {
        return Divisor.INSTANCE;
    }

    /** See {@link #divisor()}. */
    final class Divisor implements Reducer {
        static final Divisor INSTANCE = new Divisor();

        private Divisor() {
        }

        @Override
        public double[] weights(double[] losses, ReductionType type, int[] anchors, int[] labels) {
            throw new IllegalArgumentException("the divisor reducer needs the loss's divisor; only ProxyAnchorLoss "
                    + "gives one");
        }

        @Override
        public String toString() {
            return "divisor";
        }
    }

    /** The reducer that reduces nothing; see {@link #doNothing()}. */
    final class DoNothing implements Reducer {
        static final DoNothing INSTANCE = new DoNothing();

        private DoNothing() {
        }

        @Override
        public double[] weights(double[] losses, ReductionType type, int[] anchors, int[] labels) {
            throw new IllegalArgumentException("the do-nothing reducer gives no single loss value; ask the loss for "
                    + "its elements instead");
        }

        @Override
        public String toString() {
            return "do-nothing";
        }
    }

    /** A named reducer from a weight function (empty element lists give no weights). */
    final class Weighted implements Reducer {
        private final String name;
        private final Reducer body;

        Weighted(String name, Reducer body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public double[] weights(double[] losses, ReductionType type, int[] anchors, int[] labels) {
            return losses.length == 0 ? new double[0] : body.weights(losses, type, anchors, labels);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
