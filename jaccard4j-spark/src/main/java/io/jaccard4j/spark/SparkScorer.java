package io.jaccard4j.spark;

import io.jaccard4j.engine.MaskAccumulator;
import io.jaccard4j.engine.SampleBootstrap;
import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.engine.ScoringEngine;
import io.jaccard4j.engine.SegmentationScores;
import io.jaccard4j.engine.SurfaceScoring;
import io.jaccard4j.io.MaskDirectoryPairs;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.MultilabelConfusion;
import io.jaccard4j.metrics.SamplewiseConfusion;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;

/**
 * Scores predictions held in a Spark {@link Dataset} with exactly the semantics of jaccard4j-core: every
 * partition builds core's confusion state, a pure function of the partition's rows, so that a task re-run after
 * a lost executor rebuilds the same state; the driver merges the states in partition order (the merge is
 * associative and commutative, weights are summed in double-double form), and scores the merged state with
 * {@link Scorer}. A retried task or a re-submitted stage therefore gives the same bits as an undisturbed run.
 * The driver receives one state a partition: C×C counters for labels and masks, L×3 counters for multilabel, a histogram of per-sample (tp, fp, fn) triples for {@code samples}.
 *
 * <p>Column layouts:
 * <ul>
 *   <li>{@link #scoreLabels}: a label column and a prediction column (integers, whole numbers or strings),
 *       optional weights; integer-valued labels are checked and counted in one pass into a dense state indexed by
 *       label, strings (and integers too far apart for a dense state) through a distinct() pass that collects
 *       the labels present (scikit-learn's {@code unique_labels}) and fixes the encoding before counting;</li>
 *   <li>{@link #scoreMultilabel}: two array columns of 0/1 indicators;</li>
 *   <li>{@link #scoreMasks}: two array columns holding one flattened mask a row, or two string columns of mask
 *       file paths (PNG/NPY) read on the executors;</li>
 *   <li>{@link #scorePrepared}: a target that core's engine prepared from files on the driver;</li>
 *   <li>{@link #scoreSurface}: a boundary or distance metric (core's {@link SurfaceScoring}), the masks read and
 *       the per-image values computed on the executors.</li>
 * </ul>
 * A row with a null, an indicator of the wrong length or a negative mask index fails the job with a message
 * naming the column and the row's values.
 */
public final class SparkScorer {
    private static final int CHUNK = 8192;

    private SparkScorer() {
    }

    // ------------------------------------------------------------------ labels

    /**
     * scikit-learn's {@code jaccard_score} & co. over a label column and a prediction column.
     *
     * <p>Integer-valued labels (integers, whole floating-point or decimal numbers) take one pass over the rows
     * ({@link DenseLabelCounts}): each partition checks the label rules and counts into a dense state at once,
     * reading the cached columnar batches directly where the input is a cached table ({@link #columnarSource}), or
     * Spark's internal rows otherwise; the driver refuses input that broke a rule
     * ({@link SparkColumns#requireLabelRules}) before it scores. Labels outside 0..{@link DenseLabelCounts#SPAN}−1
     * take a second pass: a dense one framed at the smallest label when the labels span fewer than
     * {@link DenseLabelCounts#SPAN} values, else a distinct pass and an encoder, as string labels do.
     *
     * @param weightColumn null for unweighted
     * @param ignoreIndex null, or an integer label whose rows (by truth) are skipped
     */
    public static ScoreResult scoreLabels(Dataset<Row> df, String labelColumn, String predictionColumn,
            String weightColumn, Long ignoreIndex, ScoreOptions options) {
        Objects.requireNonNull(df, "df");
        boolean numeric = SparkColumns.checkedLabelTypes(df, labelColumn, predictionColumn, weightColumn);
        boolean weighted = weightColumn != null;
        List<String> columns = weighted ? List.of(labelColumn, predictionColumn, weightColumn)
                : List.of(labelColumn, predictionColumn);
        if (!numeric) {
            SparkColumns.requireNoNulls(df, columns.toArray(new String[0]));
            if (ignoreIndex != null) {
                throw new IllegalArgumentException("ignore_index needs integer labels; column '" + labelColumn
                        + "' holds strings");
            }
            return scoreEncoded(SparkColumns.typedLabelColumns(df, labelColumn, predictionColumn, weightColumn,
                    false), labelColumn, predictionColumn, false, weighted, options);
        }
        Dataset<Row> raw = df.select(columns.stream().map(Column::new).toArray(Column[]::new));
        List<DenseLabelCounts> parts = countDense(raw, 0, ignoreIndex);
        long[] nulls = new long[columns.size()];
        long[] fractional = new long[2];
        long[] outOfRange = new long[2];
        boolean outOfFrame = false;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (DenseLabelCounts c : parts) {
            for (int k = 0; k < nulls.length; k++) {
                nulls[k] += c.tallies[k].nulls;
            }
            for (int k = 0; k < 2; k++) {
                fractional[k] += c.tallies[k].fractional;
                outOfRange[k] += c.tallies[k].outOfRange;
            }
            outOfFrame |= c.outOfFrame;
            lo = Math.min(lo, c.lo);
            hi = Math.max(hi, c.hi);
        }
        SparkColumns.requireLabelRules(columns, nulls, fractional, outOfRange);
        long origin = 0;
        if (outOfFrame) {
            if (Long.compareUnsigned(hi - lo, DenseLabelCounts.SPAN) >= 0) {
                Dataset<Row> data = SparkColumns.typedLabelColumns(df, labelColumn, predictionColumn, weightColumn,
                        true);
                if (ignoreIndex != null) {
                    data = data.filter(new Column(labelColumn).notEqual(ignoreIndex));
                }
                return scoreEncoded(data, labelColumn, predictionColumn, true, weighted, options);
            }
            origin = lo;
            parts = countDense(raw, origin, ignoreIndex);
        }
        MulticlassConfusion all = DenseLabelCounts.merged(parts, weighted);
        if (all == null) { // no row counted
            all = MulticlassConfusion.of(1);
        }
        boolean[] seen = DenseLabelCounts.present(parts, all);
        List<Object> classes = new ArrayList<>(seen.length);
        List<Object> present = new ArrayList<>();
        for (int i = 0; i < seen.length; i++) {
            classes.add(origin + i);
            if (seen[i]) {
                present.add(origin + i);
            }
        }
        return Scorer.score(all, LabelEncoder.of(classes), present, options);
    }

    /** Labels of any kind through a distinct pass (scikit-learn's {@code unique_labels}) and an encoder. */
    private static ScoreResult scoreEncoded(Dataset<Row> data, String labelColumn, String predictionColumn,
            boolean numeric, boolean weighted, ScoreOptions options) {
        List<Object> present = distinctLabels(data, labelColumn, predictionColumn, numeric);
        List<Object> classes = new ArrayList<>(present);
        if (options.labels() != null) {
            for (Object l : options.labels()) {
                if ((l instanceof Long) == numeric && !classes.contains(l)) {
                    classes.add(l);
                }
            }
        }
        LabelEncoder encoder = LabelEncoder.of(sorted(classes, numeric));
        int n = Math.max(encoder.size(), 1);
        MulticlassConfusion state = data.javaRDD()
                .mapPartitions(rows -> Collections.singletonList(countLabels(rows, encoder, n, numeric, weighted))
                        .iterator())
                .collect().stream().reduce(MulticlassConfusion::merge).orElseThrow();
        return Scorer.score(state, encoder.size() == 0 ? LabelEncoder.range(1) : encoder, present, options);
    }

    /**
     * One {@link DenseLabelCounts} a partition of {@code raw} (label, prediction[, weight] columns as the user's
     * types), in partition order, read from the cached columnar batches where {@link #columnarSource} finds them.
     */
    private static List<DenseLabelCounts> countDense(Dataset<Row> raw, long origin, Long ignoreIndex) {
        StructType schema = raw.schema();
        NumericColumn[] readers = new NumericColumn[schema.fields().length];
        for (int k = 0; k < readers.length; k++) {
            readers[k] = NumericColumn.of(schema.fields()[k].dataType());
        }
        SparkPlan columnar = columnarSource(raw);
        if (columnar != null) {
            return columnar.executeColumnar().toJavaRDD().mapPartitions(batches -> {
                DenseLabelCounts c = new DenseLabelCounts(readers, origin, ignoreIndex);
                while (batches.hasNext()) {
                    c.add(batches.next());
                }
                return Collections.singletonList(c.finish()).iterator();
            }).collect();
        }
        return raw.queryExecution().toRdd().toJavaRDD().mapPartitions(rows -> {
            DenseLabelCounts c = new DenseLabelCounts(readers, origin, ignoreIndex);
            while (rows.hasNext()) {
                c.add(rows.next());
            }
            return Collections.singletonList(c.finish()).iterator();
        }).collect();
    }

    /**
     * The physical plan node that yields {@code data}'s rows as columnar batches: a leaf scan (a cached table's,
     * whose batches the cache decompresses into column vectors) under nothing but row conversion and an adaptive
     * plan with no stages of its own; null when the plan has no such node or its columns are not {@code data}'s, in
     * order. Reading the batches skips the conversion of every value into a row.
     */
    static SparkPlan columnarSource(Dataset<Row> data) {
        SparkPlan plan = data.queryExecution().executedPlan();
        if (plan instanceof AdaptiveSparkPlanExec) {
            plan = ((AdaptiveSparkPlanExec) plan).executedPlan();
        }
        while (plan instanceof WholeStageCodegenExec || plan instanceof InputAdapter
                || plan instanceof ColumnarToRowExec) {
            plan = (SparkPlan) plan.children().head();
        }
        if (!plan.supportsColumnar() || !plan.children().isEmpty()) {
            return null;
        }
        String[] names = data.columns();
        if (plan.output().size() != names.length) {
            return null;
        }
        for (int i = 0; i < names.length; i++) {
            org.apache.spark.sql.catalyst.expressions.Attribute a = plan.output().apply(i);
            if (!a.name().equals(names[i]) || !a.dataType().equals(data.schema().fields()[i].dataType())) {
                return null;
            }
        }
        return plan;
    }

    private static MulticlassConfusion countLabels(Iterator<Row> rows, LabelEncoder enc, int n, boolean numeric,
            boolean weighted) {
        MulticlassConfusion state = weighted ? MulticlassConfusion.weighted(n, MulticlassConfusion.NO_IGNORE)
                : MulticlassConfusion.of(n);
        long[] tl = new long[CHUNK];
        long[] pl = new long[CHUNK];
        String[] ts = new String[CHUNK];
        String[] ps = new String[CHUNK];
        double[] w = new double[CHUNK];
        int k = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (numeric) {
                tl[k] = ((Number) r.get(0)).longValue();
                pl[k] = ((Number) r.get(1)).longValue();
            } else {
                ts[k] = r.getString(0);
                ps[k] = r.getString(1);
            }
            if (weighted) {
                w[k] = ((Number) r.get(2)).doubleValue();
            }
            if (++k == CHUNK || !rows.hasNext()) {
                LabelVector t = numeric ? LabelVector.of(java.util.Arrays.copyOf(tl, k))
                        : LabelVector.of(java.util.Arrays.copyOf(ts, k));
                LabelVector p = numeric ? LabelVector.of(java.util.Arrays.copyOf(pl, k))
                        : LabelVector.of(java.util.Arrays.copyOf(ps, k));
                if (weighted) {
                    state.update(enc.encode(t), enc.encode(p), java.util.Arrays.copyOf(w, k));
                } else {
                    state.update(enc.encode(t), enc.encode(p));
                }
                k = 0;
            }
        }
        return state;
    }

    private static List<Object> distinctLabels(Dataset<Row> data, String labelColumn, String predictionColumn,
            boolean numeric) {
        Dataset<Row> both = data.select(labelColumn).union(data.select(predictionColumn)).distinct();
        List<Object> out = new ArrayList<>();
        for (Row r : both.collectAsList()) {
            out.add(numeric ? (Object) ((Number) r.get(0)).longValue() : r.getString(0));
        }
        return sorted(out, numeric);
    }

    private static List<Object> sorted(List<Object> labels, boolean numeric) {
        List<Object> out = new ArrayList<>();
        if (numeric) {
            TreeSet<Long> s = new TreeSet<>();
            for (Object o : labels) {
                s.add((Long) o);
            }
            out.addAll(s);
        } else {
            TreeSet<String> s = new TreeSet<>();
            for (Object o : labels) {
                s.add((String) o);
            }
            out.addAll(s);
        }
        return out;
    }

    // ------------------------------------------------------------------ multilabel

    /** Multilabel scores over two array columns of 0/1 indicators (one array a sample, all of one length). */
    public static ScoreResult scoreMultilabel(Dataset<Row> df, String labelColumn, String predictionColumn,
            String weightColumn, ScoreOptions options) {
        Dataset<Row> data = weightColumn == null ? df.select(labelColumn, predictionColumn)
                : df.select(labelColumn, predictionColumn, weightColumn);
        SparkColumns.requireNoNulls(data, data.columns());
        List<Row> first = data.limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new IllegalArgumentException("no rows to score");
        }
        int l = first.get(0).getList(0).size();
        boolean weighted = weightColumn != null;
        if (options.average() == Average.SAMPLES) {
            int[] cols = Scorer.multilabelColumns(l, options);
            int k = cols == null ? l : cols.length;
            SamplewiseConfusion s = data.javaRDD().mapPartitions(rows -> Collections.singletonList(
                    countSamples(rows, l, k, cols, weighted)).iterator()).collect().stream().reduce(SamplewiseConfusion::merge).orElseThrow();
            return Scorer.scoreSamples(s, l, options);
        }
        MultilabelConfusion m = data.javaRDD().mapPartitions(rows -> Collections.singletonList(
                countMultilabel(rows, l, weighted)).iterator()).collect().stream().reduce(MultilabelConfusion::merge).orElseThrow();
        return Scorer.scoreMultilabel(m, options);
    }

    /** Reads up to CHUNK rows of indicator pairs into two matrices (and weights). */
    private static final class IndicatorChunk {
        final byte[] t;
        final byte[] p;
        final double[] w = new double[CHUNK];
        int rows;

        IndicatorChunk(int l) {
            t = new byte[CHUNK * l];
            p = new byte[CHUNK * l];
        }

        boolean fill(Iterator<Row> it, int l, boolean weighted) {
            rows = 0;
            while (rows < CHUNK && it.hasNext()) {
                Row r = it.next();
                copy(r.getList(0), t, rows, l, r);
                copy(r.getList(1), p, rows, l, r);
                if (weighted) {
                    w[rows] = ((Number) r.get(2)).doubleValue();
                }
                rows++;
            }
            return rows > 0;
        }

        private static void copy(List<Object> v, byte[] into, int row, int l, Row r) {
            if (v.size() != l) {
                throw new IllegalArgumentException("indicator array of length " + v.size() + ", expected " + l
                        + ", in row " + r);
            }
            for (int j = 0; j < l; j++) {
                long x = ((Number) v.get(j)).longValue();
                if (x != 0 && x != 1) {
                    throw new IllegalArgumentException("indicator entry " + x + " is not 0 or 1, in row " + r);
                }
                into[row * l + j] = (byte) x;
            }
        }

        IndicatorMatrix truth(int l) {
            return IndicatorMatrix.of(java.util.Arrays.copyOf(t, rows * l), rows, l);
        }

        IndicatorMatrix prediction(int l) {
            return IndicatorMatrix.of(java.util.Arrays.copyOf(p, rows * l), rows, l);
        }

        double[] weights() {
            return java.util.Arrays.copyOf(w, rows);
        }
    }

    private static MultilabelConfusion countMultilabel(Iterator<Row> rows, int l, boolean weighted) {
        MultilabelConfusion m = weighted ? MultilabelConfusion.weighted(l) : MultilabelConfusion.of(l);
        IndicatorChunk c = new IndicatorChunk(l);
        while (c.fill(rows, l, weighted)) {
            m.update(c.truth(l), c.prediction(l), weighted ? c.weights() : null);
        }
        return m;
    }

    private static SamplewiseConfusion countSamples(Iterator<Row> rows, int l, int k, int[] cols, boolean weighted) {
        SamplewiseConfusion s = weighted ? SamplewiseConfusion.weighted(k) : SamplewiseConfusion.of(k);
        IndicatorChunk c = new IndicatorChunk(l);
        while (c.fill(rows, l, weighted)) {
            s.update(c.truth(l), c.prediction(l), cols, weighted ? c.weights() : null);
        }
        return s;
    }

    // ------------------------------------------------------------------ prepared targets (file inputs)

    /**
     * Scores a target that core's engine prepared on the driver ({@link ScoringEngine#prepare}: validated, with
     * thresholds, arg-max and the ignore index applied), counting it on the executors in {@code partitions}
     * slices: the outcome equals {@link ScoringEngine#score(ScoringEngine.Prepared, ScoreRequest)}.
     */
    public static ScoreOutcome scorePrepared(SparkSession spark, ScoringEngine.Prepared x, ScoreRequest request,
            int partitions) {
        double[] w = x.weights();
        int n = x.truth().size();
        List<Row> rows = new ArrayList<>(n);
        StructType schema;
        if (x.isIndicator()) {
            IndicatorMatrix t = (IndicatorMatrix) x.truth();
            IndicatorMatrix p = (IndicatorMatrix) x.prediction();
            int l = t.columns();
            schema = new StructType().add("t", DataTypes.createArrayType(DataTypes.ByteType))
                    .add("p", DataTypes.createArrayType(DataTypes.ByteType));
            for (int i = 0; i < n; i++) {
                Byte[] a = new Byte[l];
                Byte[] b = new Byte[l];
                for (int j = 0; j < l; j++) {
                    a[j] = (byte) t.get(i, j);
                    b[j] = (byte) p.get(i, j);
                }
                rows.add(w == null ? RowFactory.create(a, b) : RowFactory.create(a, b, w[i]));
            }
        } else {
            LabelVector t = (LabelVector) x.truth();
            LabelVector p = (LabelVector) x.prediction();
            boolean numeric = t.isNumeric() && p.isNumeric();
            if (t.isNumeric() != p.isNumeric()) {
                // core's own message for mixed label types
                return ScoreOutcome.of(ScoringEngine.score(x, request));
            }
            schema = new StructType().add("t", numeric ? DataTypes.LongType : DataTypes.StringType)
                    .add("p", numeric ? DataTypes.LongType : DataTypes.StringType);
            long[] tl = numeric ? t.numericValues() : null;
            long[] pl = numeric ? p.numericValues() : null;
            String[] ts = numeric ? null : t.stringValues();
            String[] ps = numeric ? null : p.stringValues();
            for (int i = 0; i < n; i++) {
                Object a = numeric ? (Object) tl[i] : ts[i];
                Object b = numeric ? (Object) pl[i] : ps[i];
                rows.add(w == null ? RowFactory.create(a, b) : RowFactory.create(a, b, w[i]));
            }
        }
        if (w != null) {
            schema = schema.add("w", DataTypes.DoubleType);
        }
        // contiguous slices in sample order: partition i always holds the same samples
        Dataset<Row> df = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, Math.max(1, Math.min(partitions, Math.max(n, 1)))), schema);
        String weight = w == null ? null : "w";
        ScoreResult r = x.isIndicator() ? scoreMultilabel(df, "t", "p", weight, request.options())
                : scoreLabels(df, "t", "p", weight, null, request.options());
        return ScoreOutcome.of(r);
    }

    // ------------------------------------------------------------------ bootstrap intervals (label vectors)

    /**
     * {@code --ci} for label vectors and indicator matrices: the plan that core's {@link SampleBootstrap} made on the
     * driver is broadcast, the R resamples are cut into {@code slices} contiguous ranges, each task computes the
     * statistics of its range ({@link SampleBootstrap#statistics(int, int)}, a pure function of the plan and the
     * resample index), and the driver joins them in resample order into {@link SampleBootstrap#outcome(double[])}.
     * The bytes equal the local command's for any number of slices.
     */
    public static ScoreOutcome scoreSampleBootstrap(SparkSession spark, SampleBootstrap plan, int slices) {
        int r = plan.resamples();
        int parts = Math.max(1, Math.min(r, slices));
        List<int[]> ranges = new ArrayList<>(parts);
        for (int k = 0; k < parts; k++) {
            ranges.add(new int[] {(int) ((long) k * r / parts), (int) ((long) (k + 1) * r / parts)});
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SampleBootstrap> shipped = jsc.broadcast(plan);
        List<double[]> pieces = jsc.parallelize(ranges, parts)
                .map(range -> shipped.value().statistics(range[0], range[1])).collect();
        double[] all = new double[r];
        int at = 0;
        for (double[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        shipped.destroy();
        return plan.outcome(all);
    }

    // ------------------------------------------------------------------ segmentation

    /**
     * Segmentation scores of one image a row, as core's engine scores a stream of mask pairs: every pair goes
     * through a {@link MaskAccumulator} (the engine's one mask-stream state: class growth, shape, negative index
     * and class-count checks, the ignore index) and {@link ScoringEngine#outcome} or
     * {@link ScoreOutcome#perImage} gives the result (dataset scores, or per-image IoU with
     * {@code request.perImage()}).
     *
     * <p>The two columns hold flattened masks (arrays of class indices) or mask file paths (PNG/NPY, strings),
     * which the executors read. {@code nameColumn} (may be null) names each pair in messages.
     */
    public static ScoreOutcome scoreMasks(Dataset<Row> df, String nameColumn, String truthColumn,
            String predictionColumn, ScoreRequest request) {
        if (request.perImage()) {
            return ScoreOutcome.perImage(perImageState(df, nameColumn, truthColumn, predictionColumn, request));
        }
        return ScoringEngine.outcome(accumulateMasks(df, nameColumn, truthColumn, predictionColumn, request),
                request);
    }

    /**
     * The dataset confusion of the mask pairs: each partition adds its rows to a {@link MaskAccumulator}, and the
     * driver merges them (integer counts: any order gives the same matrix).
     */
    public static MaskAccumulator accumulateMasks(Dataset<Row> df, String nameColumn, String truthColumn,
            String predictionColumn, ScoreRequest request) {
        Dataset<Row> data = maskColumns(df, nameColumn, truthColumn, predictionColumn);
        boolean paths = data.schema().fields()[0].dataType().equals(DataTypes.StringType);
        boolean named = nameColumn != null;
        Long ignore = request.ignoreIndex();
        List<MaskAccumulator> parts = data.javaRDD().mapPartitions(rows -> {
            MaskAccumulator acc = datasetAccumulator(ignore);
            while (rows.hasNext()) {
                addPair(acc, rows.next(), paths, named);
            }
            return Collections.singletonList(acc).iterator();
        }).collect();
        MaskAccumulator merged = MaskAccumulator.forRequest(request);
        for (MaskAccumulator a : parts) {
            merged = merged.merge(a);
        }
        return merged;
    }

    /**
     * The per-image IoU state of the mask pairs, equal to the bit to the state of the same pairs streamed in row
     * order on one machine: each executor checks and counts every pair with a {@link MaskAccumulator} of its
     * own and sends the pair's confusion matrix; the driver adds the images in row order
     * ({@link SegmentationIoU#addImage}), so that the per-image IoU sums are added in the order the local command
     * adds them (a sum of partition sums would round differently). One C×C matrix an image travels to the driver.
     */
    public static SegmentationIoU perImageState(Dataset<Row> df, String nameColumn, String truthColumn,
            String predictionColumn, ScoreRequest request) {
        Dataset<Row> data = maskColumns(df, nameColumn, truthColumn, predictionColumn);
        boolean paths = data.schema().fields()[0].dataType().equals(DataTypes.StringType);
        boolean named = nameColumn != null;
        Long ignore = request.ignoreIndex();
        List<MulticlassConfusion> images = data.javaRDD().mapPartitions(rows -> {
            List<MulticlassConfusion> out = new ArrayList<>();
            while (rows.hasNext()) {
                MaskAccumulator one = datasetAccumulator(ignore);
                addPair(one, rows.next(), paths, named);
                out.add(one.confusion());
            }
            return out.iterator();
        }).collect();
        if (images.isEmpty()) {
            ScoringEngine.outcome(MaskAccumulator.forRequest(request), request); // the engine's "no masks" message
        }
        int ignoreIndex = request.maskIgnoreIndex();
        SegmentationIoU s = null;
        for (MulticlassConfusion image : images) {
            int c = image.numClasses();
            if (s == null) {
                s = ignoreIndex == MulticlassConfusion.NO_IGNORE ? SegmentationIoU.of(c)
                        : SegmentationIoU.withIgnoreIndex(c, ignoreIndex);
            } else if (c > s.numClasses()) {
                s = s.resized(c);
            }
            s.addImage(c < s.numClasses() ? image.resized(s.numClasses()) : image);
        }
        return s;
    }

    private static MaskAccumulator datasetAccumulator(Long ignoreIndex) {
        return MaskAccumulator.forRequest(ScoreRequest.builder().ignoreIndex(ignoreIndex).build());
    }

    /** The truth, prediction (and name) columns, after checking their types and that they hold no null. */
    private static Dataset<Row> maskColumns(Dataset<Row> df, String nameColumn, String truthColumn,
            String predictionColumn) {
        boolean paths = SparkColumns.field(df, truthColumn).dataType().equals(DataTypes.StringType);
        String expected = "flattened masks (an array of class indices) or mask paths (string)";
        if (paths) {
            DataType p = SparkColumns.field(df, predictionColumn).dataType();
            if (!p.equals(DataTypes.StringType)) {
                throw new IllegalArgumentException("column '" + predictionColumn + "' has Spark type "
                        + p.simpleString() + "; expected mask paths (string), as column '" + truthColumn + "' holds");
            }
        } else {
            SparkColumns.arrayElement(df, truthColumn, expected);
            SparkColumns.arrayElement(df, predictionColumn, expected);
        }
        Dataset<Row> data = nameColumn == null ? df.select(truthColumn, predictionColumn)
                : df.select(truthColumn, predictionColumn, nameColumn);
        SparkColumns.requireNoNulls(data, data.columns());
        return data;
    }

    /**
     * A boundary or distance metric ({@code --metric boundary-iou, boundary-f1, hausdorff, assd, nsd}) with the
     * per-image work on the executors, in two jobs over the same contiguous slices of the plan's images (mask files
     * are read on the executors, NPY images travel from the driver): the first returns each slice's largest label
     * (the class count C needs every image), the second each slice's per-image states over C classes. The
     * driver appends the states in slice order, which is image order, and core prints them
     * ({@link SurfaceScoring#outcome}): the bytes of {@code jaccard4j score}. Bad input found on an executor comes
     * back as a value, so that the driver reports the error of the first bad image, as the local command does.
     * Each image is read twice.
     *
     * @param slices the number of partitions (at most one an image)
     */
    public static ScoreOutcome scoreSurface(SparkSession spark, SurfaceScoring plan, int slices) {
        List<SegmentationScores.MaskSource> images = plan.images();
        int n = Math.max(1, Math.min(images.size(), slices));
        JavaRDD<SegmentationScores.MaskSource> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(images, n);
        List<SurfaceScoring.Labels> labels = rdd.mapPartitions(part -> Collections.singletonList(
                plan.maxLabel(part)).iterator()).collect();
        int c;
        try {
            c = plan.numClasses(labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        List<SurfaceScoring.Part> states = rdd.mapPartitions(part -> Collections.singletonList(plan.state(part, c))
                .iterator()).collect();
        return plan.outcome(states);
    }

    /** Adds one row's pair of masks (read here, on the executor, when the row holds paths). */
    private static void addPair(MaskAccumulator acc, Row r, boolean paths, boolean named) {
        if (paths) {
            Path t = Path.of(r.getString(0));
            Path p = Path.of(r.getString(1));
            String name = named ? r.getString(2) : t.getFileName().toString();
            acc.add(name, readMask(t), readMask(p));
        } else {
            String name = named ? String.valueOf(r.get(2)) : "row " + r;
            acc.add(name, toInts(r.getList(0)), toInts(r.getList(1)));
        }
    }

    /** Reads a mask on an executor; an unreadable file fails the job with the reader's message naming the path. */
    private static NpyArray readMask(Path path) {
        try {
            return MaskDirectoryPairs.readMask(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static int[] toInts(List<Object> v) {
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) v.get(i)).intValue();
        }
        return out;
    }
}
