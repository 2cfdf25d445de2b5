package io.jaccard4j.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML report (no scripts, no external files): headings, tables and inline SVG plots — line
 * charts, grouped bar charts, reliability diagrams, heatmaps and segmentation overlays — built as text.
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

    /** A line chart of several series over x = 1..n. */
    public HtmlReport lineChart(String caption, String yLabel, List<String> names, List<double[]> series) {
        int w = 560;
        int h = 300;
        int left = 50;
        int bottom = 30;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        int n = 0;
        for (double[] s : series) {
            for (double v : s) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
            n = Math.max(n, s.length);
        }
        if (!(max > min)) {
            max = min + 1;
        }
        StringBuilder svg = svgStart(w + 300, h);
        axes(svg, left, bottom, w, h, min, max, yLabel, "epoch");
        for (int k = 0; k < series.size(); k++) {
            double[] s = series.get(k);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.length; i++) {
                if (Double.isNaN(s[i])) {
                    continue;
                }
                double x = left + (n <= 1 ? 0.5 : (double) i / (n - 1)) * (w - left - 10);
                double y = (h - bottom) - (s[i] - min) / (max - min) * (h - bottom - 10);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour(k)).append("\" points=\"")
                    .append(pts).append("\"/>\n");
            legend(svg, w + 10, 15 + 16 * k, colour(k), names.get(k));
        }
        return figure(svg.append("</svg>"), caption);
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

    /** A heatmap of a matrix (row-normalised shading), with row and column labels. */
    public HtmlReport heatmap(String caption, List<String> labels, double[][] m) {
        int cell = Math.max(14, Math.min(40, 480 / Math.max(1, labels.size())));
        int off = 70;
        int size = off + cell * labels.size() + 10;
        StringBuilder svg = svgStart(size, size);
        for (int r = 0; r < m.length; r++) {
            double rowSum = 0;
            for (double v : m[r]) {
                rowSum += v;
            }
            for (int c = 0; c < m[r].length; c++) {
                double f = rowSum == 0 ? 0 : m[r][c] / rowSum;
                int shade = (int) Math.round(255 * (1 - f));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"rgb(%d,%d,255)\"><title>true %s, predicted %s: %.0f</title></rect>\n", off + c * cell,
                        off + r * cell, cell, cell, shade, shade, esc(labels.get(r)), esc(labels.get(c)), m[r][c]));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"11\">%s</text>\n",
                    off + r * cell + cell / 2 + 4, esc(labels.get(r))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n",
                    off + r * cell + 2, off - 6, esc(labels.get(r))));
        }
        return figure(svg.append("</svg>"), caption + " (rows: truth, columns: prediction)");
    }

    /**
     * A segmentation overlay of one class-agnostic comparison: the image in gray, true positives green, false
     * positives red, false negatives blue (per pixel: prediction == truth ≠ background is TP, etc.).
     *
     * @param gray H × W intensities in [0, 1]
     */
    public HtmlReport overlay(String caption, double[] gray, int[] truth, int[] prediction, int height, int width,
            int ignoreIndex) {
        int s = Math.max(2, 256 / Math.max(height, width));
        StringBuilder svg = svgStart(width * s, height * s);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                String fill;
                if (truth[i] == ignoreIndex) {
                    fill = "#ffff66";
                } else if (truth[i] != 0 && prediction[i] == truth[i]) {
                    fill = "#2ca02c";
                } else if (prediction[i] != 0 && prediction[i] != truth[i]) {
                    fill = "#d62728";
                } else if (truth[i] != 0 && prediction[i] != truth[i]) {
                    fill = "#1f77b4";
                } else {
                    int g = (int) Math.round(255 * Math.max(0, Math.min(1, gray[i])));
                    fill = String.format(Locale.ROOT, "rgb(%d,%d,%d)", g, g, g);
                }
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
                        x * s, y * s, s, s, fill));
            }
        }
        return figure(svg.append("</svg>"), caption + " — green TP, red FP, blue FN");
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
