package io.jaccard4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The rules for the Spark columns that jaccard4j scores, each refused on the driver before any score, so that bad
 * input fails with one sentence naming the column, not with an executor's stack trace (the types from the schema;
 * the values in one pass: for integer-valued labels the same pass that counts them, {@link DenseLabelCounts}):
 * <ul>
 *   <li>a label column holds integers (byte, short, int, long), strings, or floating-point / decimal values that
 *       are all whole numbers (Spark ML's label convention: 0.0, 1.0, ...), which are read as integers;</li>
 *   <li>a weight column holds numbers;</li>
 *   <li>an array column holds integers or whole floating-point numbers;</li>
 *   <li>no row may hold a null in a scored column: the message gives the count of such rows (they are never
 *       dropped silently).</li>
 * </ul>
 */
public final class SparkColumns {
    private SparkColumns() {
    }

    /** The column's field; a missing column is an {@link IllegalArgumentException} listing those present. */
    public static StructField field(Dataset<Row> df, String column) {
        for (StructField f : df.schema().fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("column '" + column + "' does not exist; the dataset has columns "
                + Arrays.toString(df.columns()));
    }

    /** Whether a label column holds numbers (read as integers) rather than strings; other types are refused. */
    public static boolean numericLabels(Dataset<Row> df, String column) {
        DataType t = field(df, column).dataType();
        if (t instanceof NumericType) {
            return true;
        }
        if (t.equals(DataTypes.StringType)) {
            return false;
        }
        throw new IllegalArgumentException("column '" + column + "' has Spark type " + t.simpleString()
                + (t instanceof BooleanType ? "; cast it to int" : "")
                + "; a label column must hold integers, whole numbers or strings");
    }

    /**
     * Checks the types of the label columns (and of the weight column, when not null) without reading the data:
     * both label columns hold numbers or both hold strings, and weights are numbers.
     *
     * @return whether the labels are numbers (read as integers) rather than strings
     */
    public static boolean checkedLabelTypes(Dataset<Row> df, String labelColumn, String predictionColumn,
            String weightColumn) {
        boolean numeric = numericLabels(df, labelColumn);
        if (numeric != numericLabels(df, predictionColumn)) {
            throw new IllegalArgumentException("Labels in y_true and y_pred should be of the same type. Got column '"
                    + labelColumn + "' of Spark type " + field(df, labelColumn).dataType().simpleString()
                    + " and column '" + predictionColumn + "' of Spark type "
                    + field(df, predictionColumn).dataType().simpleString());
        }
        if (weightColumn != null) {
            DataType w = field(df, weightColumn).dataType();
            if (!(w instanceof NumericType)) {
                throw new IllegalArgumentException("column '" + weightColumn + "' has Spark type " + w.simpleString()
                        + "; sample weights must be numbers");
            }
        }
        return numeric;
    }

    /**
     * The label columns (and the weight column, when not null) selected and typed for counting, without reading
     * the data: numeric labels become {@code long}, weights {@code double}. Callers apply the data rules
     * ({@link #requireLabelRules}, or {@link #requireNoNulls} for string labels) before counting.
     */
    public static Dataset<Row> typedLabelColumns(Dataset<Row> df, String labelColumn, String predictionColumn,
            String weightColumn, boolean numeric) {
        List<Column> typed = new ArrayList<>();
        typed.add(numeric ? col(labelColumn).cast(DataTypes.LongType).as(labelColumn) : col(labelColumn));
        typed.add(numeric ? col(predictionColumn).cast(DataTypes.LongType).as(predictionColumn)
                : col(predictionColumn));
        if (weightColumn != null) {
            typed.add(col(weightColumn).cast(DataTypes.DoubleType).as(weightColumn));
        }
        return df.select(typed.toArray(new Column[0]));
    }

    /**
     * The whole-number rule of a floating-point label, as Spark ML writes labels (0.0, 1.0, ...): {@code v} equals
     * {@code floor(v)} taken as a {@code long} (Spark's {@code floor} of a double), so NaN, infinities and values
     * beyond the 64-bit range are not whole numbers; a whole number is read as {@code (long) v}.
     */
    public static boolean isWholeNumber(double v) {
        return (double) (long) v == v; // for whole v, (long) v is floor(v); both saturate alike beyond 2^63
    }

    /** The whole-number rule of a decimal label: no fractional digits. */
    public static boolean isWholeDecimal(BigDecimal v) {
        return v.signum() == 0 || v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0;
    }

    /** A decimal label as a {@code long}, or null when it is not a whole number or lies beyond the 64-bit range. */
    public static Long wholeNumber(BigDecimal v) {
        if (!isWholeDecimal(v)) {
            return null;
        }
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * Refuses label data that broke a rule, with the first broken rule's message, in this order: nulls in any
     * scored column (the count of null rows: they are never dropped silently), then label values that are not
     * whole numbers, then whole labels beyond the 64-bit range.
     *
     * @param columns the scored columns: label, prediction, then the weight column if any
     * @param nulls the count of null values in each of {@code columns}
     * @param fractional the count of values that are not whole numbers in the label and the prediction column
     * @param outOfRange the count of whole values beyond the 64-bit range in the label and the prediction column
     */
    public static void requireLabelRules(List<String> columns, long[] nulls, long[] fractional, long[] outOfRange) {
        for (int i = 0; i < columns.size(); i++) {
            requireNoNulls(columns.get(i), nulls[i]);
        }
        for (int i = 0; i < 2; i++) {
            if (fractional[i] > 0) {
                throw new IllegalArgumentException("column '" + columns.get(i) + "' holds " + fractional[i]
                        + " values that are not whole numbers; labels must be integers, whole numbers or strings");
            }
        }
        for (int i = 0; i < 2; i++) {
            if (outOfRange[i] > 0) {
                throw new IllegalArgumentException("column '" + columns.get(i) + "' holds " + outOfRange[i]
                        + " whole numbers beyond the 64-bit integer range; labels must be integers, whole numbers "
                        + "or strings");
            }
        }
    }

    private static void requireNoNulls(String column, long nulls) {
        if (nulls > 0) {
            throw new IllegalArgumentException("column '" + column + "' holds " + nulls + " null "
                    + (nulls == 1 ? "value" : "values") + "; drop or fill them before scoring");
        }
    }

    /** Refuses a column that is not an array of integers or whole numbers; returns its element type. */
    public static DataType arrayElement(Dataset<Row> df, String column, String expected) {
        DataType t = field(df, column).dataType();
        if (t instanceof ArrayType) {
            DataType e = ((ArrayType) t).elementType();
            if (e instanceof NumericType) {
                return e;
            }
        }
        throw new IllegalArgumentException("column '" + column + "' has Spark type " + t.simpleString()
                + "; expected " + expected);
    }

    /** Refuses nulls in the given columns (one pass), with the count of null rows per column. */
    public static void requireNoNulls(Dataset<Row> df, String... columns) {
        List<Column> checks = new ArrayList<>();
        for (String c : columns) {
            field(df, c);
            checks.add(count(when(col(c).isNull(), 1)));
        }
        Row counts = df.agg(checks.get(0), checks.subList(1, checks.size()).toArray(new Column[0])).first();
        for (int i = 0; i < columns.length; i++) {
            requireNoNulls(columns[i], counts.getLong(i));
        }
    }

    /** An integer label given as text (a param), e.g. "2" or "2.0"; anything else names the param. */
    public static long integerLabel(String text, String param) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(text.trim());
                if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                    return (long) d;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
            throw new IllegalArgumentException(param + " '" + text + "' is not an integer, but the label column "
                    + "holds numbers");
        }
    }
}
