package io.jaccard4j.spark;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Throughput of {@link SparkScorer#scoreLabels} on generated rows (21 classes, 90 % correct) at a given master,
 * median of 5 timed runs after a warm-up; the data are cached first so the figure is the scoring itself.
 * Not a test: run as
 * {@code java <spark --add-opens> -cp "jaccard4j-spark/target/test-classes:jaccard4j-spark/target/jaccard4j-spark-0.1.0-SNAPSHOT-job.jar:jaccard4j-spark/target/spark-home/jars/*" io.jaccard4j.spark.SparkThroughput local[2] 20000000}.
 * {@code io.jaccard4j.bench.SparkCompare} in jaccard4j-bench times the evaluator against MLlib.
 */
public final class SparkThroughput {
    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        SparkSession spark = SparkSession.builder().master(master).appName("throughput")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<Row> df = spark.range(rows)
                .withColumn("y", functions.pmod(functions.col("id").multiply(2654435761L), functions.lit(21)))
                .withColumn("p", functions.when(functions.pmod(functions.col("id"), functions.lit(10))
                        .equalTo(0), functions.pmod(functions.col("id"), functions.lit(21))).otherwise(functions.col("y")))
                .select("y", "p").cache();
        df.count();
        ScoreOptions o = ScoreOptions.builder().average(Average.MACRO).build();
        ScoreResult r = SparkScorer.scoreLabels(df, "y", "p", null, null, o);
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            r = SparkScorer.scoreLabels(df, "y", "p", null, null, o);
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        Arrays.sort(t);
        System.out.println(String.format(Locale.ROOT, "%s rows=%d partitions=%d median %.3f s = %.1f M rows/s (macro J %.6f)",
                master, rows, df.rdd().getNumPartitions(), t[2], rows / t[2] / 1e6, r.score()));
        spark.stop();
    }
}
