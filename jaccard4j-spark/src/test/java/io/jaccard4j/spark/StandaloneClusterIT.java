package io.jaccard4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.command.CommandErrors;
import io.jaccard4j.command.ScoreCommand;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.PngMask;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * jaccard4j-spark on a real standalone cluster: a Master and a Worker on 127.0.0.1 as separate OS processes
 * (bin/jaccard4j-spark-cluster), two executor JVMs launched by the Worker, the job jar shipped to them. The test
 * JVM is the driver. Every score equals core's score of the same data computed in one JVM (a submitted HD95 over
 * mask files included, its masks read and its per-image states computed by the executor JVMs), and a scoring job
 * that loses an executor JVM midway gives the same bits as an undisturbed run.
 */
class StandaloneClusterIT {
    static final Path WORK = Path.of("target", "it-cluster").toAbsolutePath();
    static StandaloneCluster cluster;
    static SparkSession spark;
    static Path masks;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        masks = WORK.resolve("masks");
        writeMasks(masks, 48, 96);
        // four cores: two for this JVM's application, two for the jobs submitted beside it
        cluster = StandaloneCluster.start(WORK.resolve("cluster"), 1, 4);
        try {
            spark = SparkSession.builder().master(cluster.masterUrl).appName("jaccard4j-it")
                    .config("spark.jars", StandaloneCluster.JOB_JAR.toAbsolutePath().toString())
                    .config("spark.executor.cores", "1").config("spark.cores.max", "2")
                    .config("spark.executor.memory", "512m").config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.task.maxFailures", "4").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** {@code n} pairs of random VOC-like masks (classes 0..5, 255 = ignore) as PNG files. */
    static void writeMasks(Path root, int n, int side) throws IOException {
        Files.createDirectories(root.resolve("t"));
        Files.createDirectories(root.resolve("p"));
        Random r = new Random(17);
        for (int k = 0; k < n; k++) {
            byte[] t = new byte[side * side];
            byte[] p = new byte[side * side];
            int a = r.nextInt(6);
            int b = r.nextInt(6);
            for (int i = 0; i < t.length; i++) {
                int c = (i % side) < side / 2 ? a : b;
                t[i] = (byte) (r.nextInt(20) == 0 ? 255 : c);
                p[i] = (byte) (r.nextInt(5) == 0 ? r.nextInt(6) : c);
            }
            String name = String.format("img%03d.png", k);
            PngMask.write(root.resolve("t").resolve(name), NpyArray.ofUint8(t, side, side));
            PngMask.write(root.resolve("p").resolve(name), NpyArray.ofUint8(p, side, side));
        }
    }

    static Dataset<Row> maskPaths(int partitions) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (var s = Files.list(masks.resolve("t"))) {
            for (Path t : s.sorted().toList()) {
                rows.add(RowFactory.create(t.toString(), masks.resolve("p").resolve(t.getFileName()).toString()));
            }
        }
        StructType schema = new StructType().add("t", DataTypes.StringType).add("p", DataTypes.StringType);
        // contiguous slices of the name-ordered pairs: partition i holds the same pairs in every run
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, partitions), schema);
    }

    static SegmentationIoU localMasks() throws IOException {
        SegmentationIoU s = null;
        try (var files = Files.list(masks.resolve("t"))) {
            for (Path t : files.sorted().toList()) {
                int[] a = PngMask.read(t).toIntArray();
                int[] b = PngMask.read(masks.resolve("p").resolve(t.getFileName())).toIntArray();
                s = s == null ? SegmentationIoU.withIgnoreIndex(6, 255) : s;
                s.update(a, b);
            }
        }
        return s;
    }

    /** Runs {@code jaccard4j score} in this JVM (the local command); returns its stdout. */
    static String local(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = CommandErrors.install(new CommandLine(new ScoreCommand()), "jaccard4j", new PrintWriter(o),
                new PrintWriter(e));
        assertEquals(0, cl.execute(args), e.toString());
        return o.toString();
    }

    /** spark-submits the job jar's ScoreJob to the cluster (client mode); returns its stdout. */
    static String submit(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("--class", "io.jaccard4j.spark.ScoreJob", "--conf",
                "spark.executor.cores=1", "--conf", "spark.cores.max=2", "--conf", "spark.executor.memory=512m",
                StandaloneCluster.JOB_JAR.toAbsolutePath().toString(), "score"));
        a.addAll(List.of(args));
        Path out = Files.createTempFile(WORK, "submit", ".out");
        Path err = Files.createTempFile(WORK, "submit", ".err");
        Process p = StandaloneCluster.script(cluster.dir, "submit", a.toArray(new String[0]))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("spark-submit did not finish in 3 minutes");
        }
        assertEquals(0, p.exitValue(), Files.readString(err));
        return Files.readString(out);
    }

    @Test
    void theSubmittedJobPrintsWhatTheLocalCommandPrints() throws Exception {
        Random r = new Random(31);
        List<String> t = new ArrayList<>();
        List<String> p = new ArrayList<>();
        List<String> w = new ArrayList<>();
        List<String> mt = new ArrayList<>();
        List<String> mp = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int a = r.nextInt(5);
            t.add(Integer.toString(a));
            p.add(Integer.toString(r.nextInt(4) == 0 ? r.nextInt(5) : a));
            w.add(r.nextInt(6) == 0 ? "0" : Double.toString(r.nextDouble() * 4));
            mt.add(r.nextInt(2) + "," + r.nextInt(2) + "," + r.nextInt(2));
            mp.add(r.nextInt(2) + "," + r.nextInt(2) + "," + r.nextInt(2));
        }
        Path dir = Files.createTempDirectory(WORK, "submit-inputs");
        Files.write(dir.resolve("t.csv"), t);
        Files.write(dir.resolve("p.csv"), p);
        Files.write(dir.resolve("w.csv"), w);
        Files.write(dir.resolve("mt.csv"), mt);
        Files.write(dir.resolve("mp.csv"), mp);
        String[][] cases = {
            {"--y-true", dir.resolve("t.csv").toString(), "--y-pred", dir.resolve("p.csv").toString(),
                "--sample-weight", dir.resolve("w.csv").toString(), "--average", "weighted", "--format", "json"},
            {"--y-true", dir.resolve("mt.csv").toString(), "--y-pred", dir.resolve("mp.csv").toString(),
                "--average", "samples"},
            {"--y-true", masks.resolve("t").toString(), "--y-pred", masks.resolve("p").toString(), "--ignore-index",
                "255", "--average", "macro", "--format", "json"},
            {"--y-true", masks.resolve("t").toString(), "--y-pred", masks.resolve("p").toString(), "--ignore-index",
                "255", "--per-image", "--format", "json"},
            // --ci on label vectors: the plan is broadcast and the executor JVMs compute ranges of resamples
            {"--y-true", dir.resolve("t.csv").toString(), "--y-pred", dir.resolve("p.csv").toString(),
                "--sample-weight", dir.resolve("w.csv").toString(), "--metric", "f1", "--average", "macro", "--ci",
                "0.95", "--bootstrap", "200", "--seed", "3", "--format", "json"},
            {"--y-true", dir.resolve("mt.csv").toString(), "--y-pred", dir.resolve("mp.csv").toString(),
                "--average", "samples", "--ci", "0.9", "--bootstrap", "100"},
            // a distance metric: the executor JVMs read the mask files and compute the per-image states
            {"--y-true", masks.resolve("t").toString(), "--y-pred", masks.resolve("p").toString(), "--metric",
                "hausdorff", "--percentile", "95", "--format", "json"}};
        for (String[] c : cases) {
            String[] withPartitions = Arrays.copyOf(c, c.length + 2);
            withPartitions[c.length] = "--partitions";
            withPartitions[c.length + 1] = "3";
            assertEquals(local(c), submit(withPartitions), String.join(" ", c));
        }
    }

    /** The engine's per-image state of mask paths read on the executors (its confusion is the dataset's). */
    static SegmentationIoU perImage(Dataset<Row> paths) {
        return SparkScorer.perImageState(paths, null, "t", "p",
                ScoreRequest.builder().ignoreIndex(255L).perImage(true).build());
    }

    @Test
    void executorsAreSeparateJvms() {
        spark.range(0, 1000, 1, 4).count();
        assertFalse(cluster.executors().isEmpty(), "the Worker launched executor JVMs");
        for (ProcessHandle h : cluster.executors()) {
            assertTrue(h.pid() != ProcessHandle.current().pid());
        }
    }

    @Test
    void labelsWeightsAndMultilabelOnExecutorsEqualCore() {
        Random r = new Random(23);
        int n = 6_000;
        long[] t = new long[n];
        long[] p = new long[n];
        double[] w = new double[n];
        int[][] mt = new int[n][4];
        int[][] mp = new int[n][4];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(7);
            p[i] = r.nextInt(4) == 0 ? r.nextInt(7) : t[i];
            w[i] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble() * 3;
            Integer[] a = new Integer[4];
            Integer[] b = new Integer[4];
            for (int j = 0; j < 4; j++) {
                mt[i][j] = r.nextInt(2);
                mp[i][j] = r.nextInt(6) == 0 ? 1 - mt[i][j] : mt[i][j];
                a[j] = mt[i][j];
                b[j] = mp[i][j];
            }
            rows.add(RowFactory.create(t[i], p[i], w[i], a, b));
        }
        StructType schema = new StructType().add("y", DataTypes.LongType).add("yhat", DataTypes.LongType)
                .add("w", DataTypes.DoubleType).add("mt", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("mp", DataTypes.createArrayType(DataTypes.IntegerType));
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(6).cache();
        for (Average a : List.of(Average.MICRO, Average.MACRO, Average.WEIGHTED)) {
            ScoreOptions o = ScoreOptions.builder().metric(Metric.JACCARD).average(a).build();
            assertSame(Scorer.score(LabelVector.of(t), LabelVector.of(p), null, o),
                    SparkScorer.scoreLabels(df, "y", "yhat", null, null, o));
            assertSame(Scorer.score(LabelVector.of(t), LabelVector.of(p), w, o),
                    SparkScorer.scoreLabels(df, "y", "yhat", "w", null, o));
            assertSame(Scorer.score(IndicatorMatrix.of(mt), IndicatorMatrix.of(mp), w, o),
                    SparkScorer.scoreMultilabel(df, "mt", "mp", "w", o));
        }
        ScoreOptions samples = ScoreOptions.builder().average(Average.SAMPLES).build();
        assertSame(Scorer.score(IndicatorMatrix.of(mt), IndicatorMatrix.of(mp), null, samples),
                SparkScorer.scoreMultilabel(df, "mt", "mp", null, samples));
        df.unpersist();
    }

    @Test
    void maskPathsReadOnTheExecutorsEqualCore() throws IOException {
        SegmentationIoU local = localMasks();
        SegmentationIoU remote = perImage(maskPaths(5));
        assertSameMasks(local, remote);
    }

    @Test
    void aKilledExecutorChangesNoBit() throws Exception {
        SegmentationIoU undisturbed = perImage(maskPaths(16));
        // one attempt kills the executor that runs the first task of the job; it is repeated (at most three
        // times) only if the executor happened to finish its tasks before it died
        for (int attempt = 0; attempt < 3; attempt++) {
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger lostTasks = new AtomicInteger();
            SparkListener killer = new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart e) {
                    if (!killed.get()) {
                        cluster.executor(e.taskInfo().executorId()).ifPresent(h -> {
                            if (killed.compareAndSet(false, true)) {
                                h.destroyForcibly();
                            }
                        });
                    }
                }

                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                    if (e.reason() instanceof org.apache.spark.ExecutorLostFailure) {
                        lostTasks.incrementAndGet();
                    }
                }
            };
            spark.sparkContext().addSparkListener(killer);
            SegmentationIoU disturbed;
            try {
                disturbed = perImage(maskPaths(16));
            } finally {
                spark.sparkContext().removeSparkListener(killer);
            }
            assertTrue(killed.get(), "an executor JVM was killed");
            assertSameMasks(undisturbed, disturbed);
            if (lostTasks.get() > 0) {
                return;
            }
        }
        throw new AssertionError("in three attempts no task was running on the killed executor");
    }

    static void assertSame(ScoreResult expected, ScoreResult actual) {
        assertEquals(Double.doubleToLongBits(expected.score()), Double.doubleToLongBits(actual.score()),
                expected + " vs " + actual);
        assertEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.perLabel(), actual.perLabel());
        assertArrayEquals(expected.support(), actual.support());
    }

    static void assertSameMasks(SegmentationIoU expected, SegmentationIoU actual) {
        assertEquals(expected.images(), actual.images());
        assertArrayEquals(expected.confusion().toMatrix(), actual.confusion().toMatrix());
        assertEquals(Double.doubleToLongBits(expected.perImageMeanIoU()), Double.doubleToLongBits(actual.perImageMeanIoU()));
        assertEquals(Double.doubleToLongBits(expected.meanOfImageMeans()),
                Double.doubleToLongBits(actual.meanOfImageMeans()));
        assertArrayEquals(expected.perImageClassIoU(), actual.perImageClassIoU());
        ScoreOptions o = ScoreOptions.builder().average(Average.MACRO).build();
        assertSame(Scorer.score(expected.confusion(), LabelEncoder.range(expected.numClasses()), o),
                Scorer.score(actual.confusion(), LabelEncoder.range(actual.numClasses()), o));
    }
}
