package io.jaccard4j.metrics;

import java.util.Objects;

/**
 * Per-class scores of each sample (scikit-learn's {@code y_score}): a samples × classes matrix stored row-major,
 * or one score a sample ({@link #vector}, the binary form whose score belongs to the greater class). Used by
 * top-k accuracy, where the true class must be among the k highest scores of its row.
 */
public final class ScoreMatrix {
    private final double[] values;
    private final int rows;
    private final int columns;
    private final boolean vector;

    private ScoreMatrix(double[] values, int rows, int columns, boolean vector) {
        this.values = values;
        this.rows = rows;
        this.columns = columns;
        this.vector = vector;
    }

    /**
     * A rows × columns matrix, row-major (not copied).
     *
     * @throws IllegalArgumentException if the length is not rows × columns
     */
    public static ScoreMatrix of(double[] values, int rows, int columns) {
        Objects.requireNonNull(values, "values");
        if (rows < 0 || columns < 1 || (long) rows * columns != values.length) {
            throw new IllegalArgumentException("y_score has " + values.length + " values, expected rows x columns = "
                    + rows + " x " + columns);
        }
        return new ScoreMatrix(values, rows, columns, false);
    }

    /** One score a sample (a 1-D {@code y_score}); not copied. */
    public static ScoreMatrix vector(double[] values) {
        Objects.requireNonNull(values, "values");
        return new ScoreMatrix(values, values.length, 1, true);
    }

    /** The number of samples. */
    public int rows() {
        return rows;
    }

    /** The number of score columns (1 for a vector). */
    public int columns() {
        return columns;
    }

    /** Whether this is a 1-D score vector. */
    public boolean isVector() {
        return vector;
    }

    /** The score of sample i for column j. */
    public double get(int i, int j) {
        return values[i * columns + j];
    }
}
