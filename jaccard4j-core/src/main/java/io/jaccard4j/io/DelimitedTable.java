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
 * number, and so does a row with a comma in a file whose first data line has none (numpy's {@code loadtxt}
 * refuses it too; a field never holds a comma). A file must be UTF-8 text (a leading byte-order mark is
 * skipped; CRLF, LF and CR line ends are all read) and hold at least one data row.
 *
 * <p>Numbers follow numpy's {@code np.loadtxt}, which reads what {@code np.savetxt} writes (see
 * {@link #parseNumber}): NaN and infinities are numbers here, returned as read, so that the caller can refuse
 * them with a message about NaN rather than about strings.
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
     * @throws IllegalArgumentException naming the file (and the line where there is one): a ragged row, an empty
     *     field, bytes that are not UTF-8, or no data row at all
     * @throws IOException naming the file, when it cannot be read
     */
    public static DelimitedTable read(Path path) throws IOException {
        try {
            return readLines(path);
        } catch (IOException e) {
            throw Npy.named(path, e);
        }
    }

    private static DelimitedTable readLines(Path path) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int columns = -1;
        char sep = 0;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = nextLine(r, path, n + 1)) != null) {
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
                if (sep == ' ' && t.indexOf(',') >= 0) {
                    // the first data line chose blanks; a comma here is a row of another shape, not part of a field
                    int found = t.split(",", -1).length;
                    throw new IllegalArgumentException(path + " line " + n + ": expected " + columns + " field"
                            + (columns == 1 ? "" : "s") + " separated by blanks (as on line " + lineNumbers.get(0)
                            + ", the first data line), found " + found + " separated by commas");
                }
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
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no samples: it is empty, or only blank lines and "
                    + "# comments");
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
     * All fields as numbers (see {@link #parseNumber}; NaN and infinities are returned as read).
     *
     * @throws IllegalArgumentException for a field that is not a number, naming file, line and column
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
        try {
            return parseNumber(rows.get(r)[c]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " line " + lines[r] + " column " + (c + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * One number as numpy's {@code np.loadtxt} reads it, and so everything {@code np.savetxt} writes: surrounding
     * whitespace, then an optional sign and either a decimal ({@code 7}, {@code -2.5}, {@code .5}, {@code 5.},
     * with an optional exponent {@code 1e-3}, {@code 2.5E+07}; too large gives ±infinity, as in numpy) or, in
     * any case, {@code nan}, {@code inf} or {@code infinity}. Java's own extras are refused: hexadecimal
     * ({@code 0x1p0}), type suffixes ({@code 0.5f}, {@code 0.9d}), and anything before or after the number.
     *
     * @throws NumberFormatException (an {@link IllegalArgumentException}) quoting the token
     */
    public static double parseNumber(String token) {
        String t = stripWhitespace(token);
        int body = !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        String word = t.substring(body).toLowerCase(java.util.Locale.ROOT);
        if (word.equals("nan")) {
            return Double.NaN;
        }
        if (word.equals("inf") || word.equals("infinity")) {
            return t.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!isDecimal(t, body)) {
            throw new NumberFormatException("'" + token + "' is not a number (numbers are written as numpy "
                    + "writes them: 3, -2.5, 1e-3, nan, inf)");
        }
        return Double.parseDouble(t);
    }

    /** Whether {@link #parseNumber} accepts the token. */
    public static boolean isNumber(String token) {
        String t = stripWhitespace(token);
        int body = !t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-') ? 1 : 0;
        String word = t.substring(body).toLowerCase(java.util.Locale.ROOT);
        return word.equals("nan") || word.equals("inf") || word.equals("infinity") || isDecimal(t, body);
    }

    /** digits [. digits] | . digits, then an optional exponent, all ASCII, from {@code i} to the end. */
    private static boolean isDecimal(String t, int i) {
        int n = t.length();
        int intDigits = 0;
        while (i < n && isAsciiDigit(t.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isAsciiDigit(t.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isAsciiDigit(t.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Strips what Python counts as whitespace (numpy strips fields so), no-break spaces included. */
    private static String stripWhitespace(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isPythonSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isPythonSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** The next line, with a decoding error turned into one that names the file and line. */
    private static String nextLine(BufferedReader r, Path path, int lineNumber) throws IOException {
        try {
            return r.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(path + " is not UTF-8 text: it holds bytes that are not UTF-8 (read "
                    + "while looking for line " + lineNumber + ")", e);
        }
    }

    /**
     * All fields as 0/1 indicator entries: {@code true}, {@code false}, or a number (see {@link #parseNumber})
     * equal to 0 or 1, such as {@code 1}, {@code 0.0} or {@code 1.000000000000000000e+00} as {@code np.savetxt}
     * writes it.
     *
     * @throws IllegalArgumentException for any other field, naming line and column
     */
    public int[][] toIndicatorMatrix() {
        int[][] out = new int[rows.size()][columns];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < columns; c++) {
                String s = rows.get(r)[c];
                String word = s.toLowerCase(java.util.Locale.ROOT);
                double v = word.equals("true") ? 1 : word.equals("false") ? 0 : isNumber(s) ? parseNumber(s)
                        : Double.NaN;
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException(path + " line " + lines[r] + " column " + (c + 1) + ": '" + s
                            + "' is not 0 or 1");
                }
                out[r][c] = (int) v;
            }
        }
        return out;
    }
}
