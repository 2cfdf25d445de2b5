package io.jaccard4j.transport;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * Multi-marginal matching gap (M3G) of k ≥ 2 views (meant for k ≥ 3) of the same n items, by entropic
 * multi-marginal Sinkhorn, with the exact gradient of the entropic problem (envelope theorem). Piran, Klein,
 * Thornton, Cuturi, <i>Contrasting Multiple Representations with the Multi-Marginal Matching Gap</i>, ICML 2024
 * (PMLR 235; arXiv:2405.19532): their loss with the squared-Euclidean pairwise-sum cost, solved by the
 * multi-marginal Sinkhorn of their Algorithm 1 (as OTT-JAX's {@code MMSinkhorn}, by two of the authors, cites it;
 * Benamou et al. 2015), which their abstract runs at k = 3 to 6 views and batches of n = 64 to 128. The paper's full
 * text could not be read here; section numbers are not cited.
 *
 * <p>View v holds n embeddings x<sup>v</sup><sub>1..n</sub> ∈ ℝ<sup>d</sup>; item i of every view is the same
 * object (the ground-truth matching is the identity). The cost tensor is the sum of pairwise squared distances
 * <pre>
 *   C[i_1, …, i_k] = Σ_{v &lt; w} ‖x^v_{i_v} − x^w_{i_w}‖²
 * </pre>
 * and, with uniform marginals μ = 1/n and ε &gt; 0,
 * <pre>
 *   W_ε = min_{P ∈ Π(μ, …, μ)} ⟨C, P⟩ + ε·KL(P ‖ μ ⊗ … ⊗ μ)          (entropic multi-marginal OT)
 *   P_id = (1/n) Σ_i δ_(i, i, …, i)                                  (the identity matching)
 *   gap  = ⟨C, P_id⟩ − W_ε                                           (the loss)
 * </pre>
 * the matching gap of Cuturi et al. ("learning from the matching gap"), for k marginals: how much the identity
 * matching costs above the best (entropic) matching. It is ≥ −ε(k − 1)·log n (P_id is feasible, with
 * KL = (k − 1) log n) and small when each item's views are closer to each other than to other items' views.
 * The result ({@link io.jaccard4j.loss.LossResult}) has parts {@code identityCost} ⟨C, P_id⟩, {@code entropicCost} W_ε, {@code couplingCost} ⟨C, P*⟩, {@code iterations} and {@code marginalError} (largest L1 distance of a marginal of P* to uniform).
 *
 * <p><b>Cost of the exact problem.</b> exp(−C/ε) with C a sum over all view pairs is a pairwise Markov random field
 * on the complete graph of the k views: each marginal needs a sum over n<sup>k−1</sup> tuples, and eliminating
 * views one at a time does not help (the complete graph has treewidth k − 1), so we know of no exact method
 * better than O(k·n<sup>k</sup>) a sweep for a general pairwise-sum cost; the paper states the same O(n<sup>k</sup>) and solves the
 * full tensor. What this class changes is memory: {@link Solver#STREAMED} (the default) never stores the tensor
 * (O(k² n²) memory, the same sweeps as {@link Solver#DENSE}, which holds it and is kept as the check), so k and n
 * are limited by time only: (k + 1)·n<sup>k</sup> exponentials a sweep, plus one pass for the pairwise marginals.
 * Not implemented: approximations of the coupling (low rank, sampling, truncation), ε chosen from the cost
 * (OTT-JAX's default 0.05 × std of the cost tensor), and the paper's networks and training recipes.
 *
 * <p><b>Solver.</b> Log-domain Sinkhorn on the dual potentials f<sub>1..k</sub>:
 * P* = (⊗μ)·exp((Σ<sub>v</sub> f<sub>v</sub>(i<sub>v</sub>) − C)/ε), each f<sub>v</sub> updated in turn to
 * fit marginal v exactly, until every marginal is within {@code tolerance} (L1) of μ or {@code maxIterations}
 * sweeps (then a logged warning). Convergence is linear with a rate that degrades like
 * exp(−spread(C)/ε): keep ε of the order of a tenth of the cost's spread or more, or expect many sweeps. W<sub>ε</sub> = Σ<sub>v</sub> ⟨f<sub>v</sub>, P*'s marginal v⟩, which equals
 * the primal objective at P* exactly.
 *
 * <p><b>Gradient.</b> By the envelope theorem ∂W<sub>ε</sub>/∂C = P*, so with Δ = P_id − P* and its pairwise
 * marginals Δ<sup>vw</sup>(a, b):
 * ∂gap/∂x<sup>v</sup><sub>a</sub> = 2 Σ<sub>w≠v</sub> Σ<sub>b</sub> Δ<sup>vw</sup>(a, b)·(x<sup>v</sup><sub>a</sub> −
 * x<sup>w</sup><sub>b</sub>). It equals autograd through Sinkhorn iterations run to convergence (checked
 * against torch).
 */
public final class MultiMarginalMatchingGap {
    private static final System.Logger LOG = System.getLogger("io.jaccard4j.transport");
    /** The largest coupling (n<sup>k</sup> entries) that {@link Solver#DENSE} holds in memory. */
    public static final int MAX_ENTRIES = 1 << 22;

    /** How the n<sup>k</sup> coupling is visited; both run the same sweeps and give the same results. */
    public enum Solver {
        /**
         * Matrix-free: each pass rebuilds the log-kernel entries from the k(k − 1)/2 pairwise n × n distance
         * matrices along a depth-first enumeration; memory O(k² n² + threads · k² n), time O(n<sup>k</sup>)
         * exponentials per pass, k + 1 passes per sweep (plus one at the end), in parallel. The default.
         */
        STREAMED,
        /** The cost and log-coupling tensors held in memory (2 · n<sup>k</sup> doubles), up to {@link #MAX_ENTRIES}. */
        DENSE
    }

    private final double epsilon;
    private final int maxIterations;
    private final double tolerance;
    private final Solver solver;

    private MultiMarginalMatchingGap(double epsilon, int maxIterations, double tolerance, Solver solver) {
        this.epsilon = epsilon;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.solver = solver;
    }

    /** ε = 1, at most 10,000 sweeps, tolerance 1e-12, the streamed solver unless set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of the immutable loss. */
    public static final class Builder {
        private double epsilon = 1;
        private int maxIterations = 10_000;
        private double tolerance = 1e-12;
        private Solver solver = Solver.STREAMED;

        private Builder() {
        }

        /** The entropic regularisation ε &gt; 0 (same units as the cost). */
        public Builder epsilon(double epsilon) {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be finite and > 0; got " + epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        public Builder maxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1; got " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /** Stop when every marginal is within this L1 distance of uniform. */
        public Builder tolerance(double tolerance) {
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be > 0; got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** {@link Solver#STREAMED} (default) or {@link Solver#DENSE}. */
        public Builder solver(Solver solver) {
            this.solver = Objects.requireNonNull(solver, "solver");
            return this;
        }

        public MultiMarginalMatchingGap build() {
            return new MultiMarginalMatchingGap(epsilon, maxIterations, tolerance, solver);
        }
    }

    public double epsilon() {
        return epsilon;
    }

    public Solver solver() {
        return solver;
    }

    /**
     * The gap and its gradient.
     *
     * @param views k × n × d row-major: view v, item i, coordinate j at ((v·n) + i)·d + j
     */
    public LossResult compute(double[] views, int k, int n, int d) {
        Objects.requireNonNull(views, "views");
        if (k < 2 || n < 1 || d < 1 || (long) k * n * d != views.length) {
            throw new IllegalArgumentException("views must be k x n x d with k >= 2, n >= 1, d >= 1; got "
                    + views.length + " values for k = " + k + ", n = " + n + ", d = " + d);
        }
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n must be at most 46340 (n x n distance matrices); got " + n);
        }
        for (int i = 0; i < views.length; i++) {
            if (!Double.isFinite(views[i])) {
                throw new IllegalArgumentException("view value " + i + " is not finite (" + views[i] + ")");
            }
        }
        double[][][] dist = pairwiseDistances(views, k, n, d);
        double identity = 0;
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < k; v++) {
                for (int w = v + 1; w < k; w++) {
                    identity += dist[v][w][i * n + i];
                }
            }
        }
        identity /= n;
        double[][] f = new double[k][n];
        double[][] marg = new double[k][n];
        double[][][] pair = new double[k][k][];
        for (int v = 0; v < k; v++) {
            for (int u = v + 1; u < k; u++) {
                pair[v][u] = new double[n * n];
            }
        }
        double[] state = solver == Solver.DENSE ? solveDense(dist, k, n, f, marg, pair)
                : solveStreamed(dist, k, n, f, marg, pair);
        int it = (int) state[0];
        double err = state[1];
        if (err > tolerance) {
            LOG.log(System.Logger.Level.WARNING, "multi-marginal Sinkhorn stopped after " + it
                    + " sweeps with marginal error " + err + " > tolerance " + tolerance + " (raise epsilon or "
                    + "maxIterations); the gradient is that of the unconverged coupling");
        }
        double w = 0;
        for (int v = 0; v < k; v++) {
            for (int a = 0; a < n; a++) {
                w += f[v][a] * marg[v][a];
            }
        }
        double coupling = 0;
        for (int v = 0; v < k; v++) {
            for (int u = v + 1; u < k; u++) {
                for (int i = 0; i < n * n; i++) {
                    coupling += dist[v][u][i] * pair[v][u][i];
                }
            }
        }
        double[] grad = new double[views.length];
        for (int v = 0; v < k; v++) {
            for (int u = 0; u < k; u++) {
                if (u == v) {
                    continue;
                }
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        double p = v < u ? pair[v][u][a * n + b] : pair[u][v][b * n + a];
                        double delta = (a == b ? 1.0 / n : 0) - p;
                        if (delta == 0) {
                            continue;
                        }
                        for (int j = 0; j < d; j++) {
                            grad[(v * n + a) * d + j] += 2 * delta
                                    * (views[(v * n + a) * d + j] - views[(u * n + b) * d + j]);
                        }
                    }
                }
            }
        }
        return LossResult.of(identity - w, grad).withPart("identityCost", identity).withPart("entropicCost", w)
                .withPart("couplingCost", coupling).withPart("iterations", it).withPart("marginalError", err);
    }

    /** D[v][w][a · n + b] = ‖x^v_a − x^w_b‖² for v &lt; w. */
    private static double[][][] pairwiseDistances(double[] views, int k, int n, int d) {
        double[][][] dist = new double[k][k][];
        for (int v = 0; v < k; v++) {
            for (int w = v + 1; w < k; w++) {
                double[] m = new double[n * n];
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) {
                            double t = views[(v * n + a) * d + j] - views[(w * n + b) * d + j];
                            s += t * t;
                        }
                        m[a * n + b] = s;
                    }
                }
                dist[v][w] = m;
            }
        }
        return dist;
    }

    /** The streamed solver: potentials into f, P*'s marginals into marg and pair; returns {sweeps, error}. */
    private double[] solveStreamed(double[][][] dist, int k, int n, double[][] f, double[][] marg,
            double[][][] pair) {
        StreamedMultiMarginalSinkhorn sinkhorn = new StreamedMultiMarginalSinkhorn(dist, k, n, epsilon);
        double logMu = -Math.log(n);
        double[][] scaled = new double[k][n];
        int it = 0;
        double err = Double.POSITIVE_INFINITY;
        while (it < maxIterations) {
            it++;
            for (int v = 0; v < k; v++) {
                double[] lse = sinkhorn.logSumExpExcept(v, scaled);
                for (int a = 0; a < n; a++) {
                    f[v][a] = -epsilon * ((k - 1) * logMu + lse[a]);
                    scaled[v][a] = f[v][a] / epsilon;
                }
            }
            sinkhorn.marginals(scaled, k * logMu, marg, null);
            err = marginalError(marg, n);
            if (err <= tolerance) {
                break;
            }
        }
        sinkhorn.marginals(scaled, k * logMu, marg, pair);
        return new double[] {it, err};
    }

    private static double marginalError(double[][] marg, int n) {
        double err = 0;
        for (double[] m : marg) {
            double e = 0;
            for (int a = 0; a < n; a++) {
                e += Math.abs(m[a] - 1.0 / n);
            }
            err = Math.max(err, e);
        }
        return err;
    }

    /** The dense solver (the n^k tensors held in memory); same outputs as {@link #solveStreamed}. */
    private double[] solveDense(double[][][] dist, int k, int n, double[][] f, double[][] marg,
            double[][][] pair) {
        double entries = Math.pow(n, k);
        if (entries > MAX_ENTRIES) {
            throw new IllegalArgumentException("the dense coupling of " + k + " views of " + n + " items has n^k = "
                    + (long) entries + " entries; at most " + MAX_ENTRIES + " are held (use Solver.STREAMED)");
        }
        int size = (int) entries;
        int[] digit = new int[k];
        double[] cost = new double[size];
        for (int idx = 0; idx < size; idx++) {
            double c = 0;
            for (int v = 0; v < k; v++) {
                for (int w = v + 1; w < k; w++) {
                    c += dist[v][w][digit[v] * n + digit[w]];
                }
            }
            cost[idx] = c;
            increment(digit, n);
        }
        double logMu = -Math.log(n);
        double[] z = new double[size];
        double[] max = new double[n];
        double[] sum = new double[n];
        int it = 0;
        double err = Double.POSITIVE_INFINITY;
        double[] logP = new double[size];
        while (it < maxIterations) {
            it++;
            for (int v = 0; v < k; v++) {
                // z = (sum_{w != v} f_w - C) / eps; f_v(a) = -eps * ((k - 1) log mu + logsumexp_{i_v = a} z)
                java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
                java.util.Arrays.fill(digit, 0);
                for (int idx = 0; idx < size; idx++) {
                    double s = -cost[idx];
                    for (int w = 0; w < k; w++) {
                        if (w != v) {
                            s += f[w][digit[w]];
                        }
                    }
                    z[idx] = s / epsilon;
                    max[digit[v]] = Math.max(max[digit[v]], z[idx]);
                    increment(digit, n);
                }
                java.util.Arrays.fill(sum, 0);
                java.util.Arrays.fill(digit, 0);
                for (int idx = 0; idx < size; idx++) {
                    sum[digit[v]] += Math.exp(z[idx] - max[digit[v]]);
                    increment(digit, n);
                }
                for (int a = 0; a < n; a++) {
                    f[v][a] = -epsilon * ((k - 1) * logMu + max[a] + Math.log(sum[a]));
                }
            }
            err = marginals(cost, f, logP, marg, digit, k, n, size, logMu);
            if (err <= tolerance) {
                break;
            }
        }
        java.util.Arrays.fill(digit, 0);
        for (int idx = 0; idx < size; idx++) {
            double p = Math.exp(logP[idx]);
            for (int v = 0; v < k; v++) {
                for (int u = v + 1; u < k; u++) {
                    pair[v][u][digit[v] * n + digit[u]] += p;
                }
            }
            increment(digit, n);
        }
        return new double[] {it, err};
    }

    /** log P* into logP, its one-dimensional marginals into marg; returns the largest L1 marginal error. */
    private double marginals(double[] cost, double[][] f, double[] logP, double[][] marg, int[] digit, int k, int n,
            int size, double logMu) {
        for (double[] m : marg) {
            java.util.Arrays.fill(m, 0);
        }
        java.util.Arrays.fill(digit, 0);
        for (int idx = 0; idx < size; idx++) {
            double s = -cost[idx];
            for (int v = 0; v < k; v++) {
                s += f[v][digit[v]];
            }
            logP[idx] = k * logMu + s / epsilon;
            double p = Math.exp(logP[idx]);
            for (int v = 0; v < k; v++) {
                marg[v][digit[v]] += p;
            }
            increment(digit, n);
        }
        return marginalError(marg, n);
    }

    /** Mixed-radix increment, last digit fastest (row-major order of the flat index). */
    private static void increment(int[] digit, int n) {
        for (int v = digit.length - 1; v >= 0; v--) {
            if (++digit[v] < n) {
                return;
            }
            digit[v] = 0;
        }
    }
}
