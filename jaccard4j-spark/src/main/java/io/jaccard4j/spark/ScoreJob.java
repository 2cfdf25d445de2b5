package io.jaccard4j.spark;

import io.jaccard4j.command.CommandErrors;
import io.jaccard4j.command.ScoreFlags;
import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.engine.ProgressListener;
import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.engine.SampleBootstrap;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.engine.ScoringEngine;
import io.jaccard4j.engine.SurfaceScoring;
import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j-spark score}: the flags ({@link ScoreFlags}) and the output ({@link ScoreOutcome#write}) of
 * {@code jaccard4j score}, counted on Spark. The job only parses arguments and prints; core's engine decides:
 * <ul>
 *   <li>label, score and indicator files are read and prepared on the driver by {@link ScoringEngine#prepare}
 *       (type inference, threshold, arg-max, ignore index, weight checks) and counted on the executors
 *       ({@link SparkScorer#scorePrepared});</li>
 *   <li>two mask directories are listed on the driver and read on the executors into the engine's
 *       {@link io.jaccard4j.engine.MaskAccumulator} ({@link SparkScorer#scoreMasks});</li>
 *   <li>{@code --input} reads a table (CSV with a header, or Parquet) whose label / prediction / weight columns
 *       are checked by {@link SparkColumns} and counted where they lie.</li>
 * </ul>
 * The boundary and distance metrics ({@code --metric boundary-iou, boundary-f1, hausdorff, assd, nsd}, with
 * {@code --ci}) over two mask directories (PNG, NPY or NIfTI) or two NPY arrays are split by core's
 * {@link SurfaceScoring}: the executors read the masks and compute the per-image states, the driver merges them in
 * image order ({@link SparkScorer#scoreSurface}).
 * {@code --ci} for the overlap scores of label vectors and indicator matrices is planned by core's
 * {@link SampleBootstrap} on the driver and its resamples are split over the executors
 * ({@link SparkScorer#scoreSampleBootstrap}): the same bytes as {@code jaccard4j score} for any {@code --partitions}.
 * {@code --semantics torchmetrics}, the classification family beyond the four overlap metrics ({@code --metric
 * accuracy}, ...), {@code --report} and the other segmentation metrics of
 * {@link io.jaccard4j.engine.SegmentationRequest} ({@code --metric generalized-dice, pixel-accuracy, class-accuracy,
 * ece, brier, nll}, {@code --fine-grained}) are scored by the engine on the driver, without a Spark job: the same
 * bytes as {@code jaccard4j score}, not distributed.
 * Bad input exits with status 2 and one line on stderr ({@link CommandErrors}), also when an executor found it.
 * Without {@code --master} the job runs on the master that {@code spark-submit} gives, else {@code local[*]}.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score predictions on Apache Spark with the semantics and output of 'jaccard4j score'."})
public final class ScoreJob extends ScoreFlags implements Callable<Integer> {
    /** The program name that error lines start with. */
    public static final String PROGRAM = "jaccard4j-spark";

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's --master, else local[*])")
    String master;

    @Option(names = "--input", paramLabel = "TABLE", description = "a CSV (with header) or Parquet table")
    Path input;

    @Option(names = "--label-col", paramLabel = "C", defaultValue = "y_true", description = "truth column")
    String labelCol;

    @Option(names = "--pred-col", paramLabel = "C", defaultValue = "y_pred", description = "prediction column")
    String predCol;

    @Option(names = "--weight-col", paramLabel = "C", description = "sample-weight column")
    String weightCol;

    @Option(names = "--partitions", paramLabel = "N", description = "split the input into N partitions")
    Integer partitions;

    @Override
    public Integer call() throws IOException {
        ScoreRequest request = request();
        OutputFormat format = outputFormat();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1; got " + partitions);
        }
        if (request.torchmetrics().active() || request.classificationMetric() != null || request.report()
                || request.segmentation() != null) {
            // torchmetrics' semantics, the rest of the classification family, --report and the segmentation metrics
            // (boundary, distance, generalized Dice, accuracy, calibration, fine-grained, --ci) are scored whole by
            // the engine, on the driver (no Spark job)
            if (input != null) {
                throw new IllegalArgumentException("--semantics torchmetrics, --metric " + metric + ", --report and "
                        + "the segmentation metrics' flags are scored from --y-true/--y-pred files, not from --input "
                        + "tables");
            }
            SurfaceScoring plan = request.segmentation() == null ? null
                    : SurfaceScoring.plan(yTrue, yPred, sampleWeight, request);
            if (plan != null) {
                SparkSession spark = session();
                try {
                    return SparkScorer.scoreSurface(spark, plan, slices(spark)).write(out, err, format);
                } finally {
                    spark.stop();
                }
            }
            SampleBootstrap bootstrap = SampleBootstrap.plan(yTrue, yPred, sampleWeight, request);
            if (bootstrap != null) {
                SparkSession spark = session();
                try {
                    return SparkScorer.scoreSampleBootstrap(spark, bootstrap, slices(spark)).write(out, err, format);
                } finally {
                    spark.stop();
                }
            }
            return ScoringEngine.score(yTrue, yPred, sampleWeight, request, ProgressListener.NONE)
                    .write(out, err, format);
        }
        Inputs inputs = inputs();
        SparkSession spark = session();
        try {
            return inputs.score(spark, request).write(out, err, format);
        } finally {
            spark.stop();
        }
    }

    /** What to score, checked and (for label files) read on the driver before Spark starts. */
    private interface Inputs {
        ScoreOutcome score(SparkSession spark, ScoreRequest request) throws IOException;
    }

    private Inputs inputs() throws IOException {
        if (input != null) {
            if (yTrue != null || yPred != null || sampleWeight != null) {
                throw new IllegalArgumentException("give either --input or --y-true/--y-pred/--sample-weight, not both");
            }
            if (!Files.exists(input)) {
                throw new NoSuchFileException(input + " (--input)");
            }
            return (spark, request) -> scoreTable(spark, request);
        }
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException("--y-true and --y-pred are required");
        }
        MaskDirectoryPairs pairs = ScoringEngine.maskPairs(yTrue, yPred, sampleWeight);
        if (pairs != null) {
            return (spark, request) -> scoreMaskPairs(spark, pairs.pairs(), request);
        }
        InputArray t = InputArray.read(yTrue, "--y-true");
        InputArray p = InputArray.read(yPred, "--y-pred");
        InputArray w = sampleWeight == null ? null : InputArray.read(sampleWeight, "--sample-weight");
        return (spark, request) -> {
            if (request.perImage()) {
                // one pair of mask files is one image: nothing to distribute
                return ScoringEngine.score(t, p, w, request);
            }
            return SparkScorer.scorePrepared(spark, ScoringEngine.prepare(t, p, w, request), request, slices(spark));
        };
    }

    private ScoreOutcome scoreMaskPairs(SparkSession spark, List<MaskPair> pairs, ScoreRequest request) {
        List<Row> rows = new ArrayList<>(pairs.size());
        for (MaskPair p : pairs) {
            rows.add(RowFactory.create(p.name(), p.truthPath().toAbsolutePath().toString(),
                    p.predictionPath().toAbsolutePath().toString()));
        }
        StructType schema = new StructType().add("name", DataTypes.StringType).add("t", DataTypes.StringType)
                .add("p", DataTypes.StringType);
        int n = Math.max(1, Math.min(pairs.size(), slices(spark)));
        // contiguous slices of the name-ordered pairs, so that partition i always holds the same pairs
        Dataset<Row> df = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, n), schema);
        return SparkScorer.scoreMasks(df, "name", "t", "p", request);
    }

    private ScoreOutcome scoreTable(SparkSession spark, ScoreRequest request) {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        Dataset<Row> df = name.endsWith(".csv")
                ? spark.read().option("header", "true").option("inferSchema", "true").csv(input.toString())
                : spark.read().parquet(input.toString());
        if (partitions != null) {
            df = df.repartition(partitions);
        }
        if (SparkColumns.field(df, labelCol).dataType() instanceof ArrayType) {
            boolean masks = request.perImage() || request.options().task() != null
                    && request.options().task() != io.jaccard4j.metrics.TargetType.MULTILABEL_INDICATOR;
            if (masks) {
                if (weightCol != null) {
                    throw new IllegalArgumentException("--weight-col does not apply to masks");
                }
                return SparkScorer.scoreMasks(df, null, labelCol, predCol, request);
            }
            if (request.ignoreIndex() != null) {
                throw new IllegalArgumentException("--ignore-index applies to labels and masks, not to a multilabel "
                        + "indicator matrix");
            }
            return ScoreOutcome.of(SparkScorer.scoreMultilabel(df, labelCol, predCol, weightCol, request.options()));
        }
        return ScoreOutcome.of(SparkScorer.scoreLabels(df, labelCol, predCol, weightCol, request.ignoreIndex(),
                request.options()));
    }

    /**
     * The segmentation metrics are scored: the boundary and distance metrics on the executors, the rest by the engine
     * on the driver.
     */
    @Override
    protected boolean segmentationMetricsSupported() {
        return true;
    }

    private int slices(SparkSession spark) {
        return partitions != null ? partitions : spark.sparkContext().defaultParallelism();
    }

    private SparkSession session() {
        SparkSession.Builder b = SparkSession.builder().appName("jaccard4j score").config("spark.ui.enabled", "false");
        if (master != null) {
            b = b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b = b.master("local[*]");
        }
        return b.getOrCreate();
    }

    /**
     * Runs the job with the given arguments ({@code score} first is optional), printing to {@code out} and
     * {@code err}; returns the exit status: 0, or 2 for bad input (one line on {@code err}).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] rest = args.length > 0 && args[0].equals("score") ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine cl = CommandErrors.install(new CommandLine(new ScoreJob()), PROGRAM, out, err);
        int code = cl.execute(rest);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code spark-submit --class io.jaccard4j.spark.ScoreJob jaccard4j-spark-job.jar [score] flags...}. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
