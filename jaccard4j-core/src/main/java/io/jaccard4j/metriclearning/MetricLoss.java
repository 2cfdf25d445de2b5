package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A metric-learning loss on a batch of n labelled embeddings (n × d, row-major), composed as in
 * pytorch-metric-learning: a {@link Distance} gives the n × n matrix M, an optional {@link Miner} (or tuples passed
 * to {@link #compute(double[], int, int, int[], Tuples)}) picks the pairs or triplets — all of them by default — the
 * loss turns them into element losses l<sub>e</sub>, and a {@link Reducer} combines those into
 * L = Σ<sub>e</sub> w<sub>e</sub> l<sub>e</sub>. {@link #compute} returns L and its exact gradient dL/de.
 *
 * <p>A batch whose tuples hold no positive pair (or no triplet, for triplet losses) gives L = 0 with a zero
 * gradient and a logged note (System.Logger {@code io.jaccard4j.metriclearning}, level INFO) — never NaN. Bad input
 * (shapes, non-finite values, out-of-range or label-inconsistent tuples) fails with an
 * {@link IllegalArgumentException} naming the argument. The formulas are on each subclass. Instances are immutable
 * and thread-safe.
 */
public abstract class MetricLoss {
    static final System.Logger LOG = System.getLogger("io.jaccard4j.metriclearning");

    private final Distance distance;
    private final Miner miner;
    private final Reducer reducer;

    MetricLoss(Builder<?> b) {
        this.distance = Objects.requireNonNull(b.distance, "distance");
        this.miner = b.miner;
        this.reducer = Objects.requireNonNull(b.reducer, "reducer");
    }

    /** The distance or similarity M. */
    public final Distance distance() {
        return distance;
    }

    /** The miner; null means all pairs / all triplets. */
    public final Miner miner() {
        return miner;
    }

    /** The reducer. */
    public final Reducer reducer() {
        return reducer;
    }

    /** The loss's name, used in messages. */
    public abstract String name();

    /** L and dL/de (n × d, {@link LossResult#gradientAsDouble()}) over the miner's tuples (all tuples without a miner). */
    public final LossResult compute(double[] embeddings, int n, int d, int[] labels) {
        return compute(embeddings, n, d, labels, null);
    }

    /** L and dL/de (n × d, {@link LossResult#gradientAsDouble()}) for float embeddings (computed in double precision). */
    public final LossResult compute(float[] embeddings, int n, int d, int[] labels) {
        return compute(toDoubles(embeddings), n, d, labels, null);
    }

    /** L and dL/de (n × d, {@link LossResult#gradientAsDouble()}) for float embeddings over given tuples. */
    public final LossResult compute(float[] embeddings, int n, int d, int[] labels, Tuples tuples) {
        return compute(toDoubles(embeddings), n, d, labels, tuples);
    }

    /**
     * L and dL/de over the given tuples; {@code tuples == null} uses the miner (or all tuples). The miner measures
     * with its own distance ({@link Miner#distance()}), as in PML.
     *
     * @throws IllegalArgumentException for bad input, or with the {@link Reducer#doNothing()} reducer (use
     *     {@link #elements})
     */
    public final LossResult compute(double[] embeddings, int n, int d, int[] labels, Tuples tuples) {
        rejectDoNothing();
        checkInputs(embeddings, n, d, labels);
        double[] m = distance.matrix(embeddings, n, d);
        List<Terms> groups = terms(m, n, labels, labels, true, tuplesFor(embeddings, n, d, labels, m, tuples));
        if (groups == null) {
            logEmpty();
            return LossResult.of(0, new double[n * d]);
        }
        double[] gm = new double[n * n];
        double value = Terms.reduceAll(groups, reducer, labels, gm);
        return LossResult.of(value, distance.backward(embeddings, n, d, gm));
    }

    /**
     * The name of the reference set's gradient in the result of
     * {@link #compute(double[], int, int[], double[], int, int[], int, Tuples)}.
     */
    public static final String REF_EMBEDDINGS = "ref_embeddings";

    /**
     * L and its gradients when n query embeddings are scored against a separate reference set of nr embeddings
     * (pytorch-metric-learning's {@code loss(embeddings, labels, indices_tuple, ref_emb, ref_labels)}): M is the
     * n × nr matrix between queries and references; a positive pair (a, r) is a query a and a reference r of the same
     * label, a negative pair one of different labels, and — the sets being distinct — no pair is left out as a
     * self-pair. Tuples (given, or mined with the miner's distance between queries and references) index the queries
     * by their anchors and the references by their positives and negatives. Element losses belong to their query
     * anchor, so the reducer sees the query labels. Returns dL/d(queries) (n × d) as the gradient and
     * dL/d(references) (nr × d) as the named gradient {@value #REF_EMBEDDINGS}; a caller that holds the references
     * fixed (a memory, as {@link CrossBatchMemory}) ignores the latter. Triplet margin loss with {@code swap} needs
     * positive–negative distances inside the reference set, which this form does not give, and is rejected.
     *
     * @throws IllegalArgumentException for bad shapes or values, dimensions that differ, tuples outside the sets or
     *     against the labels, or a loss that cannot score a separate reference set
     */
    public final LossResult compute(double[] embeddings, int n, int[] labels, double[] refEmbeddings, int nr,
            int[] refLabels, int d, Tuples tuples) {
        rejectDoNothing();
        checkInputs(embeddings, n, d, labels);
        checkReference(refEmbeddings, nr, d, refLabels);
        double[] m = distance.matrix(embeddings, n, refEmbeddings, nr, d);
        List<Terms> groups = terms(m, n, labels, refLabels, false,
                refTuples(embeddings, n, labels, refEmbeddings, nr, refLabels, d, m, tuples));
        if (groups == null) {
            logEmpty();
            return LossResult.of(0, new double[n * d]).withGradient(REF_EMBEDDINGS, new double[nr * d]);
        }
        double[] gm = new double[n * nr];
        double value = Terms.reduceAll(groups, reducer, labels, gm);
        double[][] g = distance.backward(embeddings, n, refEmbeddings, nr, d, gm);
        return LossResult.of(value, g[0]).withGradient(REF_EMBEDDINGS, g[1]);
    }

    /** The given tuples, or the miner's between queries and references, checked; null: all pairs. */
    private Tuples refTuples(double[] embeddings, int n, int[] labels, double[] refEmbeddings, int nr, int[] refLabels,
            int d, double[] m, Tuples tuples) {
        if (tuples != null) {
            return tuples.checkedAgainst(labels, refLabels, false);
        }
        if (miner == null) {
            return null;
        }
        Distance md = miner.distance() == null ? distance : miner.distance();
        double[] mm = md.equals(distance) ? m : md.matrix(embeddings, n, refEmbeddings, nr, d);
        return miner.mine(mm, labels, refLabels, md.isSimilarity()).checkedAgainst(labels, refLabels, false);
    }

    /**
     * The unreduced element losses of every sub-loss when n queries are scored against a separate reference set
     * (PML's loss dict of {@code loss(embeddings, labels, indices_tuple, ref_emb, ref_labels)}); pair and triplet
     * indices hold query anchors and reference partners. See
     * {@link #compute(double[], int, int[], double[], int, int[], int, Tuples)}.
     */
    public final List<Elements> elements(double[] embeddings, int n, int[] labels, double[] refEmbeddings, int nr,
            int[] refLabels, int d, Tuples tuples) {
        checkInputs(embeddings, n, d, labels);
        checkReference(refEmbeddings, nr, d, refLabels);
        double[] m = distance.matrix(embeddings, n, refEmbeddings, nr, d);
        return Elements.of(terms(m, n, labels, refLabels, false,
                refTuples(embeddings, n, labels, refEmbeddings, nr, refLabels, d, m, tuples)), subLossNames());
    }

    private void rejectDoNothing() {
        if (reducer instanceof Reducer.DoNothing) {
            throw new IllegalArgumentException(name() + ": the do-nothing reducer gives no single loss value; call "
                    + "elements(...) for the unreduced element losses");
        }
    }

    private void logEmpty() {
        LOG.log(System.Logger.Level.INFO, name() + ": " + emptyReason() + "; the loss is 0 with a zero gradient");
    }

    /** Checks a reference set against the queries' dimension d. */
    static void checkReference(double[] ref, int nr, int d, int[] refLabels) {
        Objects.requireNonNull(ref, "refEmbeddings");
        Objects.requireNonNull(refLabels, "refLabels");
        if (nr < 1) {
            throw new IllegalArgumentException("the reference set has nr = " + nr + " rows; expected nr >= 1");
        }
        if ((long) nr * d != ref.length) {
            throw new IllegalArgumentException("reference embeddings have " + ref.length + " values; expected nr x d = "
                    + nr + " x " + d + " = " + (long) nr * d + " (d must equal the queries' dimension)");
        }
        if (refLabels.length != nr) {
            throw new IllegalArgumentException("reference labels have " + refLabels.length + " entries; expected nr = "
                    + nr);
        }
        for (int i = 0; i < ref.length; i++) {
            if (!Double.isFinite(ref[i])) {
                throw new IllegalArgumentException("reference embedding value " + i + " (row " + i / d + ") is "
                        + ref[i] + "; expected a finite number");
            }
        }
    }

    private Tuples tuplesFor(double[] embeddings, int n, int d, int[] labels, double[] m, Tuples tuples) {
        if (tuples != null) {
            return tuples.checkedAgainst(labels);
        }
        if (miner == null) {
            return null;
        }
        Distance md = miner.distance() == null ? distance : miner.distance();
        double[] mm = md.equals(distance) ? m : md.matrix(embeddings, n, d);
        return miner.mine(mm, n, labels, md.isSimilarity()).checkedAgainst(labels);
    }

    /**
     * The unreduced element losses of one sub-loss, as PML's loss dict gives them (what its
     * {@code DoNothingReducer} returns): the sub-loss's name ({@code loss}, {@code pos_loss}, {@code neg_loss}), its
     * reduction type, the element losses and their indices — (anchor) for {@code element}, (anchor, other) for pairs,
     * (anchor, positive, negative) for triplets. A batch with nothing to compute gives one {@code already_reduced}
     * element 0 without indices.
     */
    public static final class Elements {
        private final String name;
        private final Reducer.ReductionType type;
        private final double[] losses;
        private final int[][] indices;

        Elements(String name, Reducer.ReductionType type, double[] losses, int[][] indices) {
            this.name = name;
            this.type = type;
            this.losses = losses;
            this.indices = indices;
        }

        /** The sub-losses' elements; one already-reduced 0 for each name when there is nothing to compute. */
        static List<Elements> of(List<Terms> groups, List<String> subLossNames) {
            List<Elements> out = new ArrayList<>();
            if (groups == null) {
                for (String sub : subLossNames) {
                    out.add(new Elements(sub, Reducer.ReductionType.ALREADY_REDUCED, new double[] {0}, new int[0][]));
                }
                return out;
            }
            for (Terms g : groups) {
                out.add(new Elements(g.name, g.type, g.values(), g.indices()));
            }
            return out;
        }

        /** The sub-loss's name. */
        public String name() {
            return name;
        }

        /** What its elements are. */
        public Reducer.ReductionType type() {
            return type;
        }

        /** The element losses (owned). */
        public double[] losses() {
            return losses;
        }

        /** The elements' indices, one array per index role (owned; empty for {@code already_reduced}). */
        public int[][] indices() {
            return indices;
        }
    }

    /** The unreduced element losses of every sub-loss, whatever the reducer (PML's loss dict). */
    public final List<Elements> elements(double[] embeddings, int n, int d, int[] labels, Tuples tuples) {
        checkInputs(embeddings, n, d, labels);
        double[] m = distance.matrix(embeddings, n, d);
        List<Terms> groups = terms(m, n, labels, labels, true, tuplesFor(embeddings, n, d, labels, m, tuples));
        return Elements.of(groups, subLossNames());
    }

    /** The names of the sub-losses, in order. */
    List<String> subLossNames() {
        return List.of("loss");
    }

    /** See {@link Tuples#forPairLoss(Tuples, int[], int[], boolean)}. */
    static Tuples pairsOrNothing(Tuples mined, int[] labels, int[] refLabels, boolean sameSet) {
        return Tuples.forPairLoss(mined, labels, refLabels, sameSet);
    }

    /**
     * The sub-losses of the given tuples (null: use all), or null when there is nothing to compute (loss 0). The matrix
     * m is n × nr (nr = refLabels.length) between the queries and the references; {@code sameSet} says the references
     * are the queries themselves ({@code refLabels == labels}), so pairs (a, a) are left out.
     */
    abstract List<Terms> terms(double[] m, int n, int[] labels, int[] refLabels, boolean sameSet, Tuples mined);

    /** Why {@link #terms} found nothing, for the log. */
    String emptyReason() {
        return "the batch has no positive pair";
    }

    static double[] toDoubles(float[] f) {
        Objects.requireNonNull(f, "embeddings");
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static void checkInputs(double[] e, int n, int d, int[] labels) {
        Objects.requireNonNull(e, "embeddings");
        Objects.requireNonNull(labels, "labels");
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("n and d must be >= 1; got n = " + n + ", d = " + d);
        }
        if ((long) n * d != e.length) {
            throw new IllegalArgumentException("embeddings have " + e.length + " values; expected n x d = " + n + " x "
                    + d + " = " + (long) n * d);
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries; expected n = " + n);
        }
        for (int i = 0; i < e.length; i++) {
            if (!Double.isFinite(e[i])) {
                throw new IllegalArgumentException("embedding value " + i + " (row " + i / d + ") is " + e[i]
                        + "; expected a finite number");
            }
        }
    }

    static double positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " is " + v + "; expected a finite value > 0");
        }
        return v;
    }

    static double finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " is " + v + "; expected a finite number");
        }
        return v;
    }

    /** Positive and negative partners per anchor of pair tuples read as PML's masks ({@link Tuples#byAnchorDistinct}). */
    static int[][][] pairLists(int n, int nr, Tuples t) {
        return new int[][][] {Tuples.byAnchorDistinct(n, nr, t.rawA1(), t.rawP()),
            Tuples.byAnchorDistinct(n, nr, t.rawA2(), t.rawQ())};
    }

    /** The shared part of the loss builders. */
    public abstract static class Builder<B extends Builder<B>> {
        Distance distance;
        Miner miner;
        Reducer reducer;

        Builder(Distance distance, Reducer reducer) {
            this.distance = distance;
            this.reducer = reducer;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The distance or similarity. */
        public B distance(Distance distance) {
            this.distance = Objects.requireNonNull(distance, "distance");
            return self();
        }

        /** The miner (null: all tuples). */
        public B miner(Miner miner) {
            this.miner = miner;
            return self();
        }

        /** The loss. */
        public abstract MetricLoss build();

        /** The reducer. */
        public B reducer(Reducer reducer) {
            this.reducer = Objects.requireNonNull(reducer, "reducer");
            return self();
        }
    }
}
