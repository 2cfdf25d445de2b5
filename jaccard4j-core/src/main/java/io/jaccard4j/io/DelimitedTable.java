package io.jaccard4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text file of one sample a line, as the command reads labels, indicator rows and scores: fields separated by
 * commas, or by tabs, or by runs of blanks (the separator is chosen once per file from its first data line:
 * comma if it has one, else tab, else blanks). Blank lines and lines starting with {@code #} are skipped;
 * there is no header line. Every row must have the same number of fields; a ragged row fails with its line
 * number.
 */
public final class DelimitedTable {
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final Path path;
    private final List<String[]> rows;
    private final int[] lines;
    private final int columns;

    private DelimitedTable(Path path, List<String[]> rows, int[] lines, int columns) {
        this.path = path;
        this.rows = rows;
        this.lines = lines;
        this.columns = columns;
    }

    /**
     * Reads a whole file.
     *
     * @throws IllegalArgumentException for a ragged row or an empty field, naming file and line
     */
    public static DelimitedTable read(Path path) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int columns = -1;
        char sep = 0;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (n == 1 && !t.isEmpty() && t.charAt(0) == '\uFEFF') {
                    t = t.substring(1).strip();
                }
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (sep == 0) {
                    sep = t.indexOf(',') >= 0 ? ',' : t.indexOf('\t') >= 0 ? '\t' : ' ';
                }
                String[] fields = sep == ' ' ? BLANKS.split(t) : t.split(sep == ',' ? "," : "\t", -1);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = fields[i].strip();
                    if (fields[i].isEmpty()) {
                        throw new IllegalArgumentException(path + " line " + n + ": field " + (i + 1) + " is empty");
                    }
                }
                if (columns < 0) {
                    columns = fields.length;
                } else if (fields.length != columns) {
                    throw new IllegalArgumentException(path + " line " + n + ": expected " + columns + " fields, found "
                            + fields.length);
                }
                rows.add(fields);
                lineNumbers.add(n);
            }
        }
        int[] lines = new int[lineNumbers.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lineNumbers.get(i);
        }
        return new DelimitedTable(path, rows, lines, Math.max(columns, 0));
    }

    /** The number of data rows (samples). */
    public int rows() {
        return rows.size();
    }

    /** The number of fields a row (0 for a file without data rows). */
    public int columns() {
        return columns;
    }

    /** Field {@code c} of row {@code r} (0-based). */
    public String get(int r, int c) {
        return rows.get(r)[c];
    }

    /** The 1-based line number of data row {@code r} in the file. */
    public int lineNumber(int r) {
        return lines[r];
    }

    /** Column {@code c} as strings. */
    public String[] column(int c) {
        String[] out = new String[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[c];
        }
        return out;
    }

    /**
     * All fields as numbers.
     *
     * @throws IllegalArgumentException for a field that is not a number, or is NaN, naming line and column
     */
    public double[][] toDoubleMatrix() {
        double[][] out = new double[rows.size()][columns];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < columns; c++) {
                out[r][c] = number(r, c);
            }
        }
        return out;
    }

    /** The single column as numbers (see {@link #toDoubleMatrix()}). */
    public double[] toDoubleColumn() {
        if (columns != 1) {
            throw new IllegalArgumentException(path + ": expected one value a line, found " + columns + " fields");
        }
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = number(r, 0);
        }
        return out;
    }

    private double number(int r, int c) {
        String s = rows.get(r)[c];
        double v;
        try {
            v = s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " line " + lines[r] + " column " + (c + 1) + ": '" + s
                    + "' is not a number");
        }
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(path + " line " + lines[r] + " column " + (c + 1) + ": NaN is not a valid value");
        }
        return v;
    }

    /**
     * All fields as 0/1 indicator entries ({@code 0}, {@code 1}, {@code 0.0}, {@code 1.0}, {@code true},
     * {@code false}).
     *
     * @throws IllegalArgumentException for any other field, naming line and column
     */
    public int[][] toIndicatorMatrix() {
        int[][] out = new int[rows.size()][columns];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < columns; c++) {
                String s = rows.get(r)[c];
                switch (s.toLowerCase(java.util.Locale.ROOT)) {
                    case "0": case "0.0": case "false":
                        out[r][c] = 0;
                        break;
                    case "1": case "1.0": case "true":
                        out[r][c] = 1;
                        break;
                    default:
                        throw new IllegalArgumentException(path + " line " + lines[r] + " column " + (c + 1) + ": '" + s
                                + "' is not 0 or 1");
                }
            }
        }
        return out;
    }
}
