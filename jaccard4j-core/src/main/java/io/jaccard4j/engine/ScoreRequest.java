package io.jaccard4j.engine;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.Semantics;
import io.jaccard4j.metrics.TargetType;
import io.jaccard4j.metrics.ZeroDivision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything that decides a score besides the data: scikit-learn's {@link ScoreOptions} (metric, average, labels,
 * pos_label, zero_division, task) plus the input rules every front end shares — the ignore index (samples or
 * pixels whose true label equals it are skipped), the threshold that binarizes score predictions, and whether
 * masks are scored per image (torchmetrics {@code MeanIoU}) rather than over the dataset.
 *
 * <p>{@link Semantics#TORCHMETRICS} ({@code --semantics torchmetrics}) switches to torchmetrics 1.9's rules and adds
 * their options: {@code num_classes}, {@code include_background}, {@code per_class} (MeanIoU),
 * {@code aggregation_level} (DiceScore) and {@code input_format}; see {@link TorchmetricsOptions}.
 *
 * <p>Immutable. {@link Builder} validates every value once, here, with the messages all front ends print; the
 * text setters take the command-line spellings ({@code --average macro}), so the local command, the Spark job
 * and library callers read options through the same rules.
 */
public final class ScoreRequest {
    private final ScoreOptions options;
    private final Long ignoreIndex;
    private final Double threshold;
    private final boolean perImage;
    private final SegmentationRequest segmentation;
    private final TorchmetricsOptions torchmetrics;

    private ScoreRequest(Builder b) {
        this.options = b.options.build();
        this.ignoreIndex = b.ignoreIndex;
        this.threshold = b.threshold;
        this.perImage = b.perImage;
        this.segmentation = b.segmentation;
        if (segmentation != null && perImage) {
            throw new IllegalArgumentException("--per-image does not combine with the segmentation metrics, which "
                    + "report per_image values themselves");
        }
        if (perImage && options.metric() != Metric.JACCARD) {
            throw new IllegalArgumentException("--per-image computes mean IoU; use it with --metric jaccard");
        }
        this.torchmetrics = b.torchmetrics.build(this, b.metricText, b.averageGiven);
        if (segmentation != null && torchmetrics.active()) {
            throw new IllegalArgumentException("--semantics torchmetrics does not apply to the segmentation metrics "
                    + "(they state their own conventions)");
        }
    }

    /** Whose rules score: scikit-learn's (the default) or torchmetrics'. */
    public Semantics semantics() {
        return torchmetrics.semantics();
    }

    /** The torchmetrics options (semantics, num_classes, include_background, per_class, ...). */
    public TorchmetricsOptions torchmetrics() {
        return torchmetrics;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** scikit-learn's defaults, no ignore index, thresholds chosen from the data. */
    public static ScoreRequest defaults() {
        return builder().build();
    }

    /** The scikit-learn options. */
    public ScoreOptions options() {
        return options;
    }

    /** The true label whose samples or pixels are skipped, or null. */
    public Long ignoreIndex() {
        return ignoreIndex;
    }

    /** The ignore index as a mask value ({@code int}), or {@code Integer.MIN_VALUE} when there is none. */
    public int maskIgnoreIndex() {
        if (ignoreIndex == null) {
            return io.jaccard4j.metrics.MulticlassConfusion.NO_IGNORE;
        }
        if (ignoreIndex <= Integer.MIN_VALUE || ignoreIndex > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--ignore-index " + ignoreIndex + " is out of range for masks");
        }
        return (int) (long) ignoreIndex;
    }

    /** The threshold given, or null to binarize non-integer scores at 0.5 and keep integer labels as they are. */
    public Double threshold() {
        return threshold;
    }

    /** Whether masks are scored per image. */
    public boolean perImage() {
        return perImage;
    }

    /** The segmentation metric and its options ({@link SegmentationScores}), or null for scikit-learn scores. */
    public SegmentationRequest segmentation() {
        return segmentation;
    }

    /**
     * A label as the command line spells it: an integer when it parses as one (a {@code Long}), else the
     * trimmed string.
     */
    public static Object parseLabel(String text) {
        String t = text.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }

    /** Builds a {@link ScoreRequest}; every setter validates its value. */
    public static final class Builder {
        private final ScoreOptions.Builder options = ScoreOptions.builder();
        private Long ignoreIndex;
        private Double threshold;
        private boolean perImage;
        private SegmentationRequest segmentation;
        private final TorchmetricsOptions.Builder torchmetrics = TorchmetricsOptions.builder();
        private String metricText;
        private boolean averageGiven;

        private Builder() {
        }

        /** Starts from scikit-learn options. */
        public Builder options(ScoreOptions o) {
            Objects.requireNonNull(o, "options");
            options.metric(o.metric()).average(o.average()).zeroDivision(o.zeroDivision()).task(o.task())
                    .posLabel(o.posLabel());
            if (o.labels() != null) {
                options.labels(o.labels());
            }
            return this;
        }

        public Builder metric(Metric m) {
            options.metric(m);
            return this;
        }

        public Builder average(Average a) {
            options.average(a);
            averageGiven = true;
            return this;
        }

        public Builder zeroDivision(ZeroDivision z) {
            options.zeroDivision(z);
            return this;
        }

        /** The target type, or null to infer it as {@code type_of_target}. */
        public Builder task(TargetType t) {
            options.task(t);
            return this;
        }

        public Builder posLabel(Object label) {
            options.posLabel(label);
            return this;
        }

        public Builder labels(List<?> labels) {
            options.labels(labels);
            return this;
        }

        /** {@code --metric}: jaccard, f1, dice, precision or recall. */
        public Builder metric(String text) {
            metric(Metric.parse(text));
            metricText = text.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * {@code --average}: binary, micro, macro, weighted, samples or none; null leaves the default (binary, or
         * torchmetrics' macro with {@code --semantics torchmetrics}).
         */
        public Builder average(String text) {
            return text == null ? this : average(Average.parse(text));
        }

        /** {@code --zero-division}: warn, 0, 1 or nan. */
        public Builder zeroDivision(String text) {
            return zeroDivision(ZeroDivision.parse(text));
        }

        /** {@code --task}: auto (infer), binary, multiclass or multilabel. */
        public Builder task(String text) {
            return task("auto".equals(text.trim().toLowerCase(Locale.ROOT)) ? null : TargetType.parse(text));
        }

        /** {@code --pos-label}: an integer or a string label. */
        public Builder posLabel(String text) {
            return posLabel(parseLabel(text));
        }

        /** {@code --labels}: labels as the command line spells them (see {@link ScoreRequest#parseLabel}). */
        public Builder labelTexts(List<String> texts) {
            if (texts == null) {
                return this;
            }
            List<Object> ls = new ArrayList<>(texts.size());
            for (String s : texts) {
                ls.add(parseLabel(s));
            }
            return labels(ls);
        }

        /** {@code --ignore-index}: the true label to skip, or null. */
        public Builder ignoreIndex(Long label) {
            this.ignoreIndex = label;
            return this;
        }

        /**
         * {@code --threshold}: binarize score predictions at {@code score >= t}, or null for the default (0.5 for
         * non-integer predictions).
         *
         * @throws IllegalArgumentException for NaN or an infinite threshold
         */
        public Builder threshold(Double t) {
            if (t != null && !Double.isFinite(t)) {
                throw new IllegalArgumentException("--threshold must be a finite number; got " + t);
            }
            this.threshold = t;
            return this;
        }

        /** {@code --per-image}: score masks per image (mean IoU). */
        public Builder perImage(boolean perImage) {
            this.perImage = perImage;
            return this;
        }

        /** The segmentation metric and options (null: a scikit-learn score). */
        public Builder segmentation(SegmentationRequest s) {
            this.segmentation = s;
            return this;
        }

        /** {@code --semantics}: sklearn (default) or torchmetrics. */
        public Builder semantics(String text) {
            torchmetrics.semantics(text == null ? Semantics.SKLEARN : Semantics.parse(text));
            return this;
        }

        /** The torchmetrics options ({@code --num-classes}, {@code --include-background}, ...), set in place. */
        public TorchmetricsOptions.Builder torchmetrics() {
            return torchmetrics;
        }

        public ScoreRequest build() {
            return new ScoreRequest(this);
        }
    }
}
