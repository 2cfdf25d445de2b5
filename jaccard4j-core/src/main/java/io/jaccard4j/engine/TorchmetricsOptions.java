package io.jaccard4j.engine;

import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.Semantics;
import io.jaccard4j.torchmetrics.DiceScore;
import io.jaccard4j.torchmetrics.SegmentationInput;
import java.util.Locale;

/**
 * The part of a {@link ScoreRequest} that selects torchmetrics 1.9's rules and carries the options only they
 * have, each named after its torchmetrics argument:
 *
 * <ul>
 *   <li>{@code --semantics torchmetrics}: {@code JaccardIndex} / {@code F1Score} for {@code --metric jaccard|f1},
 *       {@code MeanIoU} for {@code --per-image}, {@code DiceScore} for {@code --metric dice};</li>
 *   <li>{@code --num-classes}: {@code num_classes} / {@code num_labels} (taken from the data when absent);</li>
 *   <li>{@code --include-background true|false}: {@code include_background} of MeanIoU and DiceScore
 *       (default true);</li>
 *   <li>{@code --per-class}: MeanIoU's {@code per_class} (−1 for classes present in no image);</li>
 *   <li>{@code --aggregation-level samplewise|global}: DiceScore's {@code aggregation_level} (default
 *       samplewise);</li>
 *   <li>{@code --input-format index|one-hot}: MeanIoU's and DiceScore's {@code input_format} (default index).</li>
 * </ul>
 * Immutable; validated when the request is built, with one message naming the flag.
 */
public final class TorchmetricsOptions {
    private final Semantics semantics;
    private final Integer numClasses;
    private final Boolean includeBackground;
    private final boolean perClass;
    private final DiceScore.AggregationLevel aggregationLevel;
    private final SegmentationInput.Format inputFormat;
    private final boolean dice;
    private final boolean averageGiven;
    private final boolean segmentationOptions;

    private TorchmetricsOptions(Builder b, boolean dice, boolean averageGiven, boolean segmentationOptions) {
        this.semantics = b.semantics;
        this.segmentationOptions = segmentationOptions;
        this.numClasses = b.numClasses;
        this.includeBackground = b.includeBackground;
        this.perClass = b.perClass;
        this.aggregationLevel = b.aggregationLevel;
        this.inputFormat = b.inputFormat;
        this.dice = dice;
        this.averageGiven = averageGiven;
    }

    static Builder builder() {
        return new Builder();
    }

    public Semantics semantics() {
        return semantics;
    }

    /**
     * Whether torchmetrics' rules apply: with {@code --semantics torchmetrics}, and also when MeanIoU's or DiceScore's
     * own options ({@code --per-class}, {@code --include-background}, {@code --input-format}, {@code --num-classes},
     * {@code --aggregation-level}) are given with {@code --per-image} or {@code --metric dice}.
     */
    public boolean active() {
        return semantics == Semantics.TORCHMETRICS || segmentationOptions;
    }

    /** {@code num_classes} / {@code num_labels}, or null to take it from the data. */
    public Integer numClasses() {
        return numClasses;
    }

    /** {@code include_background} (default true). */
    public boolean includeBackground() {
        return includeBackground == null || includeBackground;
    }

    /** MeanIoU's {@code per_class}. */
    public boolean perClass() {
        return perClass;
    }

    /** DiceScore's {@code aggregation_level} (default samplewise). */
    public DiceScore.AggregationLevel aggregationLevel() {
        return aggregationLevel == null ? DiceScore.AggregationLevel.SAMPLEWISE : aggregationLevel;
    }

    /** {@code input_format} of the segmentation metrics (default index). */
    public SegmentationInput.Format inputFormat() {
        return inputFormat == null ? SegmentationInput.Format.INDEX : inputFormat;
    }

    /** Whether {@code --metric dice} asks for torchmetrics' segmentation DiceScore. */
    public boolean dice() {
        return dice;
    }

    /** Whether {@code --average} was given (torchmetrics' default is macro, scikit-learn's binary). */
    public boolean averageGiven() {
        return averageGiven;
    }

    /** Sets the torchmetrics options; {@link ScoreRequest.Builder#build()} validates them together. */
    public static final class Builder {
        private Semantics semantics = Semantics.SKLEARN;
        private Integer numClasses;
        private Boolean includeBackground;
        private boolean perClass;
        private DiceScore.AggregationLevel aggregationLevel;
        private SegmentationInput.Format inputFormat;

        private Builder() {
        }

        /** {@code --semantics}. */
        public Builder semantics(Semantics s) {
            this.semantics = s == null ? Semantics.SKLEARN : s;
            return this;
        }

        /** {@code --num-classes}: a positive integer, or null. */
        public Builder numClasses(Integer c) {
            if (c != null && c < 1) {
                throw new IllegalArgumentException("--num-classes must be a positive integer; got " + c);
            }
            this.numClasses = c;
            return this;
        }

        /** {@code --include-background}: true, false, or null for the default (true). */
        public Builder includeBackground(Boolean b) {
            this.includeBackground = b;
            return this;
        }

        /** {@code --include-background} as text: {@code true} or {@code false}; null for the default. */
        public Builder includeBackground(String text) {
            if (text == null) {
                return includeBackground((Boolean) null);
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("--include-background must be true or false; got '" + text + "'");
            }
            return includeBackground(Boolean.valueOf(t));
        }

        /** {@code --per-class}. */
        public Builder perClass(boolean p) {
            this.perClass = p;
            return this;
        }

        /** {@code --aggregation-level}: samplewise or global; null for the default. */
        public Builder aggregationLevel(String text) {
            this.aggregationLevel = text == null ? null : DiceScore.AggregationLevel.parse(text);
            return this;
        }

        /** {@code --input-format}: index or one-hot; null for the default. */
        public Builder inputFormat(String text) {
            this.inputFormat = text == null ? null : SegmentationInput.Format.parse(text);
            return this;
        }

        TorchmetricsOptions build(ScoreRequest r, String metricText, boolean averageGiven) {
            boolean dice = "dice".equals(metricText);
            boolean segmentationOptions = (r.perImage() || dice) && (perClass || aggregationLevel != null
                    || inputFormat != null || numClasses != null || includeBackground != null);
            TorchmetricsOptions o = new TorchmetricsOptions(this, dice, averageGiven, segmentationOptions);
            if (semantics == Semantics.SKLEARN && !segmentationOptions) {
                String flag = numClasses != null ? "--num-classes" : perClass ? "--per-class"
                        : aggregationLevel != null ? "--aggregation-level" : inputFormat != null ? "--input-format"
                        : null;
                if (flag != null) {
                    throw new IllegalArgumentException(flag + " is a torchmetrics option; add --semantics torchmetrics");
                }
                return o;
            }
            Metric m = r.options().metric();
            if (m != Metric.JACCARD && m != Metric.F1) {
                throw new IllegalArgumentException("--semantics torchmetrics scores --metric jaccard, f1 or dice; got "
                        + m.id());
            }
            boolean segmentation = r.perImage() || dice;
            if (perClass && !r.perImage()) {
                throw new IllegalArgumentException("--per-class is MeanIoU's per_class; use it with --per-image");
            }
            if (aggregationLevel != null && !dice) {
                throw new IllegalArgumentException("--aggregation-level is DiceScore's aggregation_level; use it with "
                        + "--metric dice");
            }
            if (!segmentation) {
                String flag = includeBackground != null ? "--include-background" : inputFormat != null
                        ? "--input-format" : null;
                if (flag != null) {
                    throw new IllegalArgumentException(flag + " applies to torchmetrics' segmentation metrics; use it "
                            + "with --per-image (MeanIoU) or --metric dice (DiceScore)");
                }
            }
            if (r.threshold() != null && segmentation) {
                throw new IllegalArgumentException("--threshold does not apply to MeanIoU or DiceScore (masks hold "
                        + "class indices or one-hot channels)");
            }
            return o;
        }
    }
}
