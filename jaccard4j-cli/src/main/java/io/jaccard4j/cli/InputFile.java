package io.jaccard4j.cli;

import io.jaccard4j.io.DelimitedTable;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.NpyDtype;
import io.jaccard4j.metrics.LabelVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One input of the command, read whole: an NPY array, a PNG index mask, or a CSV/TXT file (one sample a
 * line). Numeric content is held as an {@link NpyArray} (CSV integers as int64, other numbers as float64);
 * a single CSV column that is not all numbers is held as string labels.
 */
final class InputFile {
    final Path path;
    final String role;
    final NpyArray array;
    final String[] strings;

    private InputFile(Path path, String role, NpyArray array, String[] strings) {
        this.path = path;
        this.role = role;
        this.array = array;
        this.strings = strings;
    }

    static InputFile load(Path path, String role) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + " (" + role + ")");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(role + " " + path + " is a directory; both --y-true and --y-pred must "
                    + "then be directories of masks");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy") || name.endsWith(".png")) {
            return new InputFile(path, role, MaskDirectoryPairs.readMask(path), null);
        }
        DelimitedTable t = DelimitedTable.read(path);
        if (t.rows() == 0) {
            throw new IllegalArgumentException(role + " " + path + " holds no samples");
        }
        if (t.columns() == 1) {
            String[] tokens = t.column(0);
            long[] ints = new long[tokens.length];
            boolean integral = true;
            for (int i = 0; i < tokens.length && integral; i++) {
                try {
                    ints[i] = Long.parseLong(tokens[i].trim());
                } catch (NumberFormatException e) {
                    integral = false;
                }
            }
            if (integral) {
                return new InputFile(path, role, NpyArray.of(ints, tokens.length), null);
            }
            if (allNumeric(tokens)) {
                return new InputFile(path, role, NpyArray.of(t.toDoubleColumn(), tokens.length), null);
            }
            String[] labels = new String[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                labels[i] = tokens[i].trim();
            }
            return new InputFile(path, role, null, labels);
        }
        double[][] m = t.toDoubleMatrix();
        double[] flat = new double[t.rows() * t.columns()];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, flat, r * t.columns(), t.columns());
        }
        return new InputFile(path, role, NpyArray.of(flat, t.rows(), t.columns()), null);
    }

    private static boolean allNumeric(String[] tokens) {
        for (String s : tokens) {
            try {
                Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    boolean isStrings() {
        return strings != null;
    }

    int[] shape() {
        return strings != null ? new int[] {strings.length} : array.shape();
    }

    int ndim() {
        return shape().length;
    }

    long size() {
        return strings != null ? strings.length : array.size();
    }

    /** Whether every value is an integer (strings: false). */
    boolean isIntegral() {
        if (strings != null) {
            return false;
        }
        NpyDtype d = array.dtype();
        if (!d.isFloating()) {
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

    /** Fails on the first NaN value, naming the file and the position. */
    void requireNoNaN() {
        if (strings != null || !array.dtype().isFloating()) {
            return;
        }
        long n = array.size();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(array.getDouble(i))) {
                throw new IllegalArgumentException(role + " " + path + " holds NaN at flat index " + i
                        + (ndim() == 2 ? " (row " + (i / shape()[1] + 1) + ", column " + (i % shape()[1] + 1) + ")"
                        : ""));
            }
        }
    }

    /** Whether every value is 0 or 1. */
    boolean isZeroOne() {
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

    /** The values as labels (integers or strings). */
    LabelVector labels() {
        if (strings != null) {
            return LabelVector.of(strings);
        }
        if (!isIntegral()) {
            throw new IllegalArgumentException(role + " " + path + " holds non-integer values (a continuous target); "
                    + "labels must be integers or strings — pass scores with --threshold to binarize them");
        }
        return LabelVector.of(array.toLongArray());
    }

    String describeShape() {
        int[] s = shape();
        return s.length == 1 ? "(" + s[0] + ",)" : Arrays.toString(s).replace('[', '(').replace(']', ')');
    }
}
