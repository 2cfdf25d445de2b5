package io.jaccard4j.metriclearning;

/**
 * The n × n matrix M compared by pairwise losses, and its backward pass: {@link #COSINE} similarity
 * M<sub>ij</sub> = ⟨e<sub>i</sub>, e<sub>j</sub>⟩ / (‖e<sub>i</sub>‖‖e<sub>j</sub>‖), {@link #DOT} similarity
 * ⟨e<sub>i</sub>, e<sub>j</sub>⟩, and {@link #EUCLIDEAN} distance ‖e<sub>i</sub> − e<sub>j</sub>‖ (its gradient at
 * coincident points is taken as 0). Similarities grow with closeness, distances shrink: see {@link #isSimilarity()}.
 */
public enum PairDistance {
    COSINE, DOT, EUCLIDEAN;

    /** The composable {@link Distance} this constant stands for (cosine, dot, plain Euclidean). */
    public Distance toDistance() {
        switch (this) {
            case COSINE: return Distance.cosine();
            case DOT: return Distance.dot();
            default: return Distance.euclidean();
        }
    }

    /** Whether larger values mean closer pairs. */
    public boolean isSimilarity() {
        return this != EUCLIDEAN;
    }

    /** The n × n matrix of embeddings e (n × d, row-major), in double precision. */
    public double[] matrix(double[] e, int n, int d) {
        double[] m = new double[n * n];
        double[] norm = norms(e, n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                double sq = 0;
                for (int k = 0; k < d; k++) {
                    double a = e[i * d + k];
                    double b = e[j * d + k];
                    dot += a * b;
                    sq += (a - b) * (a - b);
                }
                switch (this) {
                    case COSINE: m[i * n + j] = dot / (norm[i] * norm[j]); break;
                    case DOT: m[i * n + j] = dot; break;
                    default: m[i * n + j] = Math.sqrt(sq);
                }
            }
        }
        return m;
    }

    /** dL/de (n × d) from dL/dM (n × n). */
    public double[] backward(double[] e, int n, int d, double[] gradM) {
        double[] g = new double[n * d];
        double[] norm = norms(e, n, d);
        double[] m = this == DOT ? null : matrix(e, n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double gm = gradM[i * n + j];
                if (gm == 0) {
                    continue;
                }
                for (int k = 0; k < d; k++) {
                    double a = e[i * d + k];
                    double b = e[j * d + k];
                    switch (this) {
                        case DOT:
                            g[i * d + k] += gm * b;
                            g[j * d + k] += gm * a;
                            break;
                        case COSINE: {
                            double c = m[i * n + j];
                            g[i * d + k] += gm * (b / (norm[i] * norm[j]) - c * a / (norm[i] * norm[i]));
                            g[j * d + k] += gm * (a / (norm[i] * norm[j]) - c * b / (norm[j] * norm[j]));
                            break;
                        }
                        default: {
                            double dist = m[i * n + j];
                            if (dist > 0) {
                                g[i * d + k] += gm * (a - b) / dist;
                                g[j * d + k] -= gm * (a - b) / dist;
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    private static double[] norms(double[] e, int n, int d) {
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += e[i * d + k] * e[i * d + k];
            }
            norm[i] = Math.max(Math.sqrt(s), 1e-12);
        }
        return norm;
    }
}
