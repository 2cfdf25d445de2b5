package io.jaccard4j.metrics;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Overlap of two sets: the Jaccard index J(A, B) = |A ∩ B| / |A ∪ B| and the Dice coefficient (F1)
 * D(A, B) = 2|A ∩ B| / (|A| + |B|), for Java collections (treated as sets: duplicates count once),
 * {@link BitSet}s and sorted id arrays. Two empty sets make both ratios ill-defined: they take the
 * {@link ZeroDivision} value (with {@link ZeroDivision#WARN}: 0 and a logged warning). Per pair of sets,
 * J = D / (2 − D) and D = 2J / (1 + J).
 */
public final class SetJaccard {
    private static final System.Logger LOG = System.getLogger("io.jaccard4j.metrics");

    private SetJaccard() {
    }

    /** The sizes of two sets' intersection and union, from which every overlap ratio follows. */
    public static final class Overlap {
        private final long intersection;
        private final long union;

        Overlap(long intersection, long union) {
            this.intersection = intersection;
            this.union = union;
        }

        public long intersection() {
            return intersection;
        }

        public long union() {
            return union;
        }

        /** Whether both sets are empty (every ratio is ill-defined). */
        public boolean illDefined() {
            return union == 0;
        }

        /** |A ∩ B| / |A ∪ B|. */
        public double jaccard(ZeroDivision zeroDivision) {
            return ratio(intersection, union, zeroDivision, "Jaccard");
        }

        /** 2|A ∩ B| / (|A| + |B|), where |A| + |B| = |A ∪ B| + |A ∩ B|. */
        public double dice(ZeroDivision zeroDivision) {
            return ratio(2 * intersection, union + intersection, zeroDivision, "Dice");
        }

        private static double ratio(double num, double den, ZeroDivision zd, String name) {
            if (den == 0 && zd.warns()) {
                LOG.log(System.Logger.Level.WARNING, name + " is ill-defined and being set to 0.0 due to two empty sets."
                        + " Use `zero_division` parameter to control this behavior.");
            }
            return zd.divide(num, den);
        }
    }

    /** Overlap of two collections, each treated as a set (iterates the smaller set). */
    public static Overlap overlap(Collection<?> a, Collection<?> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Set<?> sa = a instanceof Set ? (Set<?>) a : new HashSet<>(a);
        Set<?> sb = b instanceof Set ? (Set<?>) b : new HashSet<>(b);
        Set<?> small = sa.size() <= sb.size() ? sa : sb;
        Set<?> large = small == sa ? sb : sa;
        long inter = 0;
        for (Object x : small) {
            if (large.contains(x)) {
                inter++;
            }
        }
        return new Overlap(inter, (long) sa.size() + sb.size() - inter);
    }

    /** Overlap of two bit sets (word-level AND and popcounts over one copy of the shorter set). */
    public static Overlap overlap(BitSet a, BitSet b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        BitSet inter = (BitSet) (a.length() <= b.length() ? a : b).clone();
        inter.and(a.length() <= b.length() ? b : a);
        long i = inter.cardinality();
        return new Overlap(i, (long) a.cardinality() + b.cardinality() - i);
    }

    /**
     * Overlap of two strictly increasing id arrays (a merge walk).
     *
     * @throws IllegalArgumentException if an array is not strictly increasing
     */
    public static Overlap overlap(long[] sortedA, long[] sortedB) {
        requireIncreasing(sortedA, "sortedA");
        requireIncreasing(sortedB, "sortedB");
        int i = 0;
        int j = 0;
        long inter = 0;
        while (i < sortedA.length && j < sortedB.length) {
            if (sortedA[i] == sortedB[j]) {
                inter++;
                i++;
                j++;
            } else if (sortedA[i] < sortedB[j]) {
                i++;
            } else {
                j++;
            }
        }
        return new Overlap(inter, (long) sortedA.length + sortedB.length - inter);
    }

    private static void requireIncreasing(long[] v, String name) {
        Objects.requireNonNull(v, name);
        for (int i = 1; i < v.length; i++) {
            if (v[i] <= v[i - 1]) {
                throw new IllegalArgumentException(name + " must be strictly increasing; " + name + "[" + (i - 1) + "] = "
                        + v[i - 1] + " and " + name + "[" + i + "] = " + v[i]);
            }
        }
    }

    /** J(A, B) with scikit-learn's default policy (two empty sets: 0 and a warning). */
    public static double jaccard(Collection<?> a, Collection<?> b) {
        return overlap(a, b).jaccard(ZeroDivision.WARN);
    }

    /** J(A, B) for bit sets (two empty sets: 0 and a warning). */
    public static double jaccard(BitSet a, BitSet b) {
        return overlap(a, b).jaccard(ZeroDivision.WARN);
    }

    /** Dice / F1 of two collections (two empty sets: 0 and a warning). */
    public static double dice(Collection<?> a, Collection<?> b) {
        return overlap(a, b).dice(ZeroDivision.WARN);
    }

    /**
     * J = F1 / (2 − F1): the Jaccard index with the same tp, fp, fn as an F1 score. NaN maps to NaN.
     *
     * @throws IllegalArgumentException for a value outside [0, 1]
     */
    public static double jaccardFromF1(double f1) {
        requireUnit(f1, "f1");
        return f1 / (2 - f1);
    }

    /** F1 = 2J / (1 + J), the inverse of {@link #jaccardFromF1}. NaN maps to NaN. */
    public static double f1FromJaccard(double jaccard) {
        requireUnit(jaccard, "jaccard");
        return 2 * jaccard / (1 + jaccard);
    }

    private static void requireUnit(double v, String name) {
        if (v < 0 || v > 1) {
            throw new IllegalArgumentException(name + " must lie in [0, 1]; got " + v);
        }
    }
}
