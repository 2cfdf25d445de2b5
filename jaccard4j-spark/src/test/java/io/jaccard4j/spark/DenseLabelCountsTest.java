package io.jaccard4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-pass label count ({@link DenseLabelCounts} inside {@link SparkScorer#scoreLabels}) gives core's result to
 * the bit, read from a cached table's columnar batches as from rows, for every numeric label type, with and without
 * weights and the ignore index, for labels within the dense frame, below it (a second, re-framed pass) and too far
 * apart for it (the encoder); and it refuses broken rows with the rules' messages and exact counts.
 */
class DenseLabelCountsTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("jaccard4j-dense-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A label of a Spark numeric type holding {@code v}. */
    private static Object typed(DataType type, long v) {
        if (type.equals(DataTypes.DoubleType)) {
            return (double) v;
        }
        if (type.equals(DataTypes.FloatType)) {
            return (float) v;
        }
        if (type.equals(DataTypes.IntegerType)) {
            return (int) v;
        }
        if (type.equals(DataTypes.ShortType)) {
            return (short) v;
        }
        if (type.equals(DataTypes.LongType)) {
            return v;
        }
        return BigDecimal.valueOf(v).setScale(2);
    }

    private static Dataset<Row> frame(DataType type, long[] t, long[] p, double[] w, int slices) {
        StructType schema = new StructType().add("y", type, true).add("p", type, true)
                .add("w", DataTypes.DoubleType, true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            rows.add(RowFactory.create(typed(type, t[i]), typed(type, p[i]), w[i]));
        }
        return spark.createDataFrame(rows, schema).repartition(slices);
    }

    private static void assertBits(ScoreResult expected, ScoreResult actual, String what) {
        assertEquals(Double.doubleToLongBits(expected.score()), Double.doubleToLongBits(actual.score()), what);
        assertArrayEquals(expected.perLabel(), actual.perLabel(), 0.0, what);
        assertEquals(expected.labels(), actual.labels(), what);
        assertEquals(expected.illDefined(), actual.illDefined(), what);
    }

    @Test
    void cachedBatchesAndRowsCountAsCore() {
        Random r = new Random(5);
        int n = 25_000; // several 8192-row chunks and cached batches per partition
        // within the frame 0..1023 (and growing), below it (re-framed at the smallest label), too wide (encoder)
        long[][] bases = {{0, 1}, {-7, 2}, {0, 3000}};
        for (long[] base : bases) {
            long[] t = new long[n];
            long[] p = new long[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                // small labels first, larger ones later: each partition's state grows on the way
                int classes = i < n / 2 ? 4 : 9;
                t[i] = base[0] + r.nextInt(classes) * base[1];
                p[i] = r.nextInt(5) == 0 ? base[0] + r.nextInt(classes) * base[1] : t[i];
                w[i] = r.nextInt(7) == 0 ? 0.0 : r.nextDouble() * 2;
            }
            long ignore = base[0] + base[1];
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (t[i] != ignore) {
                    kept.add(i);
                }
            }
            long[] ti = kept.stream().mapToLong(i -> t[i]).toArray();
            long[] pi = kept.stream().mapToLong(i -> p[i]).toArray();
            double[] wi = kept.stream().mapToDouble(i -> w[i]).toArray();
            ScoreOptions o = ScoreOptions.builder().metric(Metric.JACCARD).average(Average.MACRO).build();
            for (DataType type : List.of(DataTypes.DoubleType, DataTypes.FloatType, DataTypes.IntegerType,
                    DataTypes.ShortType, DataTypes.LongType, DataTypes.createDecimalType(12, 2))) {
                Dataset<Row> rows = frame(type, t, p, w, 3);
                Dataset<Row> cached = rows.cache();
                cached.count();
                String what = type.simpleString() + " labels from " + base[0] + " step " + base[1];
                // the cache hands out primitive columns as column vectors; decimal ones only as rows
                boolean vectors = !(type instanceof DecimalType);
                assertEquals(vectors, SparkScorer.columnarSource(cached.select("y", "p", "w")) != null, what);
                assertNull(SparkScorer.columnarSource(rows.repartition(2).select("y", "p")), what);
                for (Dataset<Row> d : List.of(cached, cached.repartition(2))) {
                    assertBits(Scorer.score(LabelVector.of(t), LabelVector.of(p), null, o),
                            SparkScorer.scoreLabels(d, "y", "p", null, null, o), what);
                    assertBits(Scorer.score(LabelVector.of(t), LabelVector.of(p), w, o),
                            SparkScorer.scoreLabels(d, "y", "p", "w", null, o), "weighted " + what);
                    assertBits(Scorer.score(LabelVector.of(ti), LabelVector.of(pi), wi, o),
                            SparkScorer.scoreLabels(d, "y", "p", "w", ignore, o), "ignore, weighted " + what);
                }
                cached.unpersist();
            }
        }
    }

    @Test
    void brokenRowsAreCountedInTheSamePassAndRefused() {
        StructType schema = new StructType().add("y", DataTypes.DoubleType, true)
                .add("p", DataTypes.DoubleType, true).add("w", DataTypes.DoubleType, true);
        Double[] y = {1.0, 0.5, Double.NaN, 2.0, Double.POSITIVE_INFINITY, 1e300, 3.0, -0.0, 4.0};
        Double[] p = {1.0, 1.0, null, 2.0, 2.0, 0.0, null, 1.0, null};
        Double[] w = {1.0, null, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        long fractional = Arrays.stream(y).filter(v -> v != Math.floor(v) || Double.isInfinite(v) || v > 0x1p63)
                .count();
        long nullPredictions = Arrays.stream(p).filter(v -> v == null).count();
        for (boolean cache : new boolean[] {true, false}) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                rows.add(RowFactory.create(y[i], p[i], w[i]));
            }
            Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2);
            if (cache) {
                df = df.cache();
                df.count();
            }
            Dataset<Row> d = df;
            ScoreOptions o = ScoreOptions.defaults();
            // nulls first, in column order; then values that are not whole numbers
            assertEquals("column 'p' holds " + nullPredictions + " null values; drop or fill them before scoring",
                    assertThrows(IllegalArgumentException.class,
                            () -> SparkScorer.scoreLabels(d, "y", "p", "w", null, o)).getMessage());
            assertEquals("column 'w' holds 1 null value; drop or fill them before scoring",
                    assertThrows(IllegalArgumentException.class,
                            () -> SparkScorer.scoreLabels(d, "y", "y", "w", null, o)).getMessage());
            assertEquals("column 'y' holds " + fractional + " values that are not whole numbers; labels must be "
                    + "integers, whole numbers or strings", assertThrows(IllegalArgumentException.class,
                            () -> SparkScorer.scoreLabels(d, "y", "y", null, null, o)).getMessage());
        }
        StructType decimals = new StructType().add("y", DataTypes.createDecimalType(38, 1), true)
                .add("p", DataTypes.createDecimalType(38, 1), true);
        Dataset<Row> big = spark.createDataFrame(List.of(
                RowFactory.create(new BigDecimal("1.0"), new BigDecimal("1e30").setScale(1)),
                RowFactory.create(new BigDecimal("2.5"), new BigDecimal("2.0"))), decimals).cache();
        assertEquals("column 'y' holds 1 values that are not whole numbers; labels must be integers, whole numbers "
                + "or strings", assertThrows(IllegalArgumentException.class,
                        () -> SparkScorer.scoreLabels(big, "y", "p", null, null, ScoreOptions.defaults()))
                        .getMessage());
        assertEquals("column 'p' holds 1 whole numbers beyond the 64-bit integer range; labels must be integers, "
                + "whole numbers or strings", assertThrows(IllegalArgumentException.class,
                        () -> SparkScorer.scoreLabels(big, "p", "p", null, null, ScoreOptions.defaults()))
                        .getMessage());
    }
}
