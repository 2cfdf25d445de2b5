package io.jaccard4j.loss;

/**
 * The allowed values of a numeric loss parameter, declared once and used both by the loss registry
 * ({@link LossRegistry}) and by the builders and factories of the losses, so that a value out of range fails with
 * the same message whichever way the loss was configured: "{@code <name> is <value>; expected <range>}".
 *
 * <p>A value v is accepted when it is finite and v &ge; min ({@link #atLeast}) or v &gt; min ({@link #above});
 * an integer range accepts integers k &ge; min.
 */
public final class ValueRange {
    /** Finite values &ge; 0 (weights, smoothing, thresholds). */
    public static final ValueRange NON_NEGATIVE = atLeast(0);
    /** Finite values &ge; 1 (the overlap losses' focal exponent). */
    public static final ValueRange AT_LEAST_ONE = atLeast(1);
    /** Finite values &gt; 0 (temperatures). */
    public static final ValueRange POSITIVE = above(0);
    /** Integers &ge; 1 (norms). */
    public static final ValueRange POSITIVE_INTEGER = new ValueRange(1, true, true);

    private final double min;
    private final boolean inclusive;
    private final boolean integer;

    private ValueRange(double min, boolean inclusive, boolean integer) {
        this.min = min;
        this.inclusive = inclusive;
        this.integer = integer;
    }

    /** Finite values v &ge; min. */
    public static ValueRange atLeast(double min) {
        return new ValueRange(min, true, false);
    }

    /** Finite values v &gt; min. */
    public static ValueRange above(double min) {
        return new ValueRange(min, false, false);
    }

    /** Whether the range holds integers only. */
    public boolean integer() {
        return integer;
    }

    /**
     * Returns {@code value} when it lies in the range.
     *
     * @throws IllegalArgumentException "{@code name} is {@code value}; expected ..." otherwise
     */
    public double check(String name, double value) {
        boolean ok = !Double.isInfinite(value) && (inclusive ? value >= min : value > min)
                && (!integer || value == Math.rint(value));
        if (!ok) {
            throw new IllegalArgumentException(name + " is " + value + "; expected " + expected());
        }
        return value;
    }

    /** Integer form of {@link #check(String, double)}, printing the value as an integer. */
    public int check(String name, int value) {
        if (!(inclusive ? value >= min : value > min)) {
            throw new IllegalArgumentException(name + " is " + value + "; expected " + expected());
        }
        return value;
    }

    /** The phrase of the messages, e.g. "a finite value &gt;= 0" or "an integer &gt;= 1". */
    public String expected() {
        return (integer ? "an integer " : "a finite value ") + bound();
    }

    /** The bound alone, e.g. "&gt;= 0", as the docs' table shows it. */
    public String bound() {
        return (inclusive ? ">= " : "> ") + (min == Math.rint(min) ? String.valueOf((long) min) : String.valueOf(min));
    }

    @Override
    public String toString() {
        return expected();
    }
}
