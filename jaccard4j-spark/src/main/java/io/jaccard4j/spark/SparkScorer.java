package io.jaccard4j.spark;

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
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

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
 *   <li>{@link #scoreLabels}: a label column and a prediction column (integers or strings), optional weights;
 *       one distinct() pass collects the labels present (scikit-learn's {@code unique_labels}) and fixes the
 *       dense encoding before counting;</li>
 *   <li>{@link #scoreMultilabel}: two array columns of 0/1 indicators;</li>
 *   <li>{@link #segmentation}: two array columns holding one flattened mask a row, or
 *       {@link #segmentationFromFiles}: two string columns of mask file paths (PNG/NPY) read on the executors.</li>
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
     * @param weightColumn null for unweighted
     * @param ignoreIndex null, or an integer label whose rows (by truth) are skipped
     */
    public static ScoreResult scoreLabels(Dataset<Row> df, String labelColumn, String predictionColumn,
            String weightColumn, Long ignoreIndex, ScoreOptions options) {
        Objects.requireNonNull(df, "df");
        Dataset<Row> data = SparkColumns.labelColumns(df, labelColumn, predictionColumn, weightColumn);
        boolean numeric = SparkColumns.numericLabels(data, labelColumn);
        if (ignoreIndex != null) {
            if (!numeric) {
                throw new IllegalArgumentException("ignore_index needs integer labels; column '" + labelColumn
                        + "' holds strings");
            }
            data = data.filter(new Column(labelColumn).notEqual(ignoreIndex));
        }
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
        boolean weighted = weightColumn != null;
        MulticlassConfusion state = data.javaRDD()
                .mapPartitions(rows -> Collections.singletonList(countLabels(rows, encoder, n, numeric, weighted))
                        .iterator())
                .collect().stream().reduce(MulticlassConfusion::merge).orElseThrow();
        return Scorer.score(state, encoder.size() == 0 ? LabelEncoder.range(1) : encoder, present, options);
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

    // ------------------------------------------------------------------ segmentation

    /**
     * Segmentation IoU over two array columns holding one flattened mask a row (class indices ≥ 0); the class
     * count grows to the largest index seen. Use {@link SegmentationIoU#confusion()} with
     * {@link Scorer#score(MulticlassConfusion, LabelEncoder, ScoreOptions)} for scikit-learn averages over pixels.
     */
    public static SegmentationIoU segmentation(Dataset<Row> df, String truthColumn, String predictionColumn,
            Integer ignoreIndex) {
        Dataset<Row> data = df.select(truthColumn, predictionColumn);
        SparkColumns.requireNoNulls(data, data.columns());
        return reduceSegmentation(data.javaRDD().mapPartitions(rows -> {
            SegmentationIoU acc = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                acc = addImage(acc, toInts(r.getList(0)), toInts(r.getList(1)), ignoreIndex, String.valueOf(r));
            }
            return single(acc);
        }));
    }

    /** Segmentation IoU of mask files (PNG or NPY) whose paths two string columns hold, read on the executors. */
    public static SegmentationIoU segmentationFromFiles(Dataset<Row> df, String truthPathColumn,
            String predictionPathColumn, Integer ignoreIndex) {
        Dataset<Row> data = df.select(truthPathColumn, predictionPathColumn);
        SparkColumns.requireNoNulls(data, data.columns());
        return reduceSegmentation(data.javaRDD().mapPartitions(rows -> {
            SegmentationIoU acc = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                NpyArray t;
                NpyArray p;
                try {
                    t = MaskDirectoryPairs.readMask(Path.of(r.getString(0)));
                    p = MaskDirectoryPairs.readMask(Path.of(r.getString(1)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read masks " + r + ": " + e.getMessage(), e);
                }
                if (!java.util.Arrays.equals(t.shape(), p.shape())) {
                    throw new IllegalArgumentException("masks " + r + " have shapes "
                            + java.util.Arrays.toString(t.shape()) + " and " + java.util.Arrays.toString(p.shape()));
                }
                acc = addImage(acc, t.toIntArray(), p.toIntArray(), ignoreIndex, String.valueOf(r));
            }
            return single(acc);
        }));
    }

    private static Iterator<SegmentationHolder> single(SegmentationIoU acc) {
        return Collections.singletonList(new SegmentationHolder(acc)).iterator();
    }

    /** A possibly empty partition result (an empty partition has no class count yet). */
    private static final class SegmentationHolder implements Serializable {
        private static final long serialVersionUID = 1L;
        final SegmentationIoU acc;

        SegmentationHolder(SegmentationIoU acc) {
            this.acc = acc;
        }

        SegmentationHolder merge(SegmentationHolder o) {
            if (acc == null) {
                return o;
            }
            if (o.acc == null) {
                return this;
            }
            int c = Math.max(acc.numClasses(), o.acc.numClasses());
            SegmentationIoU a = acc.numClasses() < c ? acc.resized(c) : acc;
            SegmentationIoU b = o.acc.numClasses() < c ? o.acc.resized(c) : o.acc;
            return new SegmentationHolder(a.merge(b));
        }
    }

    private static SegmentationIoU reduceSegmentation(JavaRDD<SegmentationHolder> parts) {
        SegmentationHolder h = parts.collect().stream().reduce(SegmentationHolder::merge).orElseThrow();
        if (h.acc == null) {
            throw new IllegalArgumentException("no masks to score");
        }
        return h.acc;
    }

    private static int[] toInts(List<Object> v) {
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) v.get(i)).intValue();
        }
        return out;
    }

    private static SegmentationIoU addImage(SegmentationIoU acc, int[] t, int[] p, Integer ignore, String row) {
        if (t.length != p.length) {
            throw new IllegalArgumentException("masks of " + t.length + " and " + p.length + " pixels in row " + row);
        }
        int max = 0;
        for (int v : t) {
            if (ignore != null && v == ignore) {
                continue;
            }
            if (v < 0) {
                throw new IllegalArgumentException("negative class index " + v + " in row " + row);
            }
            max = Math.max(max, v);
        }
        for (int v : p) {
            if (v < 0) {
                throw new IllegalArgumentException("negative class index " + v + " in row " + row);
            }
            max = Math.max(max, v);
        }
        int c = max + 1;
        if (acc == null) {
            acc = ignore == null ? SegmentationIoU.of(c) : SegmentationIoU.withIgnoreIndex(c, ignore);
        } else if (c > acc.numClasses()) {
            acc = acc.resized(c);
        }
        return acc.update(t, p);
    }
}
