package io.jaccard4j.metriclearning;

import java.util.Locale;

/**
 * The one distance abstraction of jaccard4j: the n × n matrix M that a metric-learning loss compares, with its
 * exact backward pass (the distances of pytorch-metric-learning 2.9.0), and the ranking score that retrieval
 * ({@link io.jaccard4j.retrieval.RetrievalMetrics}) orders neighbours by ({@link #closeness}). Embeddings
 * e<sub>i</sub> are first replaced by u<sub>i</sub> = e<sub>i</sub> / max(‖e<sub>i</sub>‖<sub>q</sub>, 10<sup>−12</sup>) when
 * {@link #normalizesEmbeddings()} — q = p for an Lp distance and q = 2 for the similarities, as PML's
 * {@code torch.nn.functional.normalize(p=self.p)} — else u<sub>i</sub> = e<sub>i</sub>; then
 * <ul>
 *   <li>{@link #cosine()}: M<sub>ij</sub> = ⟨u<sub>i</sub>, u<sub>j</sub>⟩ with normalisation (a similarity);</li>
 *   <li>{@link #dot()}: M<sub>ij</sub> = ⟨u<sub>i</sub>, u<sub>j</sub>⟩ without it (a similarity; note that PML's
 *       {@code DotProductSimilarity()} normalises by default, i.e. is {@code dot().normalizeEmbeddings(true)});</li>
 *   <li>{@link #lp(double)}: M<sub>ij</sub> = (Σ<sub>k</sub> |u<sub>ik</sub> − u<sub>jk</sub>|<sup>p</sup>)<sup>1/p</sup>, p ≥ 1, with
 *       normalisation by default as in pytorch-metric-learning's {@code LpDistance} (a distance);
 *       {@link #euclidean()} is p = 2 without normalisation.</li>
 * </ul>
 * The gradient of an Lp distance at coincident points (M<sub>ij</sub> = 0, e.g. the diagonal) is taken as 0.
 * Similarities grow with closeness, distances shrink: see {@link #isSimilarity()}. Immutable.
 */
public final class Distance {
    private enum Kind { DOT, LP }

    private final Kind kind;
    private final double p;
    private final boolean normalize;
    private final double power;

    private Distance(Kind kind, double p, boolean normalize, double power) {
        this.kind = kind;
        this.p = p;
        this.normalize = normalize;
        this.power = power;
    }

    /** Cosine similarity ⟨e<sub>i</sub>, e<sub>j</sub>⟩ / (‖e<sub>i</sub>‖‖e<sub>j</sub>‖). */
    public static Distance cosine() {
        return new Distance(Kind.DOT, 0, true, 1);
    }

    /** Dot-product similarity ⟨e<sub>i</sub>, e<sub>j</sub>⟩ (unnormalised). */
    public static Distance dot() {
        return new Distance(Kind.DOT, 0, false, 1);
    }

    /** Lp distance on Lp-normalised embeddings (pytorch-metric-learning's default); p ≥ 1. */
    public static Distance lp(double p) {
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("Lp distance: p is " + p + "; expected a finite p >= 1");
        }
        return new Distance(Kind.LP, p, true, 1);
    }

    /** Plain Euclidean distance ‖e<sub>i</sub> − e<sub>j</sub>‖ (p = 2, no normalisation). */
    public static Distance euclidean() {
        return new Distance(Kind.LP, 2, false, 1);
    }

    /** The same distance with embeddings normalised first (or not). */
    public Distance normalizeEmbeddings(boolean normalizeEmbeddings) {
        return new Distance(kind, p, normalizeEmbeddings, power);
    }

    /**
     * The same distance raised to a power: M<sub>ij</sub><sup>power</sup> (PML's {@code power}; ProxyNCA's default
     * distance is {@code LpDistance(power=2)}).
     */
    public Distance withPower(double power) {
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("distance power is " + power + "; expected a finite power > 0");
        }
        return new Distance(kind, p, normalize, power);
    }

    /** The power M is raised to (1 unless {@link #withPower}). */
    public double power() {
        return power;
    }

    /** Whether embeddings are normalised before comparing. */
    public boolean normalizesEmbeddings() {
        return normalize;
    }

    /** Whether larger values mean closer pairs (cosine, dot) rather than farther (Lp). */
    public boolean isSimilarity() {
        return kind == Kind.DOT;
    }

    /** The p of an Lp distance; 0 for similarities. */
    public double p() {
        return p;
    }

    /** The q of the normalisation: p for Lp distances, 2 for the similarities. */
    private double normP() {
        return kind == Kind.LP ? p : 2;
    }

    /**
     * Rows x<sub>i</sub> / max(‖x<sub>i</sub>‖<sub>q</sub>, 10<sup>−12</sup>) of an n × d matrix, q as in the class
     * comment — PML's {@code distance.normalize} — whether or not this distance normalises embeddings.
     */
    public double[] normalizeRows(double[] e, int n, int d) {
        double[] u = new double[n * d];
        double[] norm = norms(e, n, d, normP());
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                u[i * d + k] = e[i * d + k] / norm[i];
            }
        }
        return u;
    }

    /** dL/de from dL/du for u = {@link #normalizeRows}(e). */
    public double[] normalizeRowsBackward(double[] e, int n, int d, double[] gradU) {
        // u = e / max(‖e‖_q, eps): du/de = (I − u ∇‖e‖_q ᵀ) / ‖e‖_q with ∇‖e‖_q = sign(u)|u|^(q−1); only 1/eps when clamped
        double q = normP();
        double[] u = normalizeRows(e, n, d);
        double[] rawNorm = rawNorms(e, n, d, q);
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (!(rawNorm[i] > NORM_EPS)) {
                for (int k = 0; k < d; k++) {
                    out[i * d + k] = gradU[i * d + k] / NORM_EPS;
                }
                continue;
            }
            double proj = 0;
            for (int k = 0; k < d; k++) {
                proj += u[i * d + k] * gradU[i * d + k];
            }
            for (int k = 0; k < d; k++) {
                double uk = u[i * d + k];
                double dn = q == 2 ? uk : Math.signum(uk) * Math.pow(Math.abs(uk), q - 1);
                out[i * d + k] = (gradU[i * d + k] - dn * proj) / rawNorm[i];
            }
        }
        return out;
    }

    private double[] prepared(double[] e, int n, int d) {
        return normalize ? normalizeRows(e, n, d) : e;
    }

    /** The n × n matrix (row-major) of embeddings e (n × d, row-major). */
    public double[] matrix(double[] e, int n, int d) {
        return matrix(e, n, e, n, d);
    }

    /** The nq × nr matrix M<sub>ij</sub> between query rows q (nq × d) and reference rows r (nr × d). */
    public double[] matrix(double[] q, int nq, double[] r, int nr, int d) {
        double[] u = prepared(q, nq, d);
        double[] v = q == r ? u : prepared(r, nr, d);
        double[] m = new double[nq * nr];
        for (int i = 0; i < nq; i++) {
            for (int j = 0; j < nr; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double a = u[i * d + k];
                    double b = v[j * d + k];
                    if (kind == Kind.DOT) {
                        s += a * b;
                    } else {
                        s += p == 2 ? (a - b) * (a - b) : Math.pow(Math.abs(a - b), p);
                    }
                }
                double x = kind == Kind.DOT ? s : (p == 2 ? Math.sqrt(s) : Math.pow(s, 1 / p));
                m[i * nr + j] = power == 1 ? x : power == 2 ? x * x : Math.pow(x, power);
            }
        }
        return m;
    }

    /** dL/de (n × d) from dL/dM (n × n), both row-major. */
    public double[] backward(double[] e, int n, int d, double[] gradM) {
        double[][] g = backward(e, n, e, n, d, gradM);
        double[] out = g[0];
        for (int i = 0; i < out.length; i++) {
            out[i] += g[1][i];
        }
        return out;
    }

    /** {dL/dq, dL/dr} from dL/dM (nq × nr) of {@link #matrix(double[], int, double[], int, int)}. */
    public double[][] backward(double[] q, int nq, double[] r, int nr, int d, double[] gradM) {
        double[] u = prepared(q, nq, d);
        double[] v = q == r ? u : prepared(r, nr, d);
        double[] base = kind == Kind.LP || power != 1 ? new Distance(kind, p, normalize, 1).matrix(q, nq, r, nr, d)
                : null;
        double[] gu = new double[nq * d];
        double[] gv = new double[nr * d];
        for (int i = 0; i < nq; i++) {
            for (int j = 0; j < nr; j++) {
                double gm = gradM[i * nr + j];
                if (gm == 0) {
                    continue;
                }
                if (power != 1) {
                    double x = base[i * nr + j];
                    gm *= power == 2 ? 2 * x : power * Math.pow(x, power - 1);
                }
                if (kind == Kind.DOT) {
                    for (int k = 0; k < d; k++) {
                        gu[i * d + k] += gm * v[j * d + k];
                        gv[j * d + k] += gm * u[i * d + k];
                    }
                    continue;
                }
                double dist = base[i * nr + j];
                if (!(dist > 0)) {
                    continue;
                }
                for (int k = 0; k < d; k++) {
                    double x = u[i * d + k] - v[j * d + k];
                    double der = p == 2 ? x / dist
                            : Math.signum(x) * Math.pow(Math.abs(x), p - 1) / Math.pow(dist, p - 1);
                    gu[i * d + k] += gm * der;
                    gv[j * d + k] -= gm * der;
                }
            }
        }
        if (!normalize) {
            return new double[][] {gu, gv};
        }
        return new double[][] {normalizeRowsBackward(q, nq, d, gu), normalizeRowsBackward(r, nr, d, gv)};
    }

    /** The clamp of the normalisation, PML's (and torch's) {@code eps = 1e-12}. */
    static final double NORM_EPS = 1e-12;

    /** ‖e<sub>i</sub>‖<sub>q</sub> clamped below at 10<sup>−12</sup>. */
    static double[] norms(double[] e, int n, int d, double q) {
        double[] norm = rawNorms(e, n, d, q);
        for (int i = 0; i < n; i++) {
            norm[i] = Math.max(norm[i], NORM_EPS);
        }
        return norm;
    }

    /** ‖e<sub>i</sub>‖<sub>2</sub> clamped below at 10<sup>−12</sup>. */
    static double[] norms(double[] e, int n, int d) {
        return norms(e, n, d, 2);
    }

    private static double[] rawNorms(double[] e, int n, int d, double q) {
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double x = e[i * d + k];
                s += q == 2 ? x * x : Math.pow(Math.abs(x), q);
            }
            norm[i] = q == 2 ? Math.sqrt(s) : Math.pow(s, 1 / q);
        }
        return norm;
    }

    /**
     * The norm retrieval keeps for a row x: ‖x‖<sub>q</sub> in double, summed in coordinate order (q as in the class
     * comment), unclamped.
     */
    public double rowNorm(double[] x, int offset, int d) {
        double q = normP();
        double s = 0;
        for (int k = 0; k < d; k++) {
            double v = x[offset + k];
            s += q == 2 ? v * v : Math.pow(Math.abs(v), q);
        }
        return q == 2 ? Math.sqrt(s) : Math.pow(s, 1 / q);
    }

    /** {@link #rowNorm(double[], int, int)} of a float row (widened exactly). */
    public double rowNorm(float[] x, int offset, int d) {
        return rowNorm(widen(x, offset, d), 0, d);
    }

    /**
     * The score retrieval ranks neighbour y of query x by, larger = closer, monotone in M<sub>xy</sub>: for
     * similarities ⟨x, y⟩ (divided by max(‖x‖‖y‖, {@link Double#MIN_NORMAL}) when normalising); for Lp distances
     * −Σ<sub>k</sub> |u<sub>k</sub> − v<sub>k</sub>|<sup>p</sup> (the p-th power of M, which ranks alike), u and v being
     * x and y divided by max(norm, 10<sup>−12</sup>) when normalising. Sums run over the d coordinates in order, in
     * double.
     *
     * @param normX {@link #rowNorm} of x
     * @param normY {@link #rowNorm} of y
     */
    public double closeness(double[] x, int xOffset, double[] y, int yOffset, int d, double normX, double normY) {
        if (kind == Kind.DOT) {
            double dot = 0;
            for (int k = 0; k < d; k++) {
                dot += x[xOffset + k] * y[yOffset + k];
            }
            return normalize ? dot / Math.max(normX * normY, Double.MIN_NORMAL) : dot;
        }
        double sx = normalize ? Math.max(normX, NORM_EPS) : 1;
        double sy = normalize ? Math.max(normY, NORM_EPS) : 1;
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = normalize ? x[xOffset + k] / sx - y[yOffset + k] / sy : x[xOffset + k] - y[yOffset + k];
            s += p == 2 ? t * t : Math.pow(Math.abs(t), p);
        }
        return -s;
    }

    /** {@link #closeness(double[], int, double[], int, int, double, double)} of float rows (widened exactly). */
    public double closeness(float[] x, int xOffset, float[] y, int yOffset, int d, double normX, double normY) {
        return closeness(widen(x, xOffset, d), 0, widen(y, yOffset, d), 0, d, normX, normY);
    }

    private static double[] widen(float[] x, int offset, int d) {
        double[] out = new double[d];
        for (int k = 0; k < d; k++) {
            out[k] = x[offset + k];
        }
        return out;
    }

    @Override
    public String toString() {
        String pw = power == 1 ? "" : "^" + power;
        if (kind == Kind.DOT) {
            return (normalize ? "cosine" : "dot") + pw;
        }
        return String.format(Locale.ROOT, "L%s%s%s", p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p),
                normalize ? " (normalised)" : "", pw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distance && ((Distance) o).kind == kind && ((Distance) o).p == p
                && ((Distance) o).normalize == normalize && ((Distance) o).power == power;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(p) * 7 + Double.hashCode(power) * 3 + (normalize ? 1 : 0);
    }
}
