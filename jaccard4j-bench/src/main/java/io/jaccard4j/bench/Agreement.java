package io.jaccard4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The agreement checks of {@link Compare}: each comparison of jaccard4j's result with a peer's adds a
 * {@link Check}; {@link #failures()} lists those that did not hold. Tolerances are those of the harness:
 * confusion matrices and counts equal exactly, scores to 1e-12 absolute, loss values to 1e-5 relative,
 * gradients to 1e-5 maximum absolute difference and, so that the tiny gradients of a dataset-reduced loss are
 * still compared meaningfully, to 1e-3 of the largest gradient entry.
 */
public final class Agreement {
    public static final double SCORE_TOLERANCE = 1e-12;
    public static final double VALUE_RELATIVE_TOLERANCE = 1e-5;
    public static final double GRADIENT_ABSOLUTE_TOLERANCE = 1e-5;
    public static final double GRADIENT_RELATIVE_TOLERANCE = 1e-3;

    /** One comparison. */
    public static final class Check {
        public final String name;
        public final boolean ok;
        public final String detail;

        Check(String name, boolean ok, String detail) {
            this.name = name;
            this.ok = ok;
            this.detail = detail;
        }

        @Override
        public String toString() {
            return (ok ? "ok       " : "MISMATCH ") + name + ": " + detail;
        }
    }

    private final List<Check> checks = new ArrayList<>();

    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    public List<Check> failures() {
        List<Check> f = new ArrayList<>();
        for (Check c : checks) {
            if (!c.ok) {
                f.add(c);
            }
        }
        return f;
    }

    private Check add(String name, boolean ok, String detail) {
        Check c = new Check(name, ok, detail);
        checks.add(c);
        return c;
    }

    /** Matrices equal entry by entry (and in shape). */
    public Check confusion(String name, long[][] ours, long[][] theirs) {
        if (ours.length != theirs.length) {
            return add(name, false, ours.length + " rows vs " + theirs.length);
        }
        long differing = 0;
        String first = null;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i].length != theirs[i].length) {
                return add(name, false, "row " + i + " has " + ours[i].length + " vs " + theirs[i].length + " columns");
            }
            for (int j = 0; j < ours[i].length; j++) {
                if (ours[i][j] != theirs[i][j]) {
                    differing++;
                    if (first == null) {
                        first = "(" + i + ", " + j + "): " + ours[i][j] + " vs " + theirs[i][j];
                    }
                }
            }
        }
        return add(name, differing == 0, differing == 0 ? ours.length + "x" + ours.length + " equal"
                : differing + " entries differ, first " + first);
    }

    /** Integer counts equal. */
    public Check counts(String name, long[] ours, long[] theirs) {
        boolean ok = java.util.Arrays.equals(ours, theirs);
        return add(name, ok, java.util.Arrays.toString(ours) + (ok ? " equal" : " vs " + java.util.Arrays.toString(theirs)));
    }

    /** |ours − theirs| ≤ 1e-12. */
    public Check score(String name, double ours, double theirs) {
        double d = Math.abs(ours - theirs);
        boolean ok = d <= SCORE_TOLERANCE;
        return add(name, ok, fmt("%.17g vs %.17g, |diff| %.3g (tolerance %.0e)", ours, theirs, d, SCORE_TOLERANCE));
    }

    /** |ours − theirs| ≤ 1e-5 · |theirs|. */
    public Check value(String name, double ours, double theirs) {
        double d = Math.abs(ours - theirs);
        double rel = d / Math.max(Math.abs(theirs), Double.MIN_NORMAL);
        boolean ok = Double.isFinite(ours) && Double.isFinite(theirs) && rel <= VALUE_RELATIVE_TOLERANCE;
        return add(name, ok, fmt("%.9g vs %.9g, relative diff %.3g (tolerance %.0e)", ours, theirs, rel,
                VALUE_RELATIVE_TOLERANCE));
    }

    /** max|ours − theirs| ≤ 1e-5 and ≤ 1e-3 · max|theirs|. */
    public Check gradient(String name, float[] ours, float[] theirs) {
        if (ours.length != theirs.length) {
            return add(name, false, ours.length + " vs " + theirs.length + " entries");
        }
        double maxDiff = 0;
        double scale = 0;
        int at = -1;
        for (int i = 0; i < ours.length; i++) {
            double d = Math.abs((double) ours[i] - theirs[i]);
            if (!(d <= maxDiff)) { // NaN counts as the largest difference
                maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                at = i;
            }
            scale = Math.max(scale, Math.abs(theirs[i]));
        }
        double rel = scale == 0 ? (maxDiff == 0 ? 0 : Double.POSITIVE_INFINITY) : maxDiff / scale;
        boolean ok = maxDiff <= GRADIENT_ABSOLUTE_TOLERANCE && rel <= GRADIENT_RELATIVE_TOLERANCE;
        return add(name, ok, fmt("max |diff| %.3g at %d (tolerance %.0e), %.3g of max |g| = %.3g (tolerance %.0e)",
                maxDiff, at, GRADIENT_ABSOLUTE_TOLERANCE, rel, scale, GRADIENT_RELATIVE_TOLERANCE));
    }

    /** Records a check decided elsewhere (e.g. a peer that could not run). */
    public Check fact(String name, boolean ok, String detail) {
        return add(name, ok, detail);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
