package io.jaccard4j.spark.ml;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ZeroDivision;
import io.jaccard4j.spark.SparkColumns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Function1;

/**
 * The parameters and the rule set that jaccard4j's Spark ML evaluators share. Every score is core's
 * ({@link io.jaccard4j.metrics.Scorer}): per label, J = tp / (tp + fp + fn), F1 = 2tp / (2tp + fp + fn),
 * precision = tp / (tp + fp), recall = tp / (tp + fn), combined by {@code average} with scikit-learn's
 * semantics (binary, micro, macro, weighted, samples), an ill-defined ratio taking {@code zeroDivision}.
 *
 * <p>Params: {@code metricName} (jaccard, f1, precision, recall; default jaccard), {@code average} (default
 * macro; {@code none} is refused since an evaluator returns one number), {@code labelCol}, {@code predictionCol},
 * {@code weightCol} (unset: unweighted), {@code labels} (the labels to score, as strings; unset: every label
 * present), {@code posLabel} (for {@code average=binary}; default "1"), {@code zeroDivision} (warn, 0, 1, nan;
 * default warn, which scores 0), {@code ignoreIndex} (rows whose truth equals it count nowhere; unset: none).
 * Larger is better for all four metrics.
 */
public abstract class OverlapEvaluator extends Evaluator implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> metricName;
    private final Param<String> average;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> weightCol;
    private final StringArrayParam labels;
    private final Param<String> posLabel;
    private final Param<String> zeroDivision;
    private final LongParam ignoreIndex;

    /** A validator that lets core's parser judge a value, so that a bad value gets core's message. */
    private interface Check<T> extends Function1<T, Object>, Serializable {
    }

    protected OverlapEvaluator(String uid) {
        this.uid = uid;
        metricName = new Param<>(this, "metricName", "jaccard, f1, precision or recall",
                (Check<String>) v -> Metric.parse(v) != null);
        average = new Param<>(this, "average", "binary, micro, macro, weighted or samples",
                (Check<String>) v -> {
                    if (Average.parse(v) == Average.NONE) {
                        throw new IllegalArgumentException("average must be one of binary, micro, macro, "
                                + "weighted, samples for an evaluator (it returns one number); got '" + v + "'");
                    }
                    return true;
                });
        labelCol = new Param<>(this, "labelCol", "the truth column");
        predictionCol = new Param<>(this, "predictionCol", "the prediction column");
        weightCol = new Param<>(this, "weightCol", "the sample-weight column (unset: unweighted)");
        labels = new StringArrayParam(this, "labels", "the labels to score, in order (unset: all present)");
        posLabel = new Param<>(this, "posLabel", "the positive label for average=binary");
        zeroDivision = new Param<>(this, "zeroDivision", "the value of an ill-defined ratio: warn, 0, 1 or nan",
                (Check<String>) v -> ZeroDivision.parse(v) != null);
        ignoreIndex = new LongParam(this, "ignoreIndex", "rows whose truth equals this label count nowhere");
        setDefault(metricName, "jaccard");
        setDefault(average, "macro");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(posLabel, "1");
        setDefault(zeroDivision, "warn");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the metric: jaccard, f1, precision or recall */
    public Param<String> metricName() {
        return metricName;
    }

    /** @return the average: binary, micro, macro, weighted or samples */
    public Param<String> average() {
        return average;
    }

    /** @return the truth column */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** @return the prediction column */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** @return the sample-weight column */
    public Param<String> weightCol() {
        return weightCol;
    }

    /** @return the labels to score */
    public StringArrayParam labels() {
        return labels;
    }

    /** @return the positive label of average=binary */
    public Param<String> posLabel() {
        return posLabel;
    }

    /** @return the value of an ill-defined ratio */
    public Param<String> zeroDivision() {
        return zeroDivision;
    }

    /** @return the ignored truth label */
    public LongParam ignoreIndex() {
        return ignoreIndex;
    }

    /** Sets {@code metricName}. */
    public OverlapEvaluator setMetricName(String value) {
        set(metricName, value);
        return this;
    }

    /** Sets {@code average}. */
    public OverlapEvaluator setAverage(String value) {
        set(average, value);
        return this;
    }

    /** Sets {@code labelCol}. */
    public OverlapEvaluator setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    /** Sets {@code predictionCol}. */
    public OverlapEvaluator setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    /** Sets {@code weightCol}. */
    public OverlapEvaluator setWeightCol(String value) {
        set(weightCol, value);
        return this;
    }

    /** Sets {@code labels}. */
    public OverlapEvaluator setLabels(String... value) {
        set(labels, value);
        return this;
    }

    /** Sets {@code posLabel}. */
    public OverlapEvaluator setPosLabel(String value) {
        set(posLabel, value);
        return this;
    }

    /** Sets {@code zeroDivision}. */
    public OverlapEvaluator setZeroDivision(String value) {
        set(zeroDivision, value);
        return this;
    }

    /** Sets {@code ignoreIndex}. */
    public OverlapEvaluator setIgnoreIndex(long value) {
        set(ignoreIndex, value);
        return this;
    }

    @Override
    public boolean isLargerBetter() {
        return true;
    }

    @Override
    public double evaluate(Dataset<?> dataset) {
        return evaluateRows(dataset.toDF());
    }

    /** The score of a DataFrame. */
    protected abstract double evaluateRows(Dataset<Row> dataset);

    /** The weight column, or null when unset. */
    protected final String weightColumn() {
        return isDefined(weightCol) ? $(weightCol) : null;
    }

    /** The ignored truth label, or null when unset. */
    protected final Long ignoredLabel() {
        return isDefined(ignoreIndex) ? (Long) $(ignoreIndex) : null;
    }

    /**
     * Core's options from the params; {@code labels} and {@code posLabel} become integers when the label
     * column holds numbers ({@code numericLabels}), strings otherwise.
     */
    protected final ScoreOptions options(boolean numericLabels) {
        ScoreOptions.Builder b = ScoreOptions.builder()
                .metric(Metric.parse($(metricName)))
                .average(Average.parse($(average)))
                .zeroDivision(ZeroDivision.parse($(zeroDivision)))
                .posLabel(label($(posLabel), numericLabels, "posLabel"));
        if (isDefined(labels)) {
            List<Object> l = new ArrayList<>();
            for (String s : $(labels)) {
                l.add(label(s, numericLabels, "labels"));
            }
            b.labels(l);
        }
        return b.build();
    }

    private static Object label(String text, boolean numeric, String param) {
        return numeric ? SparkColumns.integerLabel(text, param) : text;
    }

    @Override
    public Evaluator copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
