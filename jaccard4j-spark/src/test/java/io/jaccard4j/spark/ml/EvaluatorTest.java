package io.jaccard4j.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML evaluators give core's score of the same data, inside Spark's tuning, and survive save/load. */
class EvaluatorTest {
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("jaccard4j-evaluators")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static ScoreOptions options(Metric m, Average a) {
        return ScoreOptions.builder().metric(m).average(a).build();
    }

    /** Three overlapping Gaussian blobs in 2-D: a small multiclass problem that a linear model gets partly wrong. */
    private static Dataset<Row> blobs(int n, long seed) {
        Random r = new Random(seed);
        double[][] centres = {{0, 0}, {2, 0.5}, {1, 2}};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            rows.add(RowFactory.create((double) c, Vectors.dense(centres[c][0] + r.nextGaussian(),
                    centres[c][1] + r.nextGaussian())));
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("raw", new VectorUDT());
        return spark.createDataFrame(rows, schema);
    }

    private static long[] longs(List<Row> rows, String column) {
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) rows.get(i).getDouble(rows.get(i).fieldIndex(column));
        }
        return out;
    }

    @Test
    void crossValidatorPicksByMacroJaccardAndTheScoreIsCores() {
        Dataset<Row> data = blobs(240, 7).cache();
        StandardScaler scaler = new StandardScaler().setInputCol("raw").setOutputCol("features");
        LogisticRegression lr = new LogisticRegression().setMaxIter(30);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {scaler, lr});
        ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), new double[] {0.0, 0.3, 3.0}).build();
        JaccardEvaluator evaluator = new JaccardEvaluator();
        evaluator.setAverage("macro");
        CrossValidator cv = new CrossValidator().setEstimator(pipeline).setEvaluator(evaluator)
                .setEstimatorParamMaps(grid).setNumFolds(3).setSeed(11);
        CrossValidatorModel model = cv.fit(data);

        // the chosen model is the grid point of the largest mean fold score (isLargerBetter)
        double[] means = model.avgMetrics();
        int best = 0;
        for (int i = 1; i < means.length; i++) {
            best = means[i] > means[best] ? i : best;
        }
        LogisticRegressionModel chosen = (LogisticRegressionModel) ((PipelineModel) model.bestModel()).stages()[1];
        assertEquals((double) grid[best].apply(lr.regParam()), chosen.getRegParam());

        Dataset<Row> predicted = model.bestModel().transform(data);
        List<Row> rows = predicted.select("label", "prediction").collectAsList();
        double expected = Scorer.score(LabelVector.of(longs(rows, "label")), LabelVector.of(longs(rows, "prediction")),
                null, options(Metric.JACCARD, Average.MACRO)).score();
        assertEquals(expected, evaluator.evaluate(predicted));
        assertTrue(expected > 0.2 && expected < 1.0, "a partly right model: " + expected);
    }

    @Test
    void everyMetricAndAverageOfIntStringAndWeightedColumnsIsCores() {
        Random r = new Random(3);
        int n = 700;
        long[] t = new long[n];
        long[] p = new long[n];
        String[] ts = new String[n];
        String[] ps = new String[n];
        double[] w = new double[n];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(4);
            p[i] = r.nextInt(3) == 0 ? r.nextInt(5) : t[i];
            ts[i] = "c" + t[i];
            ps[i] = "c" + p[i];
            w[i] = r.nextInt(4) == 0 ? 0.0 : 0.25 + r.nextDouble();
            rows.add(RowFactory.create((int) t[i], (int) p[i], ts[i], ps[i], w[i]));
        }
        StructType schema = new StructType().add("ti", DataTypes.IntegerType).add("pi", DataTypes.IntegerType)
                .add("ts", DataTypes.StringType).add("ps", DataTypes.StringType).add("w", DataTypes.DoubleType);
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
        for (Metric m : Metric.values()) {
            for (Average a : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED)) {
                ScoreOptions o = options(m, a);
                JaccardEvaluator e = new JaccardEvaluator();
                e.setMetricName(m.id()).setAverage(a.id()).setLabelCol("ti").setPredictionCol("pi");
                assertEquals(Scorer.score(LabelVector.of(t), LabelVector.of(p), null, o).score(), e.evaluate(df),
                        m + " " + a);
                e.setLabelCol("ts").setPredictionCol("ps").setWeightCol("w");
                assertEquals(Scorer.score(LabelVector.of(ts), LabelVector.of(ps), w, o).score(), e.evaluate(df),
                        m + " " + a + " weighted strings");
            }
        }
        JaccardEvaluator binary = new JaccardEvaluator();
        binary.setAverage("binary").setPosLabel("c1").setLabelCol("ts").setPredictionCol("ps");
        Dataset<Row> two = df.filter("ts in ('c0','c1') and ps in ('c0','c1')");
        List<Row> kept = two.collectAsList();
        String[] bt = kept.stream().map(x -> x.getString(2)).toArray(String[]::new);
        String[] bp = kept.stream().map(x -> x.getString(3)).toArray(String[]::new);
        assertEquals(Scorer.score(LabelVector.of(bt), LabelVector.of(bp), null, ScoreOptions.builder()
                .average(Average.BINARY).posLabel("c1").build()).score(), binary.evaluate(two));
    }

    @Test
    void multilabelLabelIdsAndIndicatorsAreCoresIndicatorScores() {
        Random r = new Random(5);
        int n = 300;
        int labels = 5;
        int[][] t = new int[n][labels];
        int[][] p = new int[n][labels];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Double> tid = new ArrayList<>();
            List<Double> pid = new ArrayList<>();
            for (int j = 0; j < labels; j++) {
                t[i][j] = r.nextInt(3) == 0 ? 1 : 0;
                p[i][j] = r.nextInt(4) == 0 ? 1 - t[i][j] : t[i][j];
                if (t[i][j] == 1) {
                    tid.add((double) j);
                }
                if (p[i][j] == 1) {
                    pid.add((double) j);
                }
            }
            rows.add(RowFactory.create(tid.toArray(new Double[0]), pid.toArray(new Double[0]),
                    Arrays.stream(t[i]).boxed().toArray(Integer[]::new), Arrays.stream(p[i]).boxed().toArray(Integer[]::new)));
        }
        StructType schema = new StructType()
                .add("label", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("prediction", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("ti", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("pi", DataTypes.createArrayType(DataTypes.IntegerType));
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2);
        for (Average a : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED, Average.SAMPLES)) {
            double expected = Scorer.score(IndicatorMatrix.of(t), IndicatorMatrix.of(p), null,
                    options(Metric.JACCARD, a)).score();
            MultilabelJaccardEvaluator ids = new MultilabelJaccardEvaluator();
            ids.setNumLabels(labels).setAverage(a.id());
            assertEquals(expected, ids.evaluate(df), "label ids " + a);
            MultilabelJaccardEvaluator ind = new MultilabelJaccardEvaluator();
            ind.setArrayContent("indicators").setAverage(a.id()).setLabelCol("ti").setPredictionCol("pi");
            assertEquals(expected, ind.evaluate(df), "indicators " + a);
        }
    }

    @Test
    void segmentationDatasetAndPerImageMeanIoUAreCores() {
        Random r = new Random(9);
        List<Row> rows = new ArrayList<>();
        SegmentationIoU local = SegmentationIoU.withIgnoreIndex(4, 255);
        for (int img = 0; img < 12; img++) {
            int[] t = new int[64];
            int[] p = new int[64];
            for (int i = 0; i < 64; i++) {
                t[i] = r.nextInt(10) == 0 ? 255 : r.nextInt(img % 2 == 0 ? 4 : 2);
                p[i] = r.nextInt(4) == 0 ? r.nextInt(4) : (t[i] == 255 ? 0 : t[i]);
            }
            local.update(t, p);
            rows.add(RowFactory.create(Arrays.stream(t).boxed().toArray(Integer[]::new),
                    Arrays.stream(p).boxed().toArray(Integer[]::new)));
        }
        StructType schema = new StructType().add("label", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("prediction", DataTypes.createArrayType(DataTypes.IntegerType));
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
        SegmentationEvaluator e = new SegmentationEvaluator();
        e.setIgnoreIndex(255);
        assertEquals(Scorer.score(local.confusion(), LabelEncoder.range(4), options(Metric.JACCARD, Average.MACRO))
                .score(), e.evaluate(df));
        e.setPerImage(true);
        assertEquals(local.perImageMeanIoU(), e.evaluate(df));
    }

    @Test
    void eachEvaluatorSavesAndLoadsWithItsParams() throws Exception {
        JaccardEvaluator j = new JaccardEvaluator();
        j.setMetricName("f1").setAverage("weighted").setLabelCol("y").setPredictionCol("yhat").setWeightCol("w")
                .setLabels("0", "2").setPosLabel("2").setZeroDivision("1").setIgnoreIndex(7);
        MultilabelJaccardEvaluator m = new MultilabelJaccardEvaluator();
        m.setArrayContent("indicators").setNumLabels(9).setAverage("samples");
        SegmentationEvaluator s = new SegmentationEvaluator();
        s.setPerImage(true).setIgnoreIndex(255);
        j.write().save(dir.resolve("j").toString());
        m.write().save(dir.resolve("m").toString());
        s.write().save(dir.resolve("s").toString());
        assertSameParams(j, JaccardEvaluator.load(dir.resolve("j").toString()));
        assertSameParams(m, MultilabelJaccardEvaluator.load(dir.resolve("m").toString()));
        assertSameParams(s, SegmentationEvaluator.load(dir.resolve("s").toString()));
    }

    private static void assertSameParams(Evaluator saved, Evaluator loaded) {
        assertEquals(saved.getClass(), loaded.getClass());
        assertEquals(saved.uid(), loaded.uid());
        ParamMap a = saved.extractParamMap();
        ParamMap b = loaded.extractParamMap();
        assertEquals(a.size(), b.size());
        for (org.apache.spark.ml.param.ParamPair<?> pair : a.toList()) {
            Object x = pair.value();
            Object y = b.apply(loaded.getParam(pair.param().name()));
            if (x instanceof String[]) {
                assertEquals(Arrays.asList((String[]) x), Arrays.asList((String[]) y), pair.param().name());
            } else {
                assertEquals(x, y, pair.param().name());
            }
        }
    }

    @Test
    void badInputIsOneSentenceNamingTheColumn() {
        StructType schema = new StructType().add("label", DataTypes.DoubleType, true)
                .add("prediction", DataTypes.DoubleType, true).add("flag", DataTypes.BooleanType, true)
                .add("frac", DataTypes.DoubleType, true);
        List<Row> rows = List.of(RowFactory.create(1.0, 1.0, true, 0.5), RowFactory.create(null, 0.0, false, 1.0),
                RowFactory.create(null, 1.0, true, 2.0));
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        JaccardEvaluator e = new JaccardEvaluator();
        assertEquals("column 'label' holds 2 null values; drop or fill them before scoring",
                assertThrows(IllegalArgumentException.class, () -> e.evaluate(df)).getMessage());
        e.setLabelCol("nope");
        assertEquals("column 'nope' does not exist; the dataset has columns [label, prediction, flag, frac]",
                assertThrows(IllegalArgumentException.class, () -> e.evaluate(df)).getMessage());
        e.setLabelCol("flag");
        assertEquals("column 'flag' has Spark type boolean; cast it to int; a label column must hold integers, "
                + "whole numbers or strings", assertThrows(IllegalArgumentException.class, () -> e.evaluate(df))
                .getMessage());
        e.setLabelCol("frac");
        assertEquals("column 'frac' holds 1 values that are not whole numbers; labels must be integers, whole "
                + "numbers or strings", assertThrows(IllegalArgumentException.class, () -> e.evaluate(df))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.setAverage("none"));
        assertThrows(IllegalArgumentException.class, () -> e.setMetricName("accuracy"));
    }
}
