package io.jaccard4j.examples.papers;

import io.jaccard4j.hashing.PairwiseHashingLoss;
import io.jaccard4j.retrieval.EmbeddingBlocks;
import io.jaccard4j.retrieval.HammingCodes;
import io.jaccard4j.retrieval.RetrievalMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example hashing}: a linear hashing head u = xW (relaxed codes, sign(u) at evaluation) trained
 * with core's DPSH-family loss ({@link PairwiseHashingLoss}, η = 0.1, β = 0.1) on seeded clustered embeddings
 * (10 classes, 48 dimensions, classes share directions so that a random projection is a weak hash); 1000 training
 * items and 1000 held-out items. Printed for 32 and 64 bits, before (random W: sign random projections, i.e. LSH)
 * and after, by core's Hamming retrieval ({@link RetrievalMetrics#hamming} over {@link HammingCodes}): every
 * held-out item queries the other held-out items; mAP@100 over the Hamming ranking (ties by lower index; AP@k
 * averages precision at the relevant places within the top k, 0 for a query without one) and precision within
 * Hamming radius 2 (0 for a query with no item that close).
 */
public final class HashingExample {
    static final int D = 48;
    static final int CLASSES = 10;
    static final int TRAIN = 1000;
    static final int HELD_OUT = 1000;
    static final int TOP_K = 100;
    static final int RADIUS = 2;
    static final double RATE = 0.3;

    private HashingExample() {
    }

    /** mAP@k and precision within radius r of one code length, before and after. */
    record Row(int bits, double mapBefore, double mapAfter, double precisionBefore, double precisionAfter) {
    }

    static double[] project(double[] x, int n, double[] w, int bits) {
        double[] u = new double[n * bits];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < D; f++) {
                double xv = x[i * D + f];
                for (int k = 0; k < bits; k++) {
                    u[i * bits + k] += xv * w[f * bits + k];
                }
            }
        }
        return u;
    }

    /**
     * {mAP@k, precision within radius r} of the sign codes of the held-out items, each querying the other held-out
     * items, by core's Hamming retrieval.
     */
    static double[] evaluate(double[] u, int[] labels, int bits) {
        try {
            HammingCodes codes = HammingCodes.binarize(EmbeddingBlocks.of(u, labels.length, bits));
            Map<String, Double> m = RetrievalMetrics.hamming(codes, labels, new int[] {1}, TOP_K, RADIUS, 256, 1);
            return new double[] {m.get("map_at_" + TOP_K), m.get("precision_at_radius_" + RADIUS)};
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory codes: not reached
        }
    }

    static Row[] run(int steps) {
        Random r = new Random(31);
        double[][] basis = new double[4][D];
        for (double[] b : basis) {
            for (int f = 0; f < D; f++) {
                b[f] = r.nextGaussian();
            }
        }
        double[][] centre = new double[CLASSES][D];
        for (double[] c : centre) {
            for (double[] b : basis) { // classes differ inside a 4-d subspace plus a small own part
                double coef = 1.2 * r.nextGaussian();
                for (int f = 0; f < D; f++) {
                    c[f] += coef * b[f];
                }
            }
            for (int f = 0; f < D; f++) {
                c[f] += 0.4 * r.nextGaussian();
            }
        }
        int n = TRAIN + HELD_OUT;
        double[] x = new double[n * D];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = r.nextInt(CLASSES);
            for (int f = 0; f < D; f++) {
                x[i * D + f] = (centre[label[i]][f] + 1.6 * r.nextGaussian()) / Math.sqrt(D);
            }
        }
        double[] xd = java.util.Arrays.copyOfRange(x, 0, TRAIN * D);
        double[] xq = java.util.Arrays.copyOfRange(x, TRAIN * D, n * D);
        int[] ld = java.util.Arrays.copyOfRange(label, 0, TRAIN);
        int[] lq = java.util.Arrays.copyOfRange(label, TRAIN, n);
        PairwiseHashingLoss loss = PairwiseHashingLoss.of(0.1, 0.1);
        int[] lengths = {32, 64};
        Row[] rows = new Row[lengths.length];
        for (int t = 0; t < lengths.length; t++) {
            int bits = lengths[t];
            double[] w = new double[D * bits];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.05 * r.nextGaussian(); // sign(xW) ignores the scale: the start is LSH either way
            }
            double[] before = evaluate(project(xq, HELD_OUT, w, bits), lq, bits);
            Random batches = new Random(5);
            int b = 64;
            double[] xb = new double[b * D];
            int[] lb = new int[b];
            for (int step = 0; step < steps; step++) {
                for (int i = 0; i < b; i++) {
                    int j = batches.nextInt(TRAIN);
                    System.arraycopy(xd, j * D, xb, i * D, D);
                    lb[i] = ld[j];
                }
                double[] g = loss.compute(project(xb, b, w, bits), b, bits, lb).gradientAsDouble();
                double rate = RATE;
                for (int i = 0; i < b; i++) {
                    for (int f = 0; f < D; f++) {
                        double xv = xb[i * D + f];
                        for (int k = 0; k < bits; k++) {
                            w[f * bits + k] -= rate * xv * g[i * bits + k];
                        }
                    }
                }
            }
            double[] after = evaluate(project(xq, HELD_OUT, w, bits), lq, bits);
            rows[t] = new Row(bits, before[0], after[0], before[1], after[1]);
        }
        return rows;
    }

    /** Trains the 32- and 64-bit heads and prints the held-out figures; returns the 32-bit mAP@100 outcome. */
    public static ExampleOutcome print(PrintWriter out, int steps) {
        Row[] rows = run(steps);
        out.println(String.format(Locale.ROOT, "linear hashing head, %d-d clustered embeddings, %d classes, %d "
                + "training / %d held-out items (each held-out item queries the others), %d mini-batch steps of 64", D,
                CLASSES, TRAIN, HELD_OUT, steps));
        out.println(String.format(Locale.ROOT, "%-6s %14s %14s %22s %22s", "bits", "mAP@100 before", "mAP@100 after",
                "P(radius<=2) before", "P(radius<=2) after"));
        for (Row row : rows) {
            out.println(String.format(Locale.ROOT, "%-6d %14.4f %14.4f %22.4f %22.4f", row.bits(), row.mapBefore(),
                    row.mapAfter(), row.precisionBefore(), row.precisionAfter()));
        }
        return new ExampleOutcome("hashing", "mAP@100 (32 bits)", true, rows[0].mapBefore(), rows[0].mapAfter());
    }
}
