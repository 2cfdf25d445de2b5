package io.jaccard4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.ZeroDivision;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark scores equal core's on the same data, whatever the partitioning. */
class SparkScorerTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("jaccard4j-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> labels(long[] t, long[] p, double[] w) {
        StructType schema = new StructType().add("y", DataTypes.LongType, true).add("p", DataTypes.LongType, true)
                .add("w", DataTypes.DoubleType, true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            rows.add(RowFactory.create(t[i], p[i], w == null ? 1.0 : w[i]));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static void assertSame(ScoreResult expected, ScoreResult actual, double tol, String what) {
        if (Double.isNaN(expected.score())) {
            assertTrue(Double.isNaN(actual.score()), what);
        } else {
            assertEquals(expected.score(), actual.score(), tol, what);
        }
        assertArrayEquals(expected.perLabel(), actual.perLabel(), tol, what);
        assertEquals(expected.labels(), actual.labels(), what);
        assertEquals(expected.illDefined(), actual.illDefined(), what);
    }

    @Test
    void labelScoresEqualCoreForEveryAverageAndPartitioning() {
        Random r = new Random(11);
        int n = 3000;
        long[] t = new long[n];
        long[] p = new long[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(5) * 2 - 3;
            p[i] = r.nextInt(4) == 0 ? r.nextInt(6) * 2 - 3 : t[i];
            w[i] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble() * 3;
        }
        Dataset<Row> df = labels(t, p, w).cache();
        for (Average avg : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED, Average.NONE)) {
            for (Metric m : Metric.values()) {
                ScoreOptions o = ScoreOptions.builder().metric(m).average(avg).zeroDivision(ZeroDivision.ONE)
                        .labels(avg == Average.MACRO ? List.of(1L, -3L, 99L) : null).build();
                ScoreResult core = Scorer.score(LabelVector.of(t), LabelVector.of(p), null, o);
                ScoreResult coreW = Scorer.score(LabelVector.of(t), LabelVector.of(p), w, o);
                for (int parts : new int[] {1, 2, 7}) {
                    Dataset<Row> d = df.repartition(parts);
                    assertSame(core, SparkScorer.scoreLabels(d, "y", "p", null, null, o), 0.0,
                            m + " " + avg + " parts=" + parts);
                    assertSame(coreW, SparkScorer.scoreLabels(d, "y", "p", "w", null, o), 0.0,
                            "weighted " + m + " " + avg + " parts=" + parts);
                }
            }
        }
    }

    @Test
    void stringLabelsBinaryAverageAndIgnoreIndex() {
        String[] t = {"cat", "dog", "cat", "cat", "dog", "cat"};
        String[] p = {"cat", "cat", "cat", "dog", "dog", "cat"};
        StructType schema = new StructType().add("y", DataTypes.StringType).add("p", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            rows.add(RowFactory.create(t[i], p[i]));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
        ScoreOptions o = ScoreOptions.builder().posLabel("dog").build();
        assertSame(Scorer.score(LabelVector.of(t), LabelVector.of(p), null, o),
                SparkScorer.scoreLabels(df, "y", "p", null, null, o), 0.0, "binary strings");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.scoreLabels(df, "y", "p", null, null, ScoreOptions.defaults()));
        assertTrue(e.getMessage().contains("pos_label=1 is not a valid label"), e.getMessage());

        long[] ti = {0, 1, 255, 2, 255, 1};
        long[] pi = {0, 2, 1, 2, 0, 1};
        ScoreOptions macro = ScoreOptions.builder().average(Average.MACRO).build();
        ScoreResult core = Scorer.score(LabelVector.of(new long[] {0, 1, 2, 1}), LabelVector.of(new long[] {0, 2, 2, 1}),
                null, macro);
        assertSame(core, SparkScorer.scoreLabels(labels(ti, pi, null), "y", "p", null, 255L, macro), 0.0, "ignore");
    }

    @Test
    void multilabelAndSamplesEqualCore() {
        Random r = new Random(5);
        int n = 400;
        int l = 4;
        byte[] t = new byte[n * l];
        byte[] p = new byte[n * l];
        StructType schema = new StructType().add("y", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("p", DataTypes.createArrayType(DataTypes.IntegerType)).add("w", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            Integer[] a = new Integer[l];
            Integer[] b = new Integer[l];
            for (int j = 0; j < l; j++) {
                t[i * l + j] = (byte) (r.nextInt(3) == 0 ? 1 : 0);
                p[i * l + j] = (byte) (r.nextInt(3) == 0 ? 1 : 0);
                a[j] = (int) t[i * l + j];
                b[j] = (int) p[i * l + j];
            }
            w[i] = r.nextDouble();
            rows.add(RowFactory.create(Arrays.asList(a), Arrays.asList(b), w[i]));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(5).cache();
        IndicatorMatrix ti = IndicatorMatrix.of(t, n, l);
        IndicatorMatrix pi = IndicatorMatrix.of(p, n, l);
        for (Average avg : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED, Average.SAMPLES, Average.NONE)) {
            ScoreOptions o = ScoreOptions.builder().average(avg).metric(Metric.F1)
                    .labels(avg == Average.SAMPLES ? List.of(2L, 0L) : null).build();
            assertSame(Scorer.score(ti, pi, null, o), SparkScorer.scoreMultilabel(df, "y", "p", null, o), 0.0,
                    "multilabel " + avg);
            assertSame(Scorer.score(ti, pi, w, o), SparkScorer.scoreMultilabel(df, "y", "p", "w", o), 0.0,
                    "weighted multilabel " + avg);
        }
    }

    @Test
    void masksEqualCoreWithEmptyAndSkewedPartitions() {
        Random r = new Random(8);
        StructType schema = new StructType().add("t", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("p", DataTypes.createArrayType(DataTypes.IntegerType));
        List<Row> rows = new ArrayList<>();
        SegmentationIoU expected = SegmentationIoU.withIgnoreIndex(6, 255);
        for (int k = 0; k < 9; k++) {
            int pixels = k == 0 ? 2000 : 30; // one large image: a skewed partition
            int[] t = new int[pixels];
            int[] p = new int[pixels];
            Integer[] a = new Integer[pixels];
            Integer[] b = new Integer[pixels];
            for (int i = 0; i < pixels; i++) {
                t[i] = r.nextInt(12) == 0 ? 255 : r.nextInt(k == 3 ? 6 : 4);
                p[i] = r.nextInt(5) == 0 ? r.nextInt(6) : (t[i] == 255 ? 0 : t[i]);
                a[i] = t[i];
                b[i] = p[i];
            }
            expected.update(t, p);
            rows.add(RowFactory.create(Arrays.asList(a), Arrays.asList(b)));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(16); // more partitions than rows
        ScoreRequest dataset = ScoreRequest.builder().ignoreIndex(255L).build();
        assertArrayEquals(expected.confusion().toMatrix(),
                SparkScorer.accumulateMasks(df, null, "t", "p", dataset).confusion().toMatrix());
        SegmentationIoU got = SparkScorer.perImageState(df, null, "t", "p",
                ScoreRequest.builder().ignoreIndex(255L).perImage(true).build());
        assertEquals(expected.numClasses(), got.numClasses());
        assertArrayEquals(expected.confusion().toMatrix(), got.confusion().toMatrix());
        assertEquals(expected.datasetMeanIoU(), got.datasetMeanIoU(), 0.0);
        assertEquals(expected.perImageMeanIoU(), got.perImageMeanIoU(), 1e-12);
        assertEquals(9, got.images());
    }

    @Test
    void badRowsAreReportedClearly() {
        StructType schema = new StructType().add("y", DataTypes.LongType, true).add("p", DataTypes.LongType, true);
        Dataset<Row> nulls = spark.createDataFrame(List.of(RowFactory.create(1L, 0L), RowFactory.create(null, 1L)),
                schema);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.scoreLabels(nulls, "y", "p", null, null, ScoreOptions.defaults()));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SparkScorer.scoreLabels(nulls, "y", "nope", null, null, ScoreOptions.defaults()));

        StructType arrays = new StructType().add("y", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("p", DataTypes.createArrayType(DataTypes.IntegerType));
        Dataset<Row> ragged = spark.createDataFrame(List.of(RowFactory.create(List.of(1, 0), List.of(1, 0)),
                RowFactory.create(List.of(1, 0, 1), List.of(0, 0, 1))), arrays);
        Exception ex = assertThrows(Exception.class, () -> SparkScorer.scoreMultilabel(ragged, "y", "p", null,
                ScoreOptions.builder().average(Average.MICRO).build()));
        assertTrue(rootMessage(ex).contains("indicator array of length 3, expected 2"), rootMessage(ex));
        Dataset<Row> negative = spark.createDataFrame(List.of(RowFactory.create(List.of(1, -4), List.of(1, 0))),
                arrays);
        Exception neg = assertThrows(Exception.class, () -> SparkScorer.scoreMasks(negative, null, "y", "p",
                ScoreRequest.defaults()));
        assertTrue(rootMessage(neg).contains("negative class index -4"), rootMessage(neg));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof SparkException || t.getMessage() == null
                || !t.getMessage().contains(" "))) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
