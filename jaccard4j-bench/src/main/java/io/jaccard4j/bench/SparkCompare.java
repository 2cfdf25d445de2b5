package io.jaccard4j.bench;

import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.spark.ml.JaccardEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * jaccard4j's {@link JaccardEvaluator} (macro Jaccard) against MLlib on one cached DataFrame of {@code rows}
 * (label, prediction) pairs of 21 classes (90 % right), Spark ML's double columns, at each master given:
 * {@code MulticlassClassificationEvaluator(metricName = "f1")} and {@code MulticlassMetrics.confusionMatrix}.
 * After one warm-up run of each, 5 rounds each time the three one after the other in the same JVM (so that a
 * change of load on a shared machine hits all three alike); the table gives each one's median time, rows/s, the
 * MLlib figure's median over the evaluator's median and, as "rounds", the median over the rounds of the ratio within
 * a round, which a loaded machine moves least. Before timing, the evaluator's macro Jaccard is checked against the one
 * computed from MLlib's confusion matrix (the same counts must give the same score).
 *
 * <pre>
 *   java [Spark's --add-opens] -cp "jaccard4j-bench/target/classes:jaccard4j-spark/target/jaccard4j-spark-*-job.jar:jaccard4j-spark/target/spark-home/jars/*" \
 *       io.jaccard4j.bench.SparkCompare [rows=20000000] [masters=local[1],local[2]]
 * </pre>
 */
public final class SparkCompare {
    /** Timed rounds; each round times the three contenders one after the other. */
    private static final int ROUNDS = 5;

    private SparkCompare() {
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        List<String> masters = List.of((args.length > 1 ? args[1] : "local[1],local[2]").split(","));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "| master | rows | %s | %s | %s |", "JaccardEvaluator (macro J)",
                "MulticlassClassificationEvaluator(f1)", "MulticlassMetrics.confusionMatrix"));
        lines.add("|---|---:|---:|---:|---:|");
        for (String master : masters) {
            SparkSession spark = SparkSession.builder().master(master).appName("jaccard4j-vs-mllib")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            try {
                lines.add(run(spark, master, rows));
            } finally {
                spark.stop();
            }
        }
        lines.forEach(System.out::println);
    }

    private static String run(SparkSession spark, String master, long rows) {
        Dataset<Row> df = spark.range(rows)
                .withColumn("y", functions.pmod(functions.col("id").multiply(2654435761L), functions.lit(21)))
                .withColumn("p", functions.when(functions.pmod(functions.col("id"), functions.lit(10)).equalTo(0),
                        functions.pmod(functions.col("id"), functions.lit(21))).otherwise(functions.col("y")))
                .select(functions.col("y").cast(DataTypes.DoubleType).as("label"),
                        functions.col("p").cast(DataTypes.DoubleType).as("prediction"))
                .cache();
        df.count();
        JaccardEvaluator jaccard = new JaccardEvaluator();
        jaccard.setAverage("macro");
        MulticlassClassificationEvaluator f1 = new MulticlassClassificationEvaluator().setMetricName("f1");
        DoubleSupplier confusion = () -> new MulticlassMetrics(df.select("prediction", "label"))
                .confusionMatrix().apply(0, 0);

        ScoreResult ours = jaccard.result(df);
        org.apache.spark.mllib.linalg.Matrix m = new MulticlassMetrics(df.select("prediction", "label"))
                .confusionMatrix();
        double sum = 0;
        for (int k = 0; k < m.numRows(); k++) {
            double tp = m.apply(k, k);
            double rowSum = 0;
            double colSum = 0;
            for (int j = 0; j < m.numCols(); j++) {
                rowSum += m.apply(k, j);
                colSum += m.apply(j, k);
            }
            sum += tp / (rowSum + colSum - tp);
        }
        double fromMllib = sum / m.numRows();
        if (Math.abs(fromMllib - ours.score()) > 1e-12) {
            throw new IllegalStateException("macro Jaccard " + ours.score() + " but MLlib's counts give " + fromMllib);
        }
        List<DoubleSupplier> runs = List.of(() -> jaccard.evaluate(df), () -> f1.evaluate(df), confusion);
        double[][] t = new double[runs.size()][ROUNDS];
        for (DoubleSupplier run : runs) {
            run.getAsDouble(); // warm-up
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < runs.size(); k++) {
                long s = System.nanoTime();
                runs.get(k).getAsDouble();
                t[k][round] = (System.nanoTime() - s) / 1e9;
            }
        }
        df.unpersist();
        double a = median(t[0]);
        double b = median(t[1]);
        double c = median(t[2]);
        double[] rb = new double[ROUNDS];
        double[] rc = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            rb[round] = t[1][round] / t[0][round];
            rc[round] = t[2][round] / t[0][round];
        }
        return String.format(Locale.ROOT, "| %s | %.0e | %.3f s (%.1f M rows/s) | %.3f s (%.1f M rows/s; %.2f×, "
                + "rounds %.2f×) | %.3f s (%.1f M rows/s; %.2f×, rounds %.2f×) |", master, (double) rows, a,
                rows / a / 1e6, b, rows / b / 1e6, b / a, median(rb), c, rows / c / 1e6, c / a, median(rc));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
