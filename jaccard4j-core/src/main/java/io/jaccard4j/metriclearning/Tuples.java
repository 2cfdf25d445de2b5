package io.jaccard4j.metriclearning;

import java.util.Arrays;
import java.util.Objects;

/**
 * Index tuples of a batch that a loss is computed over, as miners return them (pytorch-metric-learning's
 * "indices tuple"): either <em>pairs</em> — positive pairs (a<sub>1</sub>[i], p[i]) and negative pairs
 * (a<sub>2</sub>[j], q[j]) — or <em>triplets</em> (a[t], p[t], q[t]) with y<sub>a</sub> = y<sub>p</sub>, a ≠ p and
 * y<sub>a</sub> ≠ y<sub>q</sub>. Pair losses read triplets through {@link #asPairs()} (the (a, p) and (a, q) pairs of
 * every triplet), triplet losses read pairs through {@link #asTriplets()} (every positive and negative pair sharing an
 * anchor). Immutable; arrays are copied in and out.
 */
public final class Tuples {
    private final boolean triplets;
    private final int[] a1;
    private final int[] p;
    private final int[] a2;
    private final int[] q;

    private Tuples(boolean triplets, int[] a1, int[] p, int[] a2, int[] q) {
        this.triplets = triplets;
        this.a1 = a1;
        this.p = p;
        this.a2 = a2;
        this.q = q;
    }

    /** Positive pairs (anchorsPos[i], positives[i]) and negative pairs (anchorsNeg[j], negatives[j]). */
    public static Tuples pairs(int[] anchorsPos, int[] positives, int[] anchorsNeg, int[] negatives) {
        same("anchorsPos", anchorsPos, "positives", positives);
        same("anchorsNeg", anchorsNeg, "negatives", negatives);
        return new Tuples(false, anchorsPos.clone(), positives.clone(), anchorsNeg.clone(), negatives.clone());
    }

    /** Triplets (anchors[t], positives[t], negatives[t]). */
    public static Tuples triplets(int[] anchors, int[] positives, int[] negatives) {
        same("anchors", anchors, "positives", positives);
        same("anchors", anchors, "negatives", negatives);
        return new Tuples(true, anchors.clone(), positives.clone(), anchors.clone(), negatives.clone());
    }

    private static void same(String an, int[] a, String bn, int[] b) {
        Objects.requireNonNull(a, an);
        Objects.requireNonNull(b, bn);
        if (a.length != b.length) {
            throw new IllegalArgumentException(an + " has " + a.length + " entries but " + bn + " has " + b.length
                    + "; expected the same length");
        }
    }

    /** The mined tuples as pairs, or every pair of the batch when nothing was mined ({@code mined} null). */
    public static Tuples pairsOrAll(Tuples mined, int[] labels) {
        return mined == null ? allPairs(labels) : mined.asPairs();
    }

    /** The mined tuples as triplets, or every valid triplet of the batch when nothing was mined. */
    public static Tuples tripletsOrAll(Tuples mined, int[] labels) {
        return mined == null ? allTriplets(labels) : mined.asTriplets();
    }

    /** The mined tuples as triplets, or every triplet between queries and references. */
    static Tuples tripletsOrAll(Tuples mined, int[] labels, int[] refLabels, boolean sameSet) {
        return mined == null ? allTriplets(labels, refLabels, sameSet) : mined.asTriplets();
    }

    /** Per anchor 0..n−1, the partners b[k] of the pairs (a[k], b[k]), in pair order. */
    public static int[][] byAnchor(int n, int[] a, int[] b) {
        int[] count = new int[n];
        for (int x : a) {
            count[x]++;
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int k = 0; k < a.length; k++) {
            out[a[k]][fill[a[k]]++] = b[k];
        }
        return out;
    }

    /**
     * Per anchor 0..n−1, the distinct partners b of the pairs (a, b), in index order: the pairs read as PML's masks
     * (mat-based losses such as multi-similarity and SupCon), where a repeated pair counts once.
     */
    public static int[][] byAnchorDistinct(int n, int[] a, int[] b) {
        return byAnchorDistinct(n, n, a, b);
    }

    /** {@link #byAnchorDistinct(int, int[], int[])} for n anchors and partners among nr references. */
    static int[][] byAnchorDistinct(int n, int nr, int[] a, int[] b) {
        boolean[] mask = new boolean[n * nr];
        for (int k = 0; k < a.length; k++) {
            mask[a[k] * nr + b[k]] = true;
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            IntList row = new IntList();
            for (int j = 0; j < nr; j++) {
                if (mask[i * nr + j]) {
                    row.add(j);
                }
            }
            out[i] = row.toArray();
        }
        return out;
    }

    /**
     * The tuples a pair loss works on (PML's {@code GenericPairLoss}): the mined tuples as pairs, or all pairs of the
     * batch; null — nothing to compute, the loss is 0 — when each of the four index lists holds at most one entry.
     */
    public static Tuples forPairLoss(Tuples mined, int[] labels) {
        return forPairLoss(mined, labels, labels, true);
    }

    /** {@link #forPairLoss(Tuples, int[])} between queries and references ({@link #allPairs(int[], int[], boolean)}). */
    static Tuples forPairLoss(Tuples mined, int[] labels, int[] refLabels, boolean sameSet) {
        Tuples t = mined == null ? allPairs(labels, refLabels, sameSet) : mined.asPairs();
        return t.a1.length <= 1 && t.a2.length <= 1 ? null : t;
    }

    /** Every ordered positive pair (a ≠ p, same label) and every negative pair of the batch, in index order. */
    public static Tuples allPairs(int[] labels) {
        return allPairs(labels, labels, true);
    }

    /**
     * Every positive pair (a, r) — query a and reference r of one label — and every negative pair between n queries
     * and the references, in row-major order (PML's {@code get_all_pairs_indices(labels, ref_labels)}); when
     * {@code sameSet} the references are the queries and the pairs (a, a) are left out.
     */
    static Tuples allPairs(int[] labels, int[] refLabels, boolean sameSet) {
        IntList pa = new IntList();
        IntList pp = new IntList();
        IntList na = new IntList();
        IntList nq = new IntList();
        for (int a = 0; a < labels.length; a++) {
            for (int b = 0; b < refLabels.length; b++) {
                if (sameSet && a == b) {
                    continue;
                }
                if (labels[a] == refLabels[b]) {
                    pa.add(a);
                    pp.add(b);
                } else {
                    na.add(a);
                    nq.add(b);
                }
            }
        }
        return new Tuples(false, pa.toArray(), pp.toArray(), na.toArray(), nq.toArray());
    }

    /** Every valid triplet (a, p, q) of the batch, in index order. */
    public static Tuples allTriplets(int[] labels) {
        return allTriplets(labels, labels, true);
    }

    /**
     * Every triplet (a, p, q) of a query a with a positive p and a negative q among the references, in index order;
     * {@code sameSet} leaves out p = a.
     */
    static Tuples allTriplets(int[] labels, int[] refLabels, boolean sameSet) {
        IntList ta = new IntList();
        IntList tp = new IntList();
        IntList tq = new IntList();
        for (int a = 0; a < labels.length; a++) {
            for (int b = 0; b < refLabels.length; b++) {
                if ((sameSet && b == a) || refLabels[b] != labels[a]) {
                    continue;
                }
                for (int c = 0; c < refLabels.length; c++) {
                    if (refLabels[c] != labels[a]) {
                        ta.add(a);
                        tp.add(b);
                        tq.add(c);
                    }
                }
            }
        }
        int[] anchors = ta.toArray();
        return new Tuples(true, anchors, tp.toArray(), anchors.clone(), tq.toArray());
    }

    /**
     * These tuples without the positives that are a query's own copy among the references: the pairs (a, p) and
     * triplets (a, p, q) with p = slot[a] (PML's {@code remove_self_comparisons} in {@code CrossBatchMemory});
     * negative pairs are kept (a copy has its query's label, so it is never a negative).
     */
    Tuples withoutSelf(int[] slot) {
        boolean[] keep = new boolean[a1.length];
        int kept = 0;
        for (int i = 0; i < a1.length; i++) {
            keep[i] = p[i] != slot[a1[i]];
            kept += keep[i] ? 1 : 0;
        }
        int[] na1 = new int[kept];
        int[] np = new int[kept];
        int[] nq = triplets ? new int[kept] : q;
        for (int i = 0, k = 0; i < a1.length; i++) {
            if (keep[i]) {
                na1[k] = a1[i];
                np[k] = p[i];
                if (triplets) {
                    nq[k] = q[i];
                }
                k++;
            }
        }
        return new Tuples(triplets, na1, np, triplets ? na1.clone() : a2, nq);
    }

    /** Whether these are triplets (else pairs). */
    public boolean isTriplets() {
        return triplets;
    }

    /** Number of triplets, or of positive pairs for pairs. */
    public int size() {
        return a1.length;
    }

    /**
     * The tuples as pairs: triplets (a, p, q) become the positive pairs (a, p) and the negative pairs (a, q), one of
     * each per triplet, repeats kept (PML's {@code convert_to_pairs}).
     */
    public Tuples asPairs() {
        if (!triplets) {
            return this;
        }
        return new Tuples(false, a1, p, a2, q);
    }

    /** The tuples as triplets: for pairs, every (a, p, q) with (a, p) positive and (a, q) negative. */
    public Tuples asTriplets() {
        if (triplets) {
            return this;
        }
        IntList ta = new IntList();
        IntList tp = new IntList();
        IntList tq = new IntList();
        for (int i = 0; i < a1.length; i++) {
            for (int j = 0; j < a2.length; j++) {
                if (a2[j] == a1[i]) {
                    ta.add(a1[i]);
                    tp.add(p[i]);
                    tq.add(q[j]);
                }
            }
        }
        int[] anchors = ta.toArray();
        return new Tuples(true, anchors, tp.toArray(), anchors.clone(), tq.toArray());
    }

    /** Anchors of the positive pairs (or of the triplets). */
    public int[] anchorsPos() {
        return a1.clone();
    }

    /** The positives. */
    public int[] positives() {
        return p.clone();
    }

    /** Anchors of the negative pairs (or of the triplets). */
    public int[] anchorsNeg() {
        return a2.clone();
    }

    /** The negatives. */
    public int[] negatives() {
        return q.clone();
    }

    int[] rawA1() {
        return a1;
    }

    int[] rawP() {
        return p;
    }

    int[] rawA2() {
        return a2;
    }

    int[] rawQ() {
        return q;
    }

    /** Fails fast unless every index lies in [0, n) and every positive / negative agrees with the labels. */
    Tuples checkedAgainst(int[] labels) {
        return checkedAgainst(labels, labels, true);
    }

    /**
     * Fails fast unless every anchor lies among the queries, every partner among the references, and every positive /
     * negative agrees with the labels ({@code sameSet}: a positive is not its own anchor).
     */
    Tuples checkedAgainst(int[] labels, int[] refLabels, boolean sameSet) {
        int n = labels.length;
        int nr = refLabels.length;
        String in = sameSet ? "the batch" : "the reference set";
        for (int i = 0; i < a1.length; i++) {
            check(n, a1[i], "anchor", "the batch");
            check(nr, p[i], "positive", in);
            if ((sameSet && a1[i] == p[i]) || labels[a1[i]] != refLabels[p[i]]) {
                throw new IllegalArgumentException("mined positive (" + a1[i] + ", " + p[i] + ") has labels "
                        + labels[a1[i]] + " and " + refLabels[p[i]] + "; expected two different samples of one label");
            }
        }
        for (int j = 0; j < a2.length; j++) {
            check(n, a2[j], "anchor", "the batch");
            check(nr, q[j], "negative", in);
            if (labels[a2[j]] == refLabels[q[j]]) {
                throw new IllegalArgumentException("mined negative (" + a2[j] + ", " + q[j] + ") has label "
                        + refLabels[q[j]] + " twice; expected different labels");
            }
        }
        return this;
    }

    private static void check(int n, int i, String what, String in) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("mined " + what + " index " + i + " is outside " + in + " [0, " + n
                    + ")");
        }
    }

    @Override
    public String toString() {
        return triplets ? a1.length + " triplets" : a1.length + " positive and " + a2.length + " negative pairs";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tuples)) {
            return false;
        }
        Tuples t = (Tuples) o;
        return t.triplets == triplets && Arrays.equals(t.a1, a1) && Arrays.equals(t.p, p) && Arrays.equals(t.a2, a2)
                && Arrays.equals(t.q, q);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(a1) * 31 + Arrays.hashCode(q);
    }

    /** A growable int array. */
    static final class IntList {
        private int[] v = new int[16];
        private int size;

        void add(int x) {
            if (size == v.length) {
                v = Arrays.copyOf(v, size * 2);
            }
            v[size++] = x;
        }

        int[] toArray() {
            return Arrays.copyOf(v, size);
        }
    }
}
