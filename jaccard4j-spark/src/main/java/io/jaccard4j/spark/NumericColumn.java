package io.jaccard4j.spark;

import java.io.Serializable;
import java.math.BigDecimal;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * How one numeric Spark column is read into the counting buffers of {@link DenseLabelCounts}, straight from a
 * cached columnar batch or from Spark's internal rows, without boxing: a label becomes a {@code long} (a
 * floating-point or decimal label must pass {@link SparkColumns#isWholeNumber} / {@link SparkColumns#wholeNumber}),
 * a weight a {@code double} (as Spark's cast to double gives it). Null slots are not judged here: the caller counts
 * them ({@link ColumnVector#numNulls}, {@link InternalRow#isNullAt}) and a null refuses the whole input.
 */
final class NumericColumn implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The Spark numeric types, each read with its own getter. */
    enum Kind { BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL }

    /** Values that broke a label rule in one column: not whole numbers, or whole but beyond the 64-bit range. */
    static final class Tally implements Serializable {
        private static final long serialVersionUID = 1L;
        long nulls;
        long fractional;
        long outOfRange;

        void add(Tally o) {
            nulls += o.nulls;
            fractional += o.fractional;
            outOfRange += o.outOfRange;
        }

        boolean clean() {
            return nulls == 0 && fractional == 0 && outOfRange == 0;
        }
    }

    final Kind kind;
    private final int precision;
    private final int scale;

    private NumericColumn(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    /** The reader of a numeric Spark type. */
    static NumericColumn of(DataType t) {
        if (t instanceof ByteType) {
            return new NumericColumn(Kind.BYTE, 0, 0);
        }
        if (t instanceof ShortType) {
            return new NumericColumn(Kind.SHORT, 0, 0);
        }
        if (t instanceof IntegerType) {
            return new NumericColumn(Kind.INT, 0, 0);
        }
        if (t instanceof LongType) {
            return new NumericColumn(Kind.LONG, 0, 0);
        }
        if (t instanceof FloatType) {
            return new NumericColumn(Kind.FLOAT, 0, 0);
        }
        if (t instanceof DoubleType) {
            return new NumericColumn(Kind.DOUBLE, 0, 0);
        }
        if (t instanceof DecimalType) {
            DecimalType d = (DecimalType) t;
            return new NumericColumn(Kind.DECIMAL, d.precision(), d.scale());
        }
        throw new IllegalArgumentException("Spark type " + t.simpleString() + " is not a number");
    }

    /**
     * Reads {@code len} labels of column {@code column} from rows {@code from..} of a columnar batch into
     * {@code out[at..]}, adding the values that break the label rules to {@code tally} (a null slot may count among
     * them; nulls refuse the input anyway): longs, ints, doubles and floats straight from the vector in bulk, other
     * types through the batch's row view.
     */
    void readLabels(ColumnarBatch batch, int column, int from, int len, long[] out, int at, Tally tally) {
        ColumnVector v = batch.column(column);
        switch (kind) {
            case LONG:
                System.arraycopy(v.getLongs(from, len), 0, out, at, len);
                return;
            case INT: {
                int[] x = v.getInts(from, len);
                for (int i = 0; i < len; i++) {
                    out[at + i] = x[i];
                }
                return;
            }
            case DOUBLE:
                tally.fractional += wholeLabels(v.getDoubles(from, len), len, out, at);
                return;
            case FLOAT: {
                float[] x = v.getFloats(from, len);
                double[] d = new double[len];
                for (int i = 0; i < len; i++) {
                    d[i] = x[i];
                }
                tally.fractional += wholeLabels(d, len, out, at);
                return;
            }
            default:
                for (int i = 0; i < len; i++) {
                    InternalRow r = batch.getRow(from + i);
                    out[at + i] = r.isNullAt(column) ? 0 : readLabel(r, column, tally);
                }
        }
    }

    /** Floating-point labels as longs; returns how many are not whole numbers. */
    private static long wholeLabels(double[] x, int len, long[] out, int at) {
        long bad = 0;
        for (int i = 0; i < len; i++) {
            double d = x[i];
            out[at + i] = (long) d;
            bad += SparkColumns.isWholeNumber(d) ? 0 : 1;
        }
        return bad;
    }

    /** Reads the label in field {@code ordinal} of a row that is not null there. */
    long readLabel(InternalRow r, int ordinal, Tally tally) {
        switch (kind) {
            case LONG:
                return r.getLong(ordinal);
            case INT:
                return r.getInt(ordinal);
            case SHORT:
                return r.getShort(ordinal);
            case BYTE:
                return r.getByte(ordinal);
            case DOUBLE:
            case FLOAT: {
                double d = kind == Kind.DOUBLE ? r.getDouble(ordinal) : r.getFloat(ordinal);
                if (!SparkColumns.isWholeNumber(d)) {
                    tally.fractional++;
                }
                return (long) d;
            }
            default:
                return decimalLabel(r.getDecimal(ordinal, precision, scale).toJavaBigDecimal(), tally);
        }
    }

    private static long decimalLabel(BigDecimal d, Tally tally) {
        Long whole = SparkColumns.wholeNumber(d);
        if (whole == null) {
            if (SparkColumns.isWholeDecimal(d)) {
                tally.outOfRange++;
            } else {
                tally.fractional++;
            }
            return 0;
        }
        return whole;
    }

    /**
     * Reads {@code len} weights of column {@code column} from rows {@code from..} of a columnar batch into
     * {@code out[at..]}: doubles straight from the vector, other types through the batch's row view.
     */
    void readWeights(ColumnarBatch batch, int column, int from, int len, double[] out, int at) {
        if (kind == Kind.DOUBLE) {
            System.arraycopy(batch.column(column).getDoubles(from, len), 0, out, at, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            InternalRow r = batch.getRow(from + i);
            out[at + i] = r.isNullAt(column) ? 0 : readWeight(r, column);
        }
    }

    /** Reads the weight in field {@code ordinal} of a row that is not null there. */
    double readWeight(InternalRow r, int ordinal) {
        switch (kind) {
            case LONG:
                return r.getLong(ordinal);
            case INT:
                return r.getInt(ordinal);
            case SHORT:
                return r.getShort(ordinal);
            case BYTE:
                return r.getByte(ordinal);
            case FLOAT:
                return r.getFloat(ordinal);
            case DOUBLE:
                return r.getDouble(ordinal);
            default:
                return r.getDecimal(ordinal, precision, scale).toDouble();
        }
    }
}
