package io.jaccard4j.examples.papers;

import io.jaccard4j.loss.LossResult;
import io.jaccard4j.transport.MultiMarginalMatchingGap;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example m3g}: four views of the same objects (each view a different random linear distortion of
 * a shared 8-d latent, plus noise) are embedded by one linear map per view (8 → 4), trained with core's
 * multi-marginal matching gap ({@link MultiMarginalMatchingGap}, streamed solver) on batches of n = 48 objects:
 * couplings of 48<sup>4</sup> = 5,308,416 entries, past the 2<sup>22</sup> = 4,194,304 that the dense solver holds.
 * Sinkhorn stops at an L1 marginal error of 1e-3 (the default threshold of OTT-JAX's MMSinkhorn), with ε a quarter
 * of the batch's mean cost (large enough for a few sweeps a step).
 * Printed: held-out cross-view top-1 matching accuracy (for each ordered pair of views and each of 100 held-out
 * objects, whether its nearest embedding in the other view is the same object; the mean) before and after.
 */
public final class M3gExample {
    static final int K = 4;
    static final int IN = 8;
    static final int OUT = 4;
    static final int BATCH = 48;
    /** ε as a share of the batch's mean cost E[C] = Σ<sub>v&lt;w</sub> mean ‖x^v_a − x^w_b‖². */
    static final double EPSILON_SHARE = 0.25;
    static final double RATE = 0.1;

    private M3gExample() {
    }

    static double[] embed(double[][] x, double[][] w, int[] items) {
        double[] e = new double[K * items.length * OUT];
        for (int v = 0; v < K; v++) {
            for (int t = 0; t < items.length; t++) {
                for (int o = 0; o < OUT; o++) {
                    double s = 0;
                    for (int f = 0; f < IN; f++) {
                        s += x[v][items[t] * IN + f] * w[v][f * OUT + o];
                    }
                    e[(v * items.length + t) * OUT + o] = s;
                }
            }
        }
        return e;
    }

    static double accuracy(double[][] x, double[][] w, int[] items) {
        int n = items.length;
        double[] e = embed(x, w, items);
        int correct = 0;
        int total = 0;
        for (int v = 0; v < K; v++) {
            for (int u = 0; u < K; u++) {
                if (u == v) {
                    continue;
                }
                for (int a = 0; a < n; a++) {
                    int best = -1;
                    double bestD = Double.POSITIVE_INFINITY;
                    for (int b = 0; b < n; b++) {
                        double d = 0;
                        for (int o = 0; o < OUT; o++) {
                            double t = e[(v * n + a) * OUT + o] - e[(u * n + b) * OUT + o];
                            d += t * t;
                        }
                        if (d < bestD) {
                            bestD = d;
                            best = b;
                        }
                    }
                    correct += best == a ? 1 : 0;
                    total++;
                }
            }
        }
        return (double) correct / total;
    }

    /** Σ<sub>v&lt;w</sub> mean over (a, b) of ‖e^v_a − e^w_b‖²: the mean of the cost tensor, from its n × n blocks. */
    static double meanCost(double[] e) {
        double total = 0;
        for (int v = 0; v < K; v++) {
            for (int u = v + 1; u < K; u++) {
                double s = 0;
                for (int a = 0; a < BATCH; a++) {
                    for (int b = 0; b < BATCH; b++) {
                        for (int o = 0; o < OUT; o++) {
                            double t = e[(v * BATCH + a) * OUT + o] - e[(u * BATCH + b) * OUT + o];
                            s += t * t;
                        }
                    }
                }
                total += s / ((double) BATCH * BATCH);
            }
        }
        return total;
    }

    /** {accuracy before, accuracy after, mean Sinkhorn sweeps a step}. */
    static double[] run(int steps) {
        return run(steps, RATE);
    }

    static double[] run(int steps, double rate) {
        Random r = new Random(3);
        int train = 300;
        int test = 100;
        int n = train + test;
        double[] latent = new double[n * IN];
        for (int i = 0; i < latent.length; i++) {
            latent[i] = r.nextGaussian();
        }
        double[][] x = new double[K][n * IN];
        for (int v = 0; v < K; v++) {
            double[] a = new double[IN * IN];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextGaussian() / Math.sqrt(IN);
            }
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < IN; f++) {
                    double s = 0.3 * r.nextGaussian();
                    for (int g = 0; g < IN; g++) {
                        s += a[f * IN + g] * latent[i * IN + g];
                    }
                    x[v][i * IN + f] = s;
                }
            }
        }
        double[][] w = new double[K][IN * OUT];
        for (double[] wv : w) {
            for (int i = 0; i < wv.length; i++) {
                wv[i] = 0.5 * r.nextGaussian();
            }
        }
        int[] held = new int[test];
        for (int i = 0; i < test; i++) {
            held[i] = train + i;
        }
        double before = accuracy(x, w, held);
        Random batches = new Random(4);
        double sweeps = 0;
        int[] items = new int[BATCH];
        for (int step = 0; step < steps; step++) {
            for (int t = 0; t < BATCH; t++) { // distinct objects: a repeated one would have two true partners
                int candidate = batches.nextInt(train);
                boolean seen = false;
                for (int u = 0; u < t; u++) {
                    seen |= items[u] == candidate;
                }
                if (seen) {
                    t--;
                } else {
                    items[t] = candidate;
                }
            }
            double[] e = embed(x, w, items);
            MultiMarginalMatchingGap gap = MultiMarginalMatchingGap.builder()
                    .epsilon(EPSILON_SHARE * meanCost(e)).maxIterations(1000).tolerance(1e-3).build();
            LossResult res = gap.compute(e, K, BATCH, OUT);
            sweeps += res.part("iterations");
            double[] g = res.gradientAsDouble();
            for (int v = 0; v < K; v++) {
                for (int t = 0; t < BATCH; t++) {
                    for (int f = 0; f < IN; f++) {
                        double xv = x[v][items[t] * IN + f];
                        for (int o = 0; o < OUT; o++) {
                            w[v][f * OUT + o] -= rate * xv * g[(v * BATCH + t) * OUT + o];
                        }
                    }
                }
            }
        }
        return new double[] {before, accuracy(x, w, held), sweeps / steps};
    }

    /** Trains and prints the held-out cross-view matching accuracy; returns its before/after outcome. */
    public static ExampleOutcome print(PrintWriter out, int steps) {
        double[] res = run(steps);
        out.println(String.format(Locale.ROOT, "%d views, linear maps 8 -> 4 per view, %d steps of the streamed matching "
                + "gap on batches of %d objects (%d^%d = %d coupling entries, eps = %.2f x mean cost, %.1f Sinkhorn sweeps a "
                + "step); 100 held-out objects", K, steps, BATCH, BATCH, K, (long) Math.pow(BATCH, K), EPSILON_SHARE,
                res[2]));
        out.println(String.format(Locale.ROOT, "cross-view top-1 matching accuracy, before   %.4f", res[0]));
        out.println(String.format(Locale.ROOT, "cross-view top-1 matching accuracy, after    %.4f", res[1]));
        return new ExampleOutcome("m3g", "cross-view top-1 accuracy", true, res[0], res[1]);
    }
}
