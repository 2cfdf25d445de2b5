package io.jaccard4j.spark.ml;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.spark.SparkColumns;
import io.jaccard4j.spark.SparkScorer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A Spark ML {@link org.apache.spark.ml.evaluation.Evaluator} of multilabel predictions, scored by
 * jaccard4j-core as scikit-learn scores indicator matrices: per label L, J_L = tp / (tp + fp + fn) over samples;
 * {@code average=samples} gives the mean over samples of |T ∩ P| / |T ∪ P| (an empty pair scores
 * {@code zeroDivision}, where MLlib's {@code MultilabelClassificationEvaluator(accuracy)} gives NaN).
 *
 * <p>The two array columns hold, by {@code arrayContent}:
 * <ul>
 *   <li>{@code labelIds} (default, MLlib's convention): the set of label ids of each sample, as whole numbers
 *       ≥ 0 (e.g. {@code [0.0, 2.0]}); labels are 0 .. numLabels−1, numLabels being the param when set, else
 *       the largest id in either column + 1;</li>
 *   <li>{@code indicators}: one 0/1 entry a label, every array of one length.</li>
 * </ul>
 * Params otherwise as {@link OverlapEvaluator}; {@code labels} and {@code posLabel} are label ids;
 * {@code ignoreIndex} does not apply.
 */
public final class MultilabelJaccardEvaluator extends OverlapEvaluator {
    private static final long serialVersionUID = 1L;

    private final Param<String> arrayContent;
    private final IntParam numLabels;

    /** A new evaluator with a random uid and the default params (macro Jaccard of "label" vs "prediction"). */
    public MultilabelJaccardEvaluator() {
        this(Identifiable.randomUID("multilabelJaccardEval"));
    }

    /** A new evaluator with the given uid (the constructor that {@link #load(String)} calls). */
    public MultilabelJaccardEvaluator(String uid) {
        super(uid);
        arrayContent = new Param<>(this, "arrayContent", "labelIds (sets of label ids) or indicators (0/1 arrays)");
        numLabels = new IntParam(this, "numLabels", "the number of labels of labelIds arrays (unset: largest id + 1)");
        setDefault(arrayContent, "labelIds");
    }

    /** @return labelIds or indicators */
    public Param<String> arrayContent() {
        return arrayContent;
    }

    /** @return the number of labels of labelIds arrays */
    public IntParam numLabels() {
        return numLabels;
    }

    /** Sets {@code arrayContent}. */
    public MultilabelJaccardEvaluator setArrayContent(String value) {
        set(arrayContent, value);
        return this;
    }

    /** Sets {@code numLabels}. */
    public MultilabelJaccardEvaluator setNumLabels(int value) {
        set(numLabels, value);
        return this;
    }

    @Override
    protected double evaluateRows(Dataset<Row> dataset) {
        return result(dataset).score();
    }

    /** The full result (per-label scores and support included) whose score {@link #evaluate} returns. */
    public ScoreResult result(Dataset<Row> dataset) {
        if (ignoredLabel() != null) {
            throw new IllegalArgumentException("ignoreIndex does not apply to multilabel targets; clear it");
        }
        String label = $(labelCol());
        String prediction = $(predictionCol());
        String weight = weightColumn();
        String content = $(arrayContent);
        Dataset<Row> data;
        if (content.equals("indicators")) {
            data = dataset;
        } else if (content.equals("labelIds")) {
            data = indicators(dataset, label, prediction, weight);
        } else {
            throw new IllegalArgumentException("arrayContent must be labelIds or indicators; got '" + content + "'");
        }
        return SparkScorer.scoreMultilabel(data, label, prediction, weight, options(true));
    }

    /** Label-id arrays as 0/1 indicator arrays of length numLabels, after checking every id. */
    private Dataset<Row> indicators(Dataset<Row> df, String label, String prediction, String weight) {
        String expected = "an array of label ids (whole numbers >= 0)";
        SparkColumns.arrayElement(df, label, expected);
        SparkColumns.arrayElement(df, prediction, expected);
        SparkColumns.requireNoNulls(df, weight == null ? new String[] {label, prediction}
                : new String[] {label, prediction, weight});
        List<Column> stats = new ArrayList<>();
        for (String c : List.of(label, prediction)) {
            stats.add(min(array_min(col(c))));
            stats.add(max(array_max(col(c))));
            stats.add(expr("sum(size(filter(`" + c + "`, x -> x IS NULL OR isnan(x) OR x != floor(x))))"));
        }
        Row s = df.agg(stats.get(0), stats.subList(1, stats.size()).toArray(new Column[0])).first();
        long top = -1;
        for (int k = 0; k < 2; k++) {
            String c = k == 0 ? label : prediction;
            if (!s.isNullAt(3 * k + 2) && ((Number) s.get(3 * k + 2)).longValue() > 0) {
                throw new IllegalArgumentException("column '" + c + "' holds " + ((Number) s.get(3 * k + 2)).longValue()
                        + " label ids that are null or not whole numbers");
            }
            if (!s.isNullAt(3 * k) && ((Number) s.get(3 * k)).doubleValue() < 0) {
                throw new IllegalArgumentException("column '" + c + "' holds the negative label id "
                        + s.get(3 * k) + "; label ids are 0 .. numLabels-1");
            }
            if (!s.isNullAt(3 * k + 1)) {
                top = Math.max(top, (long) ((Number) s.get(3 * k + 1)).doubleValue());
            }
        }
        long n = isDefined(numLabels) ? (Integer) $(numLabels) : top + 1;
        if (n < 1) {
            throw new IllegalArgumentException("no label ids in columns '" + label + "' and '" + prediction
                    + "'; set numLabels");
        }
        if (top >= n) {
            throw new IllegalArgumentException("label id " + top + " is not below numLabels " + n);
        }
        List<Column> out = new ArrayList<>();
        for (String c : List.of(label, prediction)) {
            out.add(expr("transform(sequence(0, " + (n - 1) + "), i -> IF(array_contains(transform(`" + c
                    + "`, x -> CAST(x AS BIGINT)), CAST(i AS BIGINT)), 1, 0))").as(c));
        }
        if (weight != null) {
            out.add(col(weight).cast(DataTypes.DoubleType).as(weight));
        }
        return df.select(out.toArray(new Column[0]));
    }

    /** The reader of a saved evaluator. */
    public static MLReader<MultilabelJaccardEvaluator> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads an evaluator saved with {@code write().save(path)}. */
    public static MultilabelJaccardEvaluator load(String path) {
        return read().load(path);
    }
}
