package io.jaccard4j.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial's figures drawn at a data set's own binary counts TP, FP, FN, TN (for one class against the rest):
 * <ul>
 *   <li>accuracy (TP + TN')/(TP + FP + FN + TN') against the number of true negatives TN' from 0 to
 *       max(10·(TP + FP + FN), 2·TN), next to Jaccard TP/(TP + FP + FN), which does not depend on TN';</li>
 *   <li>Jaccard over a grid of FP × FN (each 0 … max(2·max(FP, FN), 10), 21 steps) at the data's TP, the data's
 *       cell outlined;</li>
 *   <li>the F1 ↔ Jaccard curve F1 = 2J/(1 + J) (equivalently J = F1/(2 &minus; F1)) with the data's point marked.</li>
 * </ul>
 */
public final class TeachingFigures {
    private TeachingFigures() {
    }

    /** Adds the three figures for counts (tp, fp, fn, tn) of {@code what} to {@code r}. */
    public static void add(HtmlReport r, String what, double tp, double fp, double fn, double tn) {
        double union = tp + fp + fn;
        double jaccard = union == 0 ? Double.NaN : tp / union;
        r.paragraph(String.format(Locale.ROOT, "%s: TP = %s, FP = %s, FN = %s, TN = %s; Jaccard = TP/(TP+FP+FN) = %s,"
                + " accuracy = %s.", what, count(tp), count(fp), count(fn), count(tn), num(jaccard),
                num((tp + tn) / (tp + fp + fn + tn))));
        int steps = 60;
        double maxTn = Math.max(10 * union, 2 * tn);
        double[] x = new double[steps + 1];
        double[] acc = new double[steps + 1];
        double[] jac = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            x[i] = maxTn * i / steps;
            acc[i] = (tp + x[i]) / (union + x[i]);
            jac[i] = jaccard;
        }
        r.xyChart("accuracy and Jaccard as true negatives grow (" + what + "); the dashed line is the data's TN",
                "true negatives TN", "score", List.of("accuracy", "Jaccard"), List.of(x, x), List.of(acc, jac),
                new double[] {tn, Double.NaN}, "data TN");
        int n = 21;
        double max = Math.max(2 * Math.max(fp, fn), 10);
        List<String> rows = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            double f = max * i / (n - 1);
            rows.add(count(f));
            cols.add(count(f));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double fpv = max * i / (n - 1);
                double fnv = max * j / (n - 1);
                v[i][j] = tp + fpv + fnv == 0 ? 1 : tp / (tp + fpv + fnv);
            }
        }
        int[] mark = {(int) Math.round(fp / max * (n - 1)), (int) Math.round(fn / max * (n - 1))};
        r.valueHeatmap("Jaccard over false positives × false negatives at the data's TP = " + count(tp) + " ("
                + what + "; the data's cell outlined in red)", "FP", "FN", rows, cols, v, 0, 1, mark);
        double[] j = new double[101];
        double[] f1 = new double[101];
        for (int i = 0; i <= 100; i++) {
            j[i] = i / 100.0;
            f1[i] = 2 * j[i] / (1 + j[i]);
        }
        double dataF1 = 2 * tp + fp + fn == 0 ? Double.NaN : 2 * tp / (2 * tp + fp + fn);
        r.xyChart(String.format(Locale.ROOT, "F1 = 2J/(1+J) against Jaccard J; the data (%s) at J = %s, F1 = %s",
                what, num(jaccard), num(dataF1)), "Jaccard", "F1", List.of("F1(J)"), List.of(j), List.of(f1),
                new double[] {jaccard}, "data J");
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String count(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
