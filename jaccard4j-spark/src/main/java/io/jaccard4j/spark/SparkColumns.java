package io.jaccard4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

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
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The type rules for the Spark columns that jaccard4j scores, each checked before any counting so that bad input
 * fails with one sentence naming the column, not with an executor's stack trace:
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
     * The label columns (and the weight column, when not null) selected and typed for counting: numeric labels
     * become {@code long} (floating-point ones only when every value is a whole number), weights become
     * {@code double}. Nulls, fractional labels and a label/prediction type mismatch are refused, in one pass
     * over the data.
     */
    public static Dataset<Row> labelColumns(Dataset<Row> df, String labelColumn, String predictionColumn,
            String weightColumn) {
        return checkedLabelColumns(df, labelColumn, predictionColumn, weightColumn).data();
    }

    /**
     * Label columns checked and typed ({@link #labelColumns}), with the smallest and largest label of either
     * column when they are numbers, found in the same pass.
     *
     * @param data the typed columns
     * @param numeric whether the labels are integers
     * @param min the smallest label (numeric labels, at least one row), else 0
     * @param max the largest label (numeric labels, at least one row), else -1
     */
    public record LabelColumns(Dataset<Row> data, boolean numeric, long min, long max) {
    }

    /** {@link #labelColumns} with the label range. */
    public static LabelColumns checkedLabelColumns(Dataset<Row> df, String labelColumn, String predictionColumn,
            String weightColumn) {
        boolean numeric = numericLabels(df, labelColumn);
        if (numeric != numericLabels(df, predictionColumn)) {
            throw new IllegalArgumentException("Labels in y_true and y_pred should be of the same type. Got column '"
                    + labelColumn + "' of Spark type " + field(df, labelColumn).dataType().simpleString()
                    + " and column '" + predictionColumn + "' of Spark type "
                    + field(df, predictionColumn).dataType().simpleString());
        }
        List<String> columns = new ArrayList<>(List.of(labelColumn, predictionColumn));
        if (weightColumn != null) {
            DataType w = field(df, weightColumn).dataType();
            if (!(w instanceof NumericType)) {
                throw new IllegalArgumentException("column '" + weightColumn + "' has Spark type " + w.simpleString()
                        + "; sample weights must be numbers");
            }
            columns.add(weightColumn);
        }
        List<Column> checks = new ArrayList<>();
        for (String c : columns) {
            checks.add(count(when(col(c).isNull(), 1)));
        }
        List<String> fractional = new ArrayList<>();
        if (numeric) {
            for (String c : List.of(labelColumn, predictionColumn)) {
                if (isFractional(field(df, c).dataType())) {
                    fractional.add(c);
                    checks.add(count(when(isnan(col(c)).or(col(c).notEqual(floor(col(c)))), 1)));
                }
            }
        }
        int range = checks.size();
        if (numeric) {
            for (String c : List.of(labelColumn, predictionColumn)) {
                checks.add(min(col(c).cast(DataTypes.LongType)));
                checks.add(max(col(c).cast(DataTypes.LongType)));
            }
        }
        Row counts = df.agg(checks.get(0), checks.subList(1, checks.size()).toArray(new Column[0])).first();
        for (int i = 0; i < columns.size(); i++) {
            long nulls = counts.getLong(i);
            if (nulls > 0) {
                throw new IllegalArgumentException("column '" + columns.get(i) + "' holds " + nulls + " null "
                        + (nulls == 1 ? "value" : "values") + "; drop or fill them before scoring");
            }
        }
        for (int i = 0; i < fractional.size(); i++) {
            long bad = counts.getLong(columns.size() + i);
            if (bad > 0) {
                throw new IllegalArgumentException("column '" + fractional.get(i) + "' holds " + bad
                        + " values that are not whole numbers; labels must be integers, whole numbers or strings");
            }
        }
        List<Column> typed = new ArrayList<>();
        typed.add(numeric ? col(labelColumn).cast(DataTypes.LongType).as(labelColumn) : col(labelColumn));
        typed.add(numeric ? col(predictionColumn).cast(DataTypes.LongType).as(predictionColumn)
                : col(predictionColumn));
        if (weightColumn != null) {
            typed.add(col(weightColumn).cast(DataTypes.DoubleType).as(weightColumn));
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        if (numeric) {
            for (int i = range; i < range + 4; i += 2) {
                if (!counts.isNullAt(i)) {
                    lo = Math.min(lo, counts.getLong(i));
                    hi = Math.max(hi, counts.getLong(i + 1));
                }
            }
        }
        boolean any = lo <= hi;
        return new LabelColumns(df.select(typed.toArray(new Column[0])), numeric, any ? lo : 0, any ? hi : -1);
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
            long nulls = counts.getLong(i);
            if (nulls > 0) {
                throw new IllegalArgumentException("column '" + columns[i] + "' holds " + nulls + " null "
                        + (nulls == 1 ? "value" : "values") + "; drop or fill them before scoring");
            }
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

    private static boolean isFractional(DataType t) {
        return t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType) || t instanceof DecimalType;
    }
}
