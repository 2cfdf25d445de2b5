package io.jaccard4j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The one averaging and zero-division policy used by every score, with scikit-learn's arguments and defaults:
 * {@code metric} (default Jaccard), {@code average} (default {@code binary}), {@code labels} (default: all
 * labels present in truth or prediction, sorted; labels absent from the data count zero samples; for
 * multilabel targets they are column indices), {@code pos_label} (default 1), {@code zero_division} (default
 * {@code warn}) and an optional task override of the inferred target type; and the options of the rest of the
 * family ({@link ClassificationMetric}): {@code normalize} (accuracy, zero-one loss, top-k accuracy; default
 * true), {@code adjusted} (balanced accuracy; default false), {@code weights} of Cohen's kappa (default none)
 * and {@code k} of top-k accuracy (default 2). Immutable; build with {@link #builder()}.
 */
public final class ScoreOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Metric metric;
    private final Average average;
    private final List<Object> labels;
    private final Object posLabel;
    private final ZeroDivision zeroDivision;
    private final TargetType task;
    private final boolean normalize;
    private final boolean adjusted;
    private final KappaWeights kappaWeights;
    private final int k;

    private ScoreOptions(Builder b) {
        this.metric = b.metric;
        this.average = b.average;
        this.labels = b.labels == null ? null : Collections.unmodifiableList(new ArrayList<>(b.labels));
        this.posLabel = b.posLabel;
        this.zeroDivision = b.zeroDivision;
        this.task = b.task;
        this.normalize = b.normalize;
        this.adjusted = b.adjusted;
        this.kappaWeights = b.kappaWeights;
        this.k = b.k;
    }

    /** scikit-learn's defaults: Jaccard, average=binary, pos_label=1, zero_division=warn. */
    public static ScoreOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.metric = metric;
        b.average = average;
        b.labels = labels;
        b.posLabel = posLabel;
        b.zeroDivision = zeroDivision;
        b.task = task;
        b.normalize = normalize;
        b.adjusted = adjusted;
        b.kappaWeights = kappaWeights;
        b.k = k;
        return b;
    }

    public Metric metric() {
        return metric;
    }

    public Average average() {
        return average;
    }

    /** The requested labels, or null for "all present labels". */
    public List<Object> labels() {
        return labels;
    }

    /** The positive label for {@code average=binary} ({@link Long} or {@link String}). */
    public Object posLabel() {
        return posLabel;
    }

    public ZeroDivision zeroDivision() {
        return zeroDivision;
    }

    /** The task override, or null to infer it as {@code type_of_target} does. */
    public TargetType task() {
        return task;
    }

    /** {@code normalize}: a fraction (true) or a count / summed weight (false). */
    public boolean normalize() {
        return normalize;
    }

    /** {@code adjusted} of balanced accuracy: rescaled so that chance scores 0 and perfect 1. */
    public boolean adjusted() {
        return adjusted;
    }

    /** {@code weights} of Cohen's kappa. */
    public KappaWeights kappaWeights() {
        return kappaWeights;
    }

    /** {@code k} of top-k accuracy. */
    public int k() {
        return k;
    }

    /** Builds {@link ScoreOptions}. */
    public static final class Builder {
        private Metric metric = Metric.JACCARD;
        private Average average = Average.BINARY;
        private List<Object> labels;
        private Object posLabel = 1L;
        private ZeroDivision zeroDivision = ZeroDivision.WARN;
        private TargetType task;
        private boolean normalize = true;
        private boolean adjusted;
        private KappaWeights kappaWeights = KappaWeights.NONE;
        private int k = 2;

        private Builder() {
        }

        public Builder metric(Metric metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        public Builder average(Average average) {
            this.average = Objects.requireNonNull(average, "average");
            return this;
        }

        /**
         * The labels to score, in output order; null for all present labels. An empty list scores no label, as
         * scikit-learn's {@code labels=[]} does (averages are then NaN).
         */
        public Builder labels(List<?> labels) {
            if (labels == null) {
                this.labels = null;
                return this;
            }
            List<Object> l = new ArrayList<>(labels.size());
            for (Object o : labels) {
                l.add(LabelEncoder.normalize(o));
            }
            this.labels = l;
            return this;
        }

        /** The positive class for {@code average=binary} (an integer or a string). */
        public Builder posLabel(Object posLabel) {
            this.posLabel = LabelEncoder.normalize(Objects.requireNonNull(posLabel, "posLabel"));
            return this;
        }

        public Builder zeroDivision(ZeroDivision zeroDivision) {
            this.zeroDivision = Objects.requireNonNull(zeroDivision, "zeroDivision");
            return this;
        }

        /** Overrides the inferred target type; null to infer. */
        public Builder task(TargetType task) {
            this.task = task;
            return this;
        }

        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        public Builder adjusted(boolean adjusted) {
            this.adjusted = adjusted;
            return this;
        }

        public Builder kappaWeights(KappaWeights kappaWeights) {
            this.kappaWeights = Objects.requireNonNull(kappaWeights, "kappaWeights");
            return this;
        }

        /**
         * {@code k} of top-k accuracy.
         *
         * @throws IllegalArgumentException unless k &ge; 1
         */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be an integer >= 1; got " + k);
            }
            this.k = k;
            return this;
        }

        public ScoreOptions build() {
            return new ScoreOptions(this);
        }
    }
}
