package io.jaccard4j.examples.papers;

import io.jaccard4j.hashing.PairwiseHashingLoss;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example hashing}: a linear hashing head u = xW (relaxed codes, sign(u) at evaluation) trained
 * with core's DPSH-family loss ({@link PairwiseHashingLoss}, η = 0.1, β = 0.1) on seeded clustered embeddings
 * (10 classes, 48 dimensions, classes share directions so that a random projection is a weak hash); 1000 database
 * items (the training set) and 200 held-out queries. Printed for 32 and 64 bits, before (random W: sign random
 * projections, i.e. LSH) and after: mAP@100 over the Hamming ranking (ties by database index; AP@k averages
 * precision at the relevant places within the top k, 0 for a query without one) and precision within Hamming radius
 * 2 (0 for a query with no item that close). Both are computed by a small routine of this example: the Hamming
 * retrieval of {@code io.jaccard4j.retrieval} was not on main when this example was written.
 */
public final class HashingExample {
    static final int D = 48;
    static final int CLASSES = 10;
    static final int DATABASE = 1000;
    static final int QUERIES = 200;
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

    /** {mAP@k, precision within radius r} of the sign codes of queries against the database. */
    static double[] evaluate(double[] uq, int[] lq, double[] ud, int[] ld, int bits) {
        double[] bq = PairwiseHashingLoss.binarize(uq);
        double[] bd = PairwiseHashingLoss.binarize(ud);
        int nq = lq.length;
        int nd = ld.length;
        double map = 0;
        double prec = 0;
        int[] dist = new int[nd];
        for (int q = 0; q < nq; q++) {
            int within = 0;
            int withinRelevant = 0;
            for (int j = 0; j < nd; j++) {
                int h = 0;
                for (int k = 0; k < bits; k++) {
                    h += bq[q * bits + k] != bd[j * bits + k] ? 1 : 0;
                }
                dist[j] = h;
                if (h <= RADIUS) {
                    within++;
                    withinRelevant += ld[j] == lq[q] ? 1 : 0;
                }
            }
            prec += within == 0 ? 0 : (double) withinRelevant / within;
            // counting sort by distance, ties by index: the top k of the Hamming ranking
            int[] count = new int[bits + 2];
            for (int h : dist) {
                count[h + 1]++;
            }
            for (int h = 1; h < count.length; h++) {
                count[h] += count[h - 1];
            }
            int[] order = new int[nd];
            for (int j = 0; j < nd; j++) {
                order[count[dist[j]]++] = j;
            }
            double hits = 0;
            double ap = 0;
            for (int r = 0; r < TOP_K; r++) {
                if (ld[order[r]] == lq[q]) {
                    hits++;
                    ap += hits / (r + 1);
                }
            }
            map += hits == 0 ? 0 : ap / hits;
        }
        return new double[] {map / nq, prec / nq};
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
        int n = DATABASE + QUERIES;
        double[] x = new double[n * D];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = r.nextInt(CLASSES);
            for (int f = 0; f < D; f++) {
                x[i * D + f] = (centre[label[i]][f] + 1.6 * r.nextGaussian()) / Math.sqrt(D);
            }
        }
        double[] xd = java.util.Arrays.copyOfRange(x, 0, DATABASE * D);
        double[] xq = java.util.Arrays.copyOfRange(x, DATABASE * D, n * D);
        int[] ld = java.util.Arrays.copyOfRange(label, 0, DATABASE);
        int[] lq = java.util.Arrays.copyOfRange(label, DATABASE, n);
        PairwiseHashingLoss loss = PairwiseHashingLoss.of(0.1, 0.1);
        int[] lengths = {32, 64};
        Row[] rows = new Row[lengths.length];
        for (int t = 0; t < lengths.length; t++) {
            int bits = lengths[t];
            double[] w = new double[D * bits];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.05 * r.nextGaussian(); // sign(xW) ignores the scale: the start is LSH either way
            }
            double[] before = evaluate(project(xq, QUERIES, w, bits), lq, project(xd, DATABASE, w, bits), ld, bits);
            Random batches = new Random(5);
            int b = 64;
            double[] xb = new double[b * D];
            int[] lb = new int[b];
            for (int step = 0; step < steps; step++) {
                for (int i = 0; i < b; i++) {
                    int j = batches.nextInt(DATABASE);
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
            double[] after = evaluate(project(xq, QUERIES, w, bits), lq, project(xd, DATABASE, w, bits), ld, bits);
            rows[t] = new Row(bits, before[0], after[0], before[1], after[1]);
        }
        return rows;
    }

    /** Trains the 32- and 64-bit heads and prints the held-out figures; returns the 32-bit mAP@100 outcome. */
    public static ExampleOutcome print(PrintWriter out, int steps) {
        Row[] rows = run(steps);
        out.println(String.format(Locale.ROOT, "linear hashing head, %d-d clustered embeddings, %d classes, %d "
                + "database / %d query items, %d mini-batch steps of 64", D, CLASSES, DATABASE, QUERIES, steps));
        out.println(String.format(Locale.ROOT, "%-6s %14s %14s %22s %22s", "bits", "mAP@100 before", "mAP@100 after",
                "P(radius<=2) before", "P(radius<=2) after"));
        for (Row row : rows) {
            out.println(String.format(Locale.ROOT, "%-6d %14.4f %14.4f %22.4f %22.4f", row.bits(), row.mapBefore(),
                    row.mapAfter(), row.precisionBefore(), row.precisionAfter()));
        }
        return new ExampleOutcome("hashing", "mAP@100 (32 bits)", true, rows[0].mapBefore(), rows[0].mapAfter());
    }
}
