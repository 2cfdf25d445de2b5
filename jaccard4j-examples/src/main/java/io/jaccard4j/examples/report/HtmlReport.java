package io.jaccard4j.examples.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A self-contained HTML report (no scripts, no external files): headings, tables and inline SVG plots — line and
 * x–y charts, scatter plots, grouped bar charts, reliability diagrams, confusion and value heatmaps with colour
 * scales, set-membership strips — and segmentation overlays as embedded PNG images of at most 256 px a side, so a
 * report's size does not grow with the size of the masks.
 */
public final class HtmlReport {
    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31"};
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
    }

    /** The colour of series {@code i}. */
    public static String colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A table; numbers are formatted to 4 decimals, NaN as a dash. */
    public HtmlReport table(List<String> header, List<List<Object>> rows) {
        body.append("<table><tr>");
        for (String h : header) {
            body.append("<th>").append(esc(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<Object> r : rows) {
            body.append("<tr>");
            for (Object c : r) {
                body.append("<td>").append(c instanceof Double ? num((Double) c) : esc(String.valueOf(c)))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A line chart of several series over x = 1..n, the x axis labelled "epoch". */
    public HtmlReport lineChart(String caption, String yLabel, List<String> names, List<double[]> series) {
        return lineChart(caption, yLabel, "epoch", names, series);
    }

    /** A line chart of several series over x = 1..n. */
    public HtmlReport lineChart(String caption, String yLabel, String xLabel, List<String> names,
            List<double[]> series) {
        List<double[]> xs = new ArrayList<>();
        for (double[] s : series) {
            double[] x = new double[s.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            xs.add(x);
        }
        return xyChart(caption, xLabel, yLabel, names, xs, series, null);
    }

    /**
     * A line chart of series k through the points (xs[k][i], ys[k][i]) on linear axes spanning the data; NaN
     * points are skipped; at most 400 points a series are drawn (every ⌈n/400⌉-th and the last). {@code marks}, if
     * not null, holds one x value a series (NaN for none) drawn as a dashed vertical line with its value.
     */
    public HtmlReport xyChart(String caption, String xLabel, String yLabel, List<String> names, List<double[]> xs,
            List<double[]> ys, double[] marks) {
        return xyChart(caption, xLabel, yLabel, names, xs, ys, marks, "best");
    }

    /** {@link #xyChart(String, String, String, List, List, List, double[])} with the marks labelled {@code markLabel}. */
    public HtmlReport xyChart(String caption, String xLabel, String yLabel, List<String> names, List<double[]> xs,
            List<double[]> ys, double[] marks, String markLabel) {
        int w = 560;
        int h = 300;
        int left = 50;
        int bottom = 30;
        double[] yr = range(ys);
        double[] xr = range(xs);
        StringBuilder svg = svgStart(w + 300, h);
        axes(svg, left, bottom, w, h, yr[0], yr[1], yLabel, xLabel);
        xTicks(svg, left, bottom, w, h, xr[0], xr[1]);
        for (int k = 0; k < ys.size(); k++) {
            double[] s = ys.get(k);
            double[] x = xs.get(k);
            int step = Math.max(1, (s.length + 399) / 400);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.length; i++) {
                if ((i % step != 0 && i != s.length - 1) || Double.isNaN(s[i]) || Double.isNaN(x[i])) {
                    continue;
                }
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x[i], xr, left, w), py(s[i], yr, bottom, h)));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour(k)).append("\" points=\"")
                    .append(pts).append("\"/>\n");
            legend(svg, w + 10, 15 + 16 * k, colour(k), names.get(k));
            if (marks != null && !Double.isNaN(marks[k])) {
                double mx = px(marks[k], xr, left, w);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                        + "stroke-dasharray=\"5,3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"%s\">%s %s</text>\n",
                        mx, mx, h - bottom, colour(k), mx + 3, 22 + 12 * k, colour(k), esc(markLabel), fmt(marks[k])));
            }
        }
        return figure(svg.append("</svg>"), caption);
    }

    /**
     * A scatter plot of series k at the points (points[k][0][i], points[k][1][i]) on [0, 1] × [0, 1] with the
     * diagonal y = x; at most 500 points a series are drawn (every ⌈n/500⌉-th).
     */
    public HtmlReport scatter(String caption, String xLabel, String yLabel, List<String> names,
            List<double[][]> points) {
        int w = 320;
        int h = 320;
        StringBuilder svg = svgStart(w + 300, h);
        axes(svg, 40, 30, w, h, 0, 1, yLabel, xLabel);
        xTicks(svg, 40, 30, w, h, 0, 1);
        svg.append(String.format(Locale.ROOT, "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"10\" stroke=\"#999\" "
                + "stroke-dasharray=\"4\"/>\n", h - 30, w - 10));
        double[] unit = {0, 1};
        for (int k = 0; k < names.size(); k++) {
            double[] x = points.get(k)[0];
            double[] y = points.get(k)[1];
            int step = Math.max(1, (x.length + 499) / 500);
            for (int i = 0; i < x.length; i += step) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" "
                        + "fill-opacity=\"0.6\"/>", px(x[i], unit, 40, w), py(y[i], unit, 30, h), colour(k)));
            }
            svg.append('\n');
            legend(svg, w + 10, 15 + 16 * k, colour(k), names.get(k));
        }
        return figure(svg.append("</svg>"), caption);
    }

    private static double[] range(List<double[]> series) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        if (!(max > min)) {
            max = min + 1;
        }
        return new double[] {min, max};
    }

    private static double px(double x, double[] r, int left, int w) {
        return left + (x - r[0]) / (r[1] - r[0]) * (w - left - 10);
    }

    private static double py(double y, double[] r, int bottom, int h) {
        return (h - bottom) - (y - r[0]) / (r[1] - r[0]) * (h - bottom - 10);
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-2) ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void xTicks(StringBuilder svg, int left, int bottom, int w, int h, double min, double max) {
        for (int t = 0; t <= 4; t++) {
            double v = min + (max - min) * t / 4;
            double x = left + (double) t / 4 * (w - left - 10);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s"
                    + "</text>\n", x, h - bottom + 12, fmt(v)));
        }
    }

    /** Grouped bars: one group a category, one bar a series, values in [0, 1]. */
    public HtmlReport barChart(String caption, List<String> categories, List<String> names, List<double[]> values) {
        int groupWidth = Math.max(80, 12 * names.size() + 10);
        int w = 60 + groupWidth * categories.size();
        int h = 260;
        int bottom = 40;
        StringBuilder svg = svgStart(w + 300, h);
        axes(svg, 50, bottom, w, h, 0, 1, "IoU", "");
        int bar = Math.max(3, (groupWidth - 10) / Math.max(1, names.size()));
        for (int c = 0; c < categories.size(); c++) {
            int x0 = 55 + c * groupWidth;
            for (int k = 0; k < names.size(); k++) {
                double v = values.get(k)[c];
                if (Double.isNaN(v)) {
                    continue;
                }
                double bh = v * (h - bottom - 10);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s: %.4f</title></rect>\n", x0 + k * bar, h - bottom - bh, bar - 1, bh, colour(k),
                        esc(names.get(k)), esc(categories.get(c)), v));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", x0,
                    h - bottom + 15, esc(categories.get(c))));
        }
        for (int k = 0; k < names.size(); k++) {
            legend(svg, w + 10, 15 + 16 * k, colour(k), names.get(k));
        }
        return figure(svg.append("</svg>"), caption);
    }

    /** Reliability diagram: accuracy against confidence per bin, the diagonal for reference. */
    public HtmlReport reliability(String caption, List<String> names, List<double[][]> bins) {
        int w = 320;
        int h = 320;
        StringBuilder svg = svgStart(w + 300, h);
        axes(svg, 40, 30, w, h, 0, 1, "accuracy", "confidence");
        svg.append(String.format(Locale.ROOT, "<line x1=\"40\" y1=\"%d\" x2=\"%d\" y2=\"10\" stroke=\"#999\" "
                + "stroke-dasharray=\"4\"/>\n", h - 30, w - 10));
        for (int k = 0; k < names.size(); k++) {
            double[][] b = bins.get(k); // [acc..., conf..., n...]
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < b[0].length; i++) {
                if (Double.isNaN(b[0][i])) {
                    continue;
                }
                double x = 40 + b[1][i] * (w - 50);
                double y = (h - 30) - b[0][i] * (h - 40);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y,
                        colour(k)));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colour(k)).append("\" points=\"").append(pts)
                    .append("\"/>\n");
            legend(svg, w + 10, 15 + 16 * k, colour(k), names.get(k));
        }
        return figure(svg.append("</svg>"), caption);
    }

    /**
     * The reliability diagram of top-1 confidences over B equal-width bins (Guo et al., 2017), from core's
     * calibration state ({@code ConfidenceBins.reliability()}: rows acc_b, conf_b, n_b): for bin b = [b/B, (b+1)/B)
     * a bar of height acc_b (blue), the gap between acc_b and conf_b shaded red (over-confidence when conf_b &gt;
     * acc_b, under-confidence below), the diagonal acc = conf, and under the axes each bin's count n_b (gray, scaled
     * to the fullest bin). The ECE = Σ_b n_b/N · |acc_b − conf_b| is printed in the plot and the caption. Empty bins
     * (n_b = 0) are left blank.
     *
     * @throws IllegalArgumentException if the three rows differ in length or are empty
     */
    public HtmlReport reliabilityDiagram(String caption, double[] accuracy, double[] confidence, double[] count,
            double ece) {
        int bins = accuracy.length;
        if (bins == 0 || confidence.length != bins || count.length != bins) {
            throw new IllegalArgumentException("a reliability diagram needs one accuracy, confidence and count a bin; "
                    + "got " + accuracy.length + ", " + confidence.length + " and " + count.length);
        }
        int w = 360;
        int h = 360;
        int left = 40;
        int bottom = 30;
        int strip = 50;
        StringBuilder svg = svgStart(w + 200, h + strip);
        axes(svg, left, bottom, w, h, 0, 1, "accuracy", "confidence");
        xTicks(svg, left, bottom, w, h, 0, 1);
        double[] unit = {0, 1};
        double total = 0;
        double most = 0;
        for (double n : count) {
            total += n;
            most = Math.max(most, n);
        }
        for (int b = 0; b < bins; b++) {
            double x0 = px((double) b / bins, unit, left, w);
            double x1 = px((double) (b + 1) / bins, unit, left, w);
            double share = total == 0 ? 0 : count[b] / total;
            double sh = most == 0 ? 0 : count[b] / most * (strip - 12);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#999\"><title>bin %d: %.0f samples (%.1f%%)</title></rect>\n", x0 + 1,
                    h + strip - 4 - sh, Math.max(0.5, x1 - x0 - 2), sh, b, count[b], 100 * share));
            if (count[b] == 0 || Double.isNaN(accuracy[b])) {
                continue;
            }
            double ya = py(accuracy[b], unit, bottom, h);
            double yc = py(confidence[b], unit, bottom, h);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#1f77b4\" stroke=\"#fff\"><title>bin %d: accuracy %.4f</title></rect>\n", x0, ya, x1 - x0,
                    (h - bottom) - ya, b, accuracy[b]));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"#d62728\" fill-opacity=\"0.45\" stroke=\"#d62728\"><title>bin %d: gap |%.4f - %.4f| = "
                    + "%.4f</title></rect>\n", x0, Math.min(ya, yc), x1 - x0, Math.max(0.5, Math.abs(ya - yc)), b,
                    accuracy[b], confidence[b], Math.abs(accuracy[b] - confidence[b])));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"10\" stroke=\"#555\" "
                + "stroke-dasharray=\"4\"/>\n", left, h - bottom, w - 10));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"30\" font-size=\"13\">ECE = %.4f</text>\n", left + 10,
                ece));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">samples a bin</text>\n",
                w - 5, h + strip - 6));
        legend(svg, w + 10, 15, "#1f77b4", "accuracy");
        legend(svg, w + 10, 31, "#d62728", "gap to confidence");
        legend(svg, w + 10, 47, "#999", "samples in the bin");
        return figure(svg.append("</svg>"), caption + String.format(Locale.ROOT, " (%d equal-width bins, ECE = %.4f)",
                bins, ece));
    }

    /**
     * A confusion heatmap: cell (r, c) shaded by its share of row r (white 0 → dark blue 1, the colour scale is
     * drawn beside it) and labelled with its count; rows are the truth, columns the prediction. At most 30 labels
     * are drawn (the first 30; the caption says so when more exist).
     */
    public HtmlReport heatmap(String caption, List<String> labels, double[][] m) {
        int shown = Math.min(30, labels.size());
        int cell = Math.max(18, Math.min(48, 520 / Math.max(1, shown)));
        int off = 80;
        int size = off + cell * shown + 10;
        StringBuilder svg = svgStart(size + 90, size + 20);
        for (int r = 0; r < shown; r++) {
            double rowSum = 0;
            for (double v : m[r]) {
                rowSum += v;
            }
            for (int c = 0; c < shown; c++) {
                double f = rowSum == 0 ? 0 : m[r][c] / rowSum;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"%s\" stroke=\"#fff\"><title>true %s, predicted %s: %.0f (%.1f%% of the row)</title>"
                        + "</rect>\n", off + c * cell, off + r * cell, cell, cell, blue(f), esc(labels.get(r)),
                        esc(labels.get(c)), m[r][c], 100 * f));
                if (cell >= 24) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" "
                            + "fill=\"%s\">%s</text>\n", off + c * cell + cell / 2, off + r * cell + cell / 2 + 4,
                            cell >= 40 ? 11 : 9, f > 0.5 ? "#fff" : "#000", count(m[r][c])));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"11\">%s</text>\n",
                    off + r * cell + cell / 2 + 4, esc(clip(labels.get(r)))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" transform=\"rotate(-45 %d %d)\">"
                    + "%s</text>\n", off + r * cell + 4, off - 6, off + r * cell + 4, off - 6, esc(clip(labels.get(r)))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">predicted →</text>"
                + "<text x=\"2\" y=\"%d\" font-size=\"11\">true ↓</text>\n", off, 12, off - 6));
        colourScale(svg, size + 10, off, cell * shown, "share of row");
        return figure(svg.append("</svg>"), caption + " (rows: truth, columns: prediction; counts in the cells"
                + (shown < labels.size() ? "; first " + shown + " of " + labels.size() + " labels" : "") + ")");
    }

    /**
     * A heatmap of values v[r][c] in [lo, hi] on a white → dark blue scale (drawn beside it), row r from the top
     * labelled rowLabels[r], column c labelled colLabels[c]; {@code mark}, if not null, is a {row, column} cell
     * outlined in red.
     */
    public HtmlReport valueHeatmap(String caption, String rowTitle, String colTitle, List<String> rowLabels,
            List<String> colLabels, double[][] v, double lo, double hi, int[] mark) {
        int cell = Math.max(8, Math.min(30, 420 / Math.max(rowLabels.size(), colLabels.size())));
        int off = 60;
        int width = off + cell * colLabels.size() + 10;
        int height = off + cell * rowLabels.size() + 30;
        StringBuilder svg = svgStart(width + 100, height);
        for (int r = 0; r < rowLabels.size(); r++) {
            for (int c = 0; c < colLabels.size(); c++) {
                double f = hi > lo ? (v[r][c] - lo) / (hi - lo) : 0;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s %s, %s %s: %.4f</title></rect>", off + c * cell, off + r * cell, cell, cell,
                        blue(f), esc(rowTitle), esc(rowLabels.get(r)), esc(colTitle), esc(colLabels.get(c)), v[r][c]));
            }
            svg.append('\n');
        }
        int every = Math.max(1, (int) Math.ceil(12.0 / cell));
        for (int r = 0; r < rowLabels.size(); r += every) {
            svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>",
                    off + r * cell + cell / 2 + 4, esc(rowLabels.get(r))));
        }
        for (int c = 0; c < colLabels.size(); c += every * 2) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", off + c * cell,
                    off - 4, esc(colLabels.get(c))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\">%s →</text><text x=\"2\" "
                + "y=\"%d\" font-size=\"11\">%s ↓</text>\n", off, esc(colTitle), off - 18, esc(rowTitle)));
        if (mark != null) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    + "stroke=\"#d62728\" stroke-width=\"2\"/>\n", off + mark[1] * cell, off + mark[0] * cell, cell, cell));
        }
        colourScale(svg, width + 5, off, cell * rowLabels.size(), fmt(lo) + " … " + fmt(hi));
        return figure(svg.append("</svg>"), caption);
    }

    private static String clip(String s) {
        return s.length() > 10 ? s.substring(0, 9) + "…" : s;
    }

    private static String count(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.1fM", v / 1e6) : v >= 1e4
                ? String.format(Locale.ROOT, "%.0fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** White (f = 0) to dark blue (f = 1). */
    static String blue(double f) {
        double t = Math.max(0, Math.min(1, Double.isNaN(f) ? 0 : f));
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) Math.round(255 - 247 * t),
                (int) Math.round(255 - 207 * t), (int) Math.round(255 - 148 * t));
    }

    private static void colourScale(StringBuilder svg, int x, int y, int height, String label) {
        int steps = 10;
        double hh = Math.max(60, height) / (double) steps;
        for (int i = 0; i < steps; i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"14\" height=\"%.1f\" fill=\"%s\"/>",
                    x, y + i * hh, hh + 0.5, blue(1 - (i + 0.5) / steps)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">high</text>"
                + "<text x=\"%d\" y=\"%.0f\" font-size=\"10\">low</text><text x=\"%d\" y=\"%d\" font-size=\"9\">%s</text>\n",
                x + 17, y + 8, x + 17, y + steps * hh, x - 4, y - 6, esc(label)));
    }

    /**
     * A segmentation overlay as an embedded PNG of at most 256 px a side: the image in gray, true positives green,
     * false positives red, false negatives blue, ignored pixels yellow (per pixel: prediction == truth ≠ background
     * is TP, prediction ≠ background and ≠ truth is FP, truth ≠ background and ≠ prediction is FN). A mask larger than
     * 256 px a side is downsampled by nearest neighbour (output pixel (y, x) shows source pixel (⌊y·H/h⌋, ⌊x·W/w⌋));
     * a smaller one is enlarged by the browser, pixelated.
     *
     * @param gray H × W intensities in [0, 1]
     */
    public HtmlReport overlay(String caption, double[] gray, int[] truth, int[] prediction, int height, int width,
            int ignoreIndex) {
        double scale = Math.min(1.0, 256.0 / Math.max(height, width));
        int oh = Math.max(1, (int) Math.round(height * scale));
        int ow = Math.max(1, (int) Math.round(width * scale));
        BufferedImage img = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int i = (int) ((long) y * height / oh) * width + (int) ((long) x * width / ow);
                int rgb;
                if (truth[i] == ignoreIndex) {
                    rgb = 0xffff66;
                } else if (truth[i] != 0 && prediction[i] == truth[i]) {
                    rgb = 0x2ca02c;
                } else if (prediction[i] != 0 && prediction[i] != truth[i]) {
                    rgb = 0xd62728;
                } else if (truth[i] != 0 && prediction[i] != truth[i]) {
                    rgb = 0x1f77b4;
                } else {
                    int g = (int) Math.round(255 * Math.max(0, Math.min(1, gray[i])));
                    rgb = (g << 16) | (g << 8) | g;
                }
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int shownSide = Math.max(oh, ow) < 128 ? 2 : 1;
        body.append(String.format(Locale.ROOT, "<figure><img alt=\"%s\" width=\"%d\" height=\"%d\" "
                + "style=\"image-rendering:pixelated\" src=\"data:image/png;base64,%s\"><figcaption>%s</figcaption>"
                + "</figure>\n", esc(caption), ow * shownSide, oh * shownSide,
                Base64.getEncoder().encodeToString(png.toByteArray()),
                esc(caption + " (" + height + "×" + width + (scale < 1 ? ", shown at " + oh + "×" + ow : "")
                        + ") — green TP, red FP, blue FN")));
        return this;
    }

    /**
     * The set-membership strip of one row of binary labels: one cell a position, coloured by whether the position
     * is in A only (the truth: blue), in B only (the prediction: red), in A ∩ B (green) or in neither (light gray);
     * the caption gives |A ∩ B| / |A ∪ B|. At most 400 positions are drawn (the first 400).
     */
    public HtmlReport membershipStrip(String caption, boolean[] a, boolean[] b) {
        int n = Math.min(400, a.length);
        int cell = Math.max(2, Math.min(24, 800 / Math.max(1, n)));
        StringBuilder svg = svgStart(cell * n + 300, 44);
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        for (int i = 0; i < n; i++) {
            String fill = a[i] && b[i] ? "#2ca02c" : a[i] ? "#1f77b4" : b[i] ? "#d62728" : "#e8e8e8";
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"%d\" height=\"20\" fill=\"%s\" "
                    + "stroke=\"#fff\"/>", i * cell, cell, fill));
        }
        svg.append('\n');
        legend(svg, cell * n + 8, 16, "#1f77b4", "A only");
        legend(svg, cell * n + 75, 16, "#d62728", "B only");
        legend(svg, cell * n + 142, 16, "#2ca02c", "A ∩ B");
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"40\" font-size=\"11\">|A ∩ B| = %d, |A ∪ B| = %d, "
                + "Jaccard = %s</text>", inter, union, union == 0 ? "undefined (empty union)"
                : fmt((double) inter / union)));
        return figure(svg.append("</svg>"), caption + (n < a.length ? " (first " + n + " of " + a.length + ")" : ""));
    }

    private static StringBuilder svgStart(int w, int h) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">\n",
                w, h));
    }

    private static void axes(StringBuilder svg, int left, int bottom, int w, int h, double min, double max,
            String yLabel, String xLabel) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
                left, h - bottom, w - 10, h - bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
                left, left, h - bottom));
        for (int t = 0; t <= 4; t++) {
            double v = min + (max - min) * t / 4;
            double y = (h - bottom) - (double) t / 4 * (h - bottom - 10);
            svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%.2f</text>\n", y + 3, v));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", left + 5, 12,
                esc(yLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", w - 60,
                h - bottom + 25, esc(xLabel)));
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String name) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n", x, y - 10, colour, x + 16, y, esc(name)));
    }

    private HtmlReport figure(StringBuilder svg, String caption) {
        body.append("<figure>").append(svg).append("<figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    /** The whole document. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}th{background:#f0f0f0}"
                + "figure{display:inline-block;margin:1em}figcaption{font-size:12px;color:#444}</style>"
                + "</head><body>\n<h1>" + esc(title) + "</h1>\n" + body + "</body></html>\n";
    }

    /** Writes the document. */
    public void write(Path file) throws IOException {
        Files.writeString(file, html(), StandardCharsets.UTF_8);
    }
}
