package io.jaccard4j.engine;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.ClassificationMetric;
import io.jaccard4j.metrics.KappaWeights;
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
 * masks are scored per image (torchmetrics {@code MeanIoU}) rather than over the dataset. A request names either
 * an overlap metric ({@link Metric}) or one of the rest of scikit-learn's family ({@link ClassificationMetric},
 * with {@code normalize}, {@code adjusted}, kappa {@code weights} and {@code k} in the options), or asks for the
 * {@code classification_report}.
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
    private final ClassificationMetric classificationMetric;
    private final boolean report;
    private final int digits;
    private final TorchmetricsOptions torchmetrics;

    private ScoreRequest(Builder b) {
        this.options = b.options.build();
        this.ignoreIndex = b.ignoreIndex;
        this.threshold = b.threshold;
        this.perImage = b.perImage;
        this.classificationMetric = b.classificationMetric;
        this.report = b.report;
        this.digits = b.digits == null ? 2 : b.digits;
        if (b.digits != null && !report) {
            throw new IllegalArgumentException("--digits applies to --report only");
        }
        if (perImage && (options.metric() != Metric.JACCARD || classificationMetric != null || report)) {
            throw new IllegalArgumentException("--per-image computes mean IoU; use it with --metric jaccard");
        }
        this.segmentation = b.segmentation;
        if (segmentation != null && segmentation.overlapInterval() && (perImage || report)) {
            throw new IllegalArgumentException("--ci applies to --metric jaccard|f1|precision|recall|dice (masks "
                    + "or label vectors), to the other classification metrics (label vectors) and to the segmentation "
                    + "metrics, without --per-image or --report");
        }
        if (segmentation != null && !segmentation.overlapInterval()
                && (perImage || classificationMetric != null || report)) {
            throw new IllegalArgumentException("the segmentation metrics do not combine with --per-image, --report or "
                    + "another --metric");
        }
        this.torchmetrics = b.torchmetrics.build(this, b.metricText, b.averageGiven);
        if (segmentation != null && torchmetrics.active()) {
            throw new IllegalArgumentException("--semantics torchmetrics does not apply to the segmentation metrics "
                    + "(they state their own conventions)");
        }
        ClassificationMetric m = classificationMetric;
        if (torchmetrics.active() && (m != null || report)) {
            throw new IllegalArgumentException("--semantics torchmetrics scores --metric jaccard, f1 or dice; got "
                    + (m != null ? m.id() : "--report"));
        }
        if (report && m != null) {
            throw new IllegalArgumentException("--report prints precision, recall and F1 of every label; it does not "
                    + "take --metric " + m.id());
        }
        requireOnly(b.adjustedGiven, "--adjusted", m == ClassificationMetric.BALANCED_ACCURACY, "balanced-accuracy");
        requireOnly(b.kappaWeightsGiven, "--kappa-weights", m == ClassificationMetric.COHEN_KAPPA, "cohen-kappa");
        requireOnly(b.kGiven, "--k", m == ClassificationMetric.TOP_K_ACCURACY, "top-k-accuracy");
        requireOnly(b.normalizeGiven, "--normalize", m == ClassificationMetric.ACCURACY
                || m == ClassificationMetric.ZERO_ONE_LOSS || m == ClassificationMetric.TOP_K_ACCURACY,
                "accuracy, zero-one-loss or top-k-accuracy");
    }

    private static void requireOnly(boolean given, String flag, boolean applies, String metrics) {
        if (given && !applies) {
            throw new IllegalArgumentException(flag + " applies to --metric " + metrics + " only");
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

    /**
     * The metric of scikit-learn's family beyond the overlap scores (accuracy, mcc, ...), or null when the request
     * scores {@link ScoreOptions#metric()}.
     */
    public ClassificationMetric classificationMetric() {
        return classificationMetric;
    }

    /** Whether the request asks for scikit-learn's {@code classification_report}. */
    public boolean report() {
        return report;
    }

    /** The decimals of the report's text table (scikit-learn's {@code digits}, default 2). */
    public int digits() {
        return digits;
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
        private ClassificationMetric classificationMetric;
        private boolean report;
        private Integer digits;
        private boolean adjustedGiven;
        private boolean kappaWeightsGiven;
        private boolean kGiven;
        private boolean normalizeGiven;
        private final TorchmetricsOptions.Builder torchmetrics = TorchmetricsOptions.builder();
        private String metricText;
        private boolean averageGiven;

        private Builder() {
        }

        /** Starts from scikit-learn options. */
        public Builder options(ScoreOptions o) {
            Objects.requireNonNull(o, "options");
            options.metric(o.metric()).average(o.average()).zeroDivision(o.zeroDivision()).task(o.task())
                    .posLabel(o.posLabel()).normalize(o.normalize()).adjusted(o.adjusted())
                    .kappaWeights(o.kappaWeights()).k(o.k());
            if (o.labels() != null) {
                options.labels(o.labels());
            }
            return this;
        }

        public Builder metric(Metric m) {
            options.metric(m);
            this.classificationMetric = null;
            return this;
        }

        /** One of the rest of scikit-learn's family (accuracy, mcc, ...), or null for the overlap metric. */
        public Builder metric(ClassificationMetric m) {
            this.classificationMetric = m;
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

        /**
         * {@code --metric}: jaccard, f1, dice, precision, recall, accuracy, balanced-accuracy, hamming-loss,
         * zero-one-loss, mcc, cohen-kappa or top-k-accuracy.
         */
        public Builder metric(String text) {
            metricText = text.trim().toLowerCase(Locale.ROOT);
            if (ClassificationMetric.isId(text)) {
                return metric(ClassificationMetric.parse(text));
            }
            try {
                return metric(Metric.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--metric must be one of jaccard, f1, dice, precision, recall, "
                        + "accuracy, balanced-accuracy, hamming-loss, zero-one-loss, mcc, cohen-kappa, top-k-accuracy; "
                        + "got '" + text + "'");
            }
        }

        /** {@code --report}: scikit-learn's classification_report instead of one metric. */
        public Builder report(boolean report) {
            this.report = report;
            return this;
        }

        /** {@code --digits} of the report's text table (at least 0); null for the default (2). */
        public Builder digits(Integer digits) {
            if (digits != null && digits < 0) {
                throw new IllegalArgumentException("--digits must be an integer >= 0; got " + digits);
            }
            this.digits = digits;
            return this;
        }

        /** {@code --adjusted} of balanced accuracy (chance scores 0). */
        public Builder adjusted(boolean adjusted) {
            options.adjusted(adjusted);
            adjustedGiven |= adjusted;
            return this;
        }

        /** {@code --kappa-weights}: none, linear or quadratic (Cohen's kappa); null for the default (none). */
        public Builder kappaWeights(String text) {
            if (text != null) {
                options.kappaWeights(KappaWeights.parse(text));
                kappaWeightsGiven = true;
            }
            return this;
        }

        /** {@code --k} of top-k accuracy (at least 1); null for the default (2). */
        public Builder k(Integer k) {
            if (k != null) {
                if (k < 1) {
                    throw new IllegalArgumentException("--k must be an integer >= 1; got " + k);
                }
                options.k(k);
                kGiven = true;
            }
            return this;
        }

        /**
         * {@code --normalize}: true (a fraction, the default) or false (a count, or summed weight) for accuracy,
         * zero-one loss and top-k accuracy; null for the default.
         */
        public Builder normalize(String text) {
            if (text == null) {
                return this;
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("--normalize must be true or false; got '" + text + "'");
            }
            options.normalize(t.equals("true"));
            normalizeGiven = true;
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
