package io.jaccard4j.metrics;

import java.util.Objects;

/**
 * A multilabel target: a samples × labels matrix of 0/1 entries, row-major, one byte an entry. Label {@code j}
 * is column {@code j}; scikit-learn calls this a {@code multilabel-indicator} target.
 */
public final class IndicatorMatrix implements Target {
    private final byte[] data;
    private final int rows;
    private final int columns;

    private IndicatorMatrix(byte[] data, int rows, int columns) {
        this.data = data;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Wraps row-major 0/1 bytes (not copied).
     *
     * @throws IllegalArgumentException if the length is not rows × columns or an entry is not 0 or 1
     */
    public static IndicatorMatrix of(byte[] data, int rows, int columns) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || columns < 1) {
            throw new IllegalArgumentException("an indicator matrix needs rows >= 0 and columns >= 1; got "
                    + rows + " x " + columns);
        }
        if ((long) rows * columns != data.length) {
            throw new IllegalArgumentException("indicator data has " + data.length + " entries, expected "
                    + rows + " x " + columns + " = " + ((long) rows * columns));
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] != 0 && data[i] != 1) {
                throw new IllegalArgumentException("indicator matrix entry (" + (i / columns) + ", " + (i % columns)
                        + ") is " + data[i] + "; a multilabel indicator holds only 0 and 1");
            }
        }
        return new IndicatorMatrix(data, rows, columns);
    }

    /** Copies a rectangular array of 0/1 rows. */
    public static IndicatorMatrix of(int[][] rowsData) {
        Objects.requireNonNull(rowsData, "rows");
        return fromRows(rowsData.length, rowsData.length == 0 ? 0 : rowsData[0].length, r -> rowsData[r].length,
                (r, c) -> rowsData[r][c]);
    }

    /** Copies a rectangular array of boolean rows. */
    public static IndicatorMatrix of(boolean[][] rowsData) {
        Objects.requireNonNull(rowsData, "rows");
        return fromRows(rowsData.length, rowsData.length == 0 ? 0 : rowsData[0].length, r -> rowsData[r].length,
                (r, c) -> rowsData[r][c] ? 1 : 0);
    }

    private static IndicatorMatrix fromRows(int rows, int cols, java.util.function.IntUnaryOperator rowLength,
            java.util.function.IntBinaryOperator entry) {
        if (rows == 0) {
            throw new IllegalArgumentException("an indicator matrix needs at least one row to know its width");
        }
        byte[] d = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (rowLength.applyAsInt(r) != cols) {
                throw new IllegalArgumentException("indicator row " + r + " has " + rowLength.applyAsInt(r)
                        + " entries, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                int v = entry.applyAsInt(r, c);
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException("indicator matrix entry (" + r + ", " + c + ") is " + v
                            + "; a multilabel indicator holds only 0 and 1");
                }
                d[r * cols + c] = (byte) v;
            }
        }
        return new IndicatorMatrix(d, rows, cols);
    }

    /**
     * Thresholds scores: entry = 1 where score &gt;= threshold.
     *
     * @throws IllegalArgumentException on a NaN score or a length that is not rows × columns
     */
    public static IndicatorMatrix fromScores(double[] scores, int rows, int columns, double threshold) {
        Objects.requireNonNull(scores, "scores");
        if ((long) rows * columns != scores.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " entries, expected "
                    + rows + " x " + columns);
        }
        byte[] d = new byte[scores.length];
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("score (" + (i / columns) + ", " + (i % columns) + ") is NaN");
            }
            d[i] = (byte) (s >= threshold ? 1 : 0);
        }
        return new IndicatorMatrix(d, rows, columns);
    }

    @Override
    public int size() {
        return rows;
    }

    /** The number of labels (columns). */
    public int columns() {
        return columns;
    }

    /** Entry (row, column): 0 or 1. */
    public int get(int row, int column) {
        return data[row * columns + column];
    }

    /** The row-major 0/1 entries (not a copy: do not modify). */
    public byte[] data() {
        return data;
    }

    /**
     * scikit-learn's {@code type_of_target} of a 2-D 0/1 array: multilabel-indicator when it has more than one
     * column; a single column is a column vector, binary.
     */
    @Override
    public TargetType typeOfTarget() {
        return columns > 1 ? TargetType.MULTILABEL_INDICATOR : TargetType.BINARY;
    }

    /** A single-column matrix as a vector of 0/1 labels. */
    public LabelVector asColumnVector() {
        if (columns != 1) {
            throw new IllegalStateException("only a single-column matrix is a column vector");
        }
        long[] v = new long[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = data[i];
        }
        return LabelVector.of(v);
    }
}
