package io.jaccard4j.spark;

import io.jaccard4j.command.CommandErrors;
import io.jaccard4j.command.ScoreFlags;
import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.io.DelimitedTable;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.TargetType;
import io.jaccard4j.segmentation.SegmentationIoU;
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
 * {@code jaccard4j-spark score}: the flags and output of {@code jaccard4j score}, computed on Spark. Inputs are
 * the same files and mask directories (mask files are read on the executors), or a table
 * ({@code --input} CSV with a header, or Parquet) with label / prediction / weight columns; integer or string
 * columns are labels, array columns are multilabel indicators (or flattened masks with {@code --per-image} or
 * {@code --task multiclass}).
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score predictions on Apache Spark with the semantics and output of 'jaccard4j score'."})
public final class ScoreJob extends ScoreFlags implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--input", paramLabel = "TABLE", description = "a CSV (with header) or Parquet table")
    Path input;

    @Option(names = "--label-col", paramLabel = "C", defaultValue = "y_true", description = "truth column")
    String labelCol;

    @Option(names = "--pred-col", paramLabel = "C", defaultValue = "y_pred", description = "prediction column")
    String predCol;

    @Option(names = "--weight-col", paramLabel = "C", description = "sample-weight column")
    String weightCol;

    @Option(names = "--partitions", paramLabel = "N", description = "repartition the input into N partitions")
    Integer partitions;

    @Override
    public Integer call() throws IOException {
        ScoreOptions options = request().options();
        io.jaccard4j.engine.OutputFormat format = outputFormat();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (input == null) {
            if (yTrue == null || yPred == null) {
                throw new IllegalArgumentException("--y-true and --y-pred are required");
            }
        } else if (yTrue != null || yPred != null) {
            throw new IllegalArgumentException("give either --input or --y-true/--y-pred, not both");
        }
        SparkSession spark = SparkSession.builder().master(master).appName("jaccard4j score")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            return run(spark, options).write(out, err, format);
        } finally {
            spark.stop();
        }
    }

    private ScoreOutcome run(SparkSession spark, ScoreOptions options) throws IOException {
        Integer ignore = ignoreIndex == null ? null : Math.toIntExact(ignoreIndex);
        if (input != null) {
            Dataset<Row> df = table(spark);
            if (df.schema().apply(labelCol).dataType() instanceof ArrayType) {
                boolean masks = perImage || options.task() == TargetType.MULTICLASS
                        || options.task() == TargetType.BINARY;
                if (masks) {
                    return segmentationOutcome(SparkScorer.segmentation(df, labelCol, predCol, ignore), options);
                }
                return ScoreOutcome.of(SparkScorer.scoreMultilabel(df, labelCol, predCol, weightCol, options));
            }
            return ScoreOutcome.of(SparkScorer.scoreLabels(df, labelCol, predCol, weightCol, ignoreIndex,
                    options));
        }
        if (Files.isDirectory(yTrue) || Files.isDirectory(yPred)) {
            List<Row> rows = new ArrayList<>();
            for (MaskPair p : MaskDirectoryPairs.of(yTrue, yPred)) {
                rows.add(RowFactory.create(p.truthPath().toString(), p.predictionPath().toString()));
            }
            StructType schema = new StructType().add("t", DataTypes.StringType).add("p", DataTypes.StringType);
            Dataset<Row> df = partitioned(spark.createDataFrame(rows, schema));
            return segmentationOutcome(SparkScorer.segmentationFromFiles(df, "t", "p", ignore), options);
        }
        Dataset<Row> df = partitioned(fromFiles(spark));
        if (df.schema().apply("y_true").dataType() instanceof ArrayType) {
            return ScoreOutcome.of(SparkScorer.scoreMultilabel(df, "y_true", "y_pred",
                    sampleWeight == null ? null : "w", options));
        }
        return ScoreOutcome.of(SparkScorer.scoreLabels(df, "y_true", "y_pred",
                sampleWeight == null ? null : "w", ignoreIndex, options));
    }

    private ScoreOutcome segmentationOutcome(SegmentationIoU s, ScoreOptions options) {
        if (perImage) {
            return ScoreOutcome.perImage(s);
        }
        ScoreResult r = Scorer.score(s.confusion(), LabelEncoder.range(s.numClasses()), options);
        return ScoreOutcome.of(r);
    }

    private Dataset<Row> partitioned(Dataset<Row> df) {
        return partitions == null ? df : df.repartition(partitions);
    }

    private Dataset<Row> table(SparkSession spark) throws IOException {
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input + " (--input)");
        }
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        Dataset<Row> df = name.endsWith(".csv")
                ? spark.read().option("header", "true").option("inferSchema", "true").csv(input.toString())
                : spark.read().parquet(input.toString());
        for (String c : weightCol == null ? List.of(labelCol, predCol) : List.of(labelCol, predCol, weightCol)) {
            if (!Arrays.asList(df.columns()).contains(c)) {
                throw new IllegalArgumentException("--input " + input + " has no column '" + c + "'; it has "
                        + Arrays.toString(df.columns()));
            }
        }
        return partitioned(df);
    }

    /** Label files (CSV/TXT one sample a line, or NPY) read on the driver into a two-column table. */
    private Dataset<Row> fromFiles(SparkSession spark) throws IOException {
        Object[] t = column(yTrue, "--y-true");
        Object[] p = column(yPred, "--y-pred");
        if (t.length != p.length) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + t.length + ", " + p.length + "]");
        }
        Object[] w = sampleWeight == null ? null : column(sampleWeight, "--sample-weight");
        if (w != null && w.length != t.length) {
            throw new IllegalArgumentException("--sample-weight has " + w.length + " weights but there are "
                    + t.length + " samples");
        }
        boolean arrays = t.length > 0 && t[0] instanceof List;
        boolean strings = t.length > 0 && (t[0] instanceof String || p[0] instanceof String);
        StructType schema = new StructType()
                .add("y_true", arrays ? DataTypes.createArrayType(DataTypes.IntegerType)
                        : strings ? DataTypes.StringType : DataTypes.LongType)
                .add("y_pred", arrays ? DataTypes.createArrayType(DataTypes.IntegerType)
                        : strings ? DataTypes.StringType : DataTypes.LongType);
        if (w != null) {
            schema = schema.add("w", DataTypes.DoubleType);
        }
        List<Row> rows = new ArrayList<>(t.length);
        for (int i = 0; i < t.length; i++) {
            Object a = strings ? String.valueOf(t[i]) : t[i];
            Object b = strings ? String.valueOf(p[i]) : p[i];
            rows.add(w == null ? RowFactory.create(a, b) : RowFactory.create(a, b, ((Number) w[i]).doubleValue()));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** One value a sample: Long, String, Double (weights) or a List of 0/1 Integers (indicator rows). */
    private static Object[] column(Path path, String role) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + " (" + role + ")");
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            NpyArray a = Npy.read(path);
            int[] s = a.shape();
            if (s.length == 2) {
                Object[] out = new Object[s[0]];
                for (int i = 0; i < s[0]; i++) {
                    List<Integer> row = new ArrayList<>(s[1]);
                    for (int j = 0; j < s[1]; j++) {
                        row.add((int) a.getLong(i * s[1] + j));
                    }
                    out[i] = row;
                }
                return out;
            }
            Object[] out = new Object[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.dtype().isFloating() ? (Object) a.getDouble(i) : (Object) a.getLong(i);
            }
            return out;
        }
        DelimitedTable t = DelimitedTable.read(path);
        if (t.columns() > 1) {
            int[][] m = t.toIndicatorMatrix();
            Object[] out = new Object[m.length];
            for (int i = 0; i < m.length; i++) {
                List<Integer> row = new ArrayList<>();
                for (int v : m[i]) {
                    row.add(v);
                }
                out[i] = row;
            }
            return out;
        }
        String[] c = t.column(0);
        Object[] out = new Object[c.length];
        boolean integers = true;
        for (String s : c) {
            try {
                Long.parseLong(s);
            } catch (NumberFormatException e) {
                integers = false;
                break;
            }
        }
        for (int i = 0; i < c.length; i++) {
            if (integers) {
                out[i] = Long.parseLong(c[i]);
            } else if (role.equals("--sample-weight")) {
                out[i] = t.toDoubleColumn()[i];
            } else {
                out[i] = c[i];
            }
        }
        return out;
    }

    /** {@code spark-submit --class io.jaccard4j.spark.ScoreJob jaccard4j-spark.jar [score] flags...}. */
    public static void main(String[] args) {
        String[] rest = args.length > 0 && args[0].equals("score") ? Arrays.copyOfRange(args, 1, args.length) : args;
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cl = CommandErrors.install(new CommandLine(new ScoreJob()), "jaccard4j", out, err);
        int code = cl.execute(rest);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
