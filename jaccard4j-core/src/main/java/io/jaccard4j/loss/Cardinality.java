package io.jaccard4j.loss;

/**
 * How an overlap loss measures set sizes of soft vectors x (prediction) and y (label) over a group of pixels.
 *
 * <ul>
 *   <li>{@link #norm(int) norm p} (JML / Dice semimetric; p = 1 by default): |v| = &Sigma;<sub>i</sub>
 *       |v<sub>i</sub>|<sup>p</sup>, &Delta; = |x &minus; y|, and tp = (|x| + |y| &minus; &Delta;) / 2. For p = 1 this
 *       is the Jaccard metric loss; for p = 2 tp = &lang;x, y&rang; (squared-L2 soft Jaccard/Dice).</li>
 *   <li>{@link #product()} (textbook soft Jaccard/Dice): |v| = &Sigma;<sub>i</sub> v<sub>i</sub> and
 *       tp = &lang;x, y&rang;. It equals norm 1 on hard labels but not on soft labels.</li>
 * </ul>
 * In both, fp = |x| &minus; tp and fn = |y| &minus; tp.
 */
public final class Cardinality {
    private static final Cardinality PRODUCT = new Cardinality(1, true);
    private static final Cardinality L1 = new Cardinality(1, false);
    private final int p;
    private final boolean product;

    private Cardinality(int p, boolean product) {
        this.p = p;
        this.product = product;
    }

    /** |v| = &Sigma;|v<sub>i</sub>|<sup>p</sup>, tp = (|x| + |y| &minus; |x &minus; y|) / 2; p &ge; 1. */
    public static Cardinality norm(int p) {
        ValueRange.POSITIVE_INTEGER.check("norm", p);
        return p == 1 ? L1 : new Cardinality(p, false);
    }

    /** |v| = &Sigma;v<sub>i</sub>, tp = &lang;x, y&rang; (textbook soft Jaccard). */
    public static Cardinality product() {
        return PRODUCT;
    }

    /** The exponent p (1 for {@link #product()}). */
    public int exponent() {
        return p;
    }

    /** Whether tp is the inner product with plain sums as cardinalities. */
    public boolean isProduct() {
        return product;
    }

    @Override
    public String toString() {
        return product ? "product" : "norm" + p;
    }
}
