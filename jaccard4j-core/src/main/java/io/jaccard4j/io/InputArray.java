package io.jaccard4j.io;

import io.jaccard4j.metrics.LabelVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One input array of a command, read whole, with the one set of type rules every front end uses: an NPY array
 * or a PNG index mask as stored, or a CSV/TXT file of one sample a line. A single CSV column of integers is held
 * as int64, of other numbers (as numpy writes them: decimals, exponents, {@code nan}, {@code inf}) as float64,
 * and anything else as string labels; several columns are a float64 matrix (every field must be a number).
 * Java-only number spellings ({@code 0x1p0}, {@code 0.5f}, {@code 1d}) are not numbers here, as numpy does not
 * read them.
 *
 * <p>Every array has at least one dimension and one element: a 0-d NPY and an empty or zero-size input are
 * rejected when read, naming the file, as scikit-learn rejects them.
 */
public final class InputArray {
    private final Path path;
    private final String role;
    private final NpyArray array;
    private final String[] strings;

    private InputArray(Path path, String role, NpyArray array, String[] strings) {
        this.path = path;
        this.role = role;
        this.array = array;
        this.strings = strings;
    }

    /** An in-memory array under a name used in messages (e.g. a Spark column). */
    public static InputArray of(NpyArray array, String role) {
        return checked(new InputArray(null, role, array, null));
    }

    /** In-memory string labels under a name used in messages. */
    public static InputArray ofStrings(String[] labels, String role) {
        return checked(new InputArray(null, role, null, labels.clone()));
    }

    /**
     * Reads a file as its extension says: {@code .npy}, {@code .png}, anything else as delimited text.
     *
     * @param role the flag or column that named it, used in messages (e.g. {@code --y-true})
     * @throws IllegalArgumentException for a directory, a NIfTI file, an empty or zero-size input, a 0-d array, or a
     *     malformed file, naming the file
     */
    public static InputArray read(Path path, String role) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + " (" + role + ")");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(role + " " + path + " is a directory; a file is expected here");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (NiftiVolume.isNiftiName(name)) {
            throw new IllegalArgumentException(role + " " + path + " is a NIfTI file, which this score does not read "
                    + "(it reads NPY, PNG and text): " + NiftiVolume.READ_BY);
        }
        if (name.endsWith(".npy") || name.endsWith(".png")) {
            return checked(new InputArray(path, role, MaskDirectoryPairs.readMask(path), null));
        }
        DelimitedTable t = DelimitedTable.read(path);
        if (t.columns() == 1) {
            String[] tokens = t.column(0);
            long[] ints = new long[tokens.length];
            boolean integral = true;
            for (int i = 0; i < tokens.length && integral; i++) {
                try {
                    ints[i] = Long.parseLong(tokens[i].strip());
                } catch (NumberFormatException e) {
                    integral = false;
                }
            }
            if (integral) {
                return new InputArray(path, role, NpyArray.of(ints, tokens.length), null);
            }
            if (allNumbers(tokens)) {
                double[] v = new double[tokens.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = finite(tokens[i], role, path, t.lineNumber(i), 1);
                }
                return new InputArray(path, role, NpyArray.of(v, tokens.length), null);
            }
            String[] labels = new String[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                labels[i] = tokens[i].strip();
            }
            return new InputArray(path, role, null, labels);
        }
        double[] flat = new double[t.rows() * t.columns()];
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.columns(); c++) {
                String s = t.get(r, c).strip();
                if (!isNumber(s)) {
                    throw new IllegalArgumentException(role + " " + path + " line " + t.lineNumber(r) + " column "
                            + (c + 1) + ": '" + s + "' is not a number (a file of several columns is a matrix of "
                            + "numbers)");
                }
                flat[r * t.columns() + c] = finite(s, role, path, t.lineNumber(r), c + 1);
            }
        }
        return new InputArray(path, role, NpyArray.of(flat, t.rows(), t.columns()), null);
    }

    private static double finite(String token, String role, Path path, int line, int column) {
        double v = parseNumber(token);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(role + " " + path + " line " + line + " column " + column + ": "
                    + (Double.isNaN(v) ? "NaN" : token.strip()) + " is not a finite number; values must be finite");
        }
        return v;
    }

    private static InputArray checked(InputArray a) {
        if (a.array != null && a.array.ndim() == 0) {
            throw new IllegalArgumentException(a.where() + " is a 0-d array (a single value); it must hold one "
                    + "value a sample, with at least one dimension");
        }
        if (a.size() == 0) {
            throw new IllegalArgumentException(a.where() + " holds no samples (shape " + a.describeShape() + ")");
        }
        return a;
    }

    /** Whether a token is a number as numpy's text readers accept it ({@link DelimitedTable#isNumber}). */
    public static boolean isNumber(String token) {
        return DelimitedTable.isNumber(token);
    }

    /** A token as a number, as numpy reads it ({@link DelimitedTable#parseNumber}). */
    public static double parseNumber(String token) {
        return DelimitedTable.parseNumber(token);
    }

    private static boolean allNumbers(String[] tokens) {
        for (String s : tokens) {
            if (!isNumber(s)) {
                return false;
            }
        }
        return true;
    }

    /** The file it was read from, or null for an in-memory array. */
    public Path path() {
        return path;
    }

    /** The flag or column that named it. */
    public String role() {
        return role;
    }

    /** The numeric content, or null for string labels. */
    public NpyArray array() {
        return array;
    }

    /** The string labels, or null for numeric content. */
    public String[] strings() {
        return strings;
    }

    public boolean isStrings() {
        return strings != null;
    }

    public int[] shape() {
        return strings != null ? new int[] {strings.length} : array.shape();
    }

    public int ndim() {
        return shape().length;
    }

    public long size() {
        return strings != null ? strings.length : array.size();
    }

    /** The values as float64 (numeric content only). */
    public double[] toDoubleArray() {
        requireNumeric();
        return array.toDoubleArray();
    }

    private void requireNumeric() {
        if (strings != null) {
            throw new IllegalArgumentException(where() + " holds strings where numbers are needed");
        }
    }

    /** Whether it was read from a PNG image: an image is always a mask of class indices. */
    public boolean isImage() {
        return path != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /**
     * The same values under another shape of the same size (e.g. an {@code (N, 1)} column read as {@code (N,)}).
     */
    public InputArray reshaped(int... newShape) {
        if (strings != null) {
            throw new IllegalArgumentException(where() + " holds string labels, which have one dimension");
        }
        return new InputArray(path, role, array.reshape(newShape), null);
    }

    /** Whether the content is stored as floating point. */
    public boolean isFloating() {
        return strings == null && array.dtype().isFloating();
    }

    /** Whether every value is an integer (strings: false). */
    public boolean isIntegral() {
        if (strings != null) {
            return false;
        }
        if (!array.dtype().isFloating()) {
            return true;
        }
        long n = array.size();
        for (int i = 0; i < n; i++) {
            double v = array.getDouble(i);
            if (v != Math.rint(v) || Double.isInfinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Fails on the first NaN or infinite value, naming the file and the position. */
    public void requireFinite() {
        if (strings != null || !array.dtype().isFloating()) {
            return;
        }
        long n = array.size();
        for (int i = 0; i < n; i++) {
            double v = array.getDouble(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(where() + " holds " + (Double.isNaN(v) ? "NaN" : v > 0 ? "inf"
                        : "-inf") + " at " + position(i) + "; values must be finite");
            }
        }
    }

    /** A flat index as a person reads it: "flat index i", or "row r, column c" (1-based) for a matrix. */
    public String position(long i) {
        int[] s = shape();
        if (s.length == 2) {
            return "row " + (i / s[1] + 1) + ", column " + (i % s[1] + 1);
        }
        return s.length == 1 ? "row " + (i + 1) : "flat index " + i;
    }

    /** Whether every value is 0 or 1. */
    public boolean isZeroOne() {
        if (strings != null) {
            return false;
        }
        long n = array.size();
        for (int i = 0; i < n; i++) {
            double v = array.getDouble(i);
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values as labels (integers or strings).
     *
     * @throws IllegalArgumentException for non-integer numbers (a continuous target)
     */
    public LabelVector labels() {
        if (strings != null) {
            return LabelVector.of(strings);
        }
        if (!isIntegral()) {
            throw new IllegalArgumentException(where() + " holds non-integer values (a continuous target); labels "
                    + "must be integers or strings");
        }
        return LabelVector.of(array.toLongArray());
    }

    /** The shape as numpy prints it: {@code (5,)}, {@code (2, 3)}. */
    public String describeShape() {
        int[] s = shape();
        return s.length == 1 ? "(" + s[0] + ",)" : Arrays.toString(s).replace('[', '(').replace(']', ')');
    }

    /** The role and file, for messages: {@code --y-true data/t.csv}. */
    public String where() {
        return path == null ? role : role + " " + path;
    }
}
