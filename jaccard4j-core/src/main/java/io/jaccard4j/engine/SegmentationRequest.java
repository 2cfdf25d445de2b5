package io.jaccard4j.engine;

import io.jaccard4j.calibration.Binning;
import io.jaccard4j.segmentation.GeneralizedDiceScore;
import io.jaccard4j.segmentation.boundary.EmptyMaskRule;
import io.jaccard4j.segmentation.boundary.SurfaceMetric;
import io.jaccard4j.segmentation.distance.DistanceMetric;
import io.jaccard4j.segmentation.distance.Grid;
import io.jaccard4j.uncertainty.BootstrapInterval;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The options of the segmentation metrics of {@code score} (boundary, distance, overlap-family, calibration and
 * fine-grained scores, and bootstrap intervals), immutable, validated once by {@link Builder} with the messages
 * every front end prints. Flags and their meaning:
 * <ul>
 *   <li>{@code --metric}: boundary-iou, boundary-f1, hausdorff, assd, nsd, generalized-dice, pixel-accuracy,
 *       class-accuracy, ece, brier, nll ({@link #METRICS}); or a scikit-learn metric with {@code --fine-grained};</li>
 *   <li>{@code --dilation-ratio r} (Boundary IoU, default 0.02), {@code --tolerance t} (NSD: required; boundary F1:
 *       default 1), {@code --percentile q} (Hausdorff, default 100), {@code --directed}, {@code --distance}
 *       euclidean|chessboard|taxicab, {@code --spacing a,b[,c]}, {@code --include-background true|false},
 *       {@code --empty-masks nan|torchmetrics};</li>
 *   <li>{@code --weight-type square|simple|linear} (generalized Dice);</li>
 *   <li>{@code --probs P.npy}, {@code --bins B} (default 15), {@code --binning width|mass} (ECE);</li>
 *   <li>{@code --fine-grained}: JDTLosses' fine-grained IoU/Dice/accuracy;</li>
 *   <li>{@code --ci level --bootstrap R --seed S}: a percentile bootstrap interval over images (samples for
 *       classification scores), R = 1000 and S = 0 by default.</li>
 * </ul>
 */
public final class SegmentationRequest {
    /** The metric names this request adds to {@code --metric}. */
    public static final List<String> METRICS = List.of("boundary-iou", "boundary-f1", "hausdorff", "assd", "nsd",
            "generalized-dice", "pixel-accuracy", "class-accuracy", "ece", "brier", "nll");

    private final String metric;
    private final Double dilationRatio;
    private final Double tolerance;
    private final Double percentile;
    private final boolean directed;
    private final DistanceMetric distance;
    private final double[] spacing;
    private final Boolean includeBackground;
    private final EmptyMaskRule emptyMasks;
    private final GeneralizedDiceScore.WeightType weightType;
    private final Path probs;
    private final int bins;
    private final Binning binning;
    private final boolean fineGrained;
    private final Double ciLevel;
    private final int bootstrap;
    private final long seed;

    private SegmentationRequest(Builder b) {
        this.metric = b.metric;
        this.dilationRatio = b.dilationRatio;
        this.tolerance = b.tolerance;
        this.percentile = b.percentile;
        this.directed = b.directed;
        this.distance = b.distance;
        this.spacing = b.spacing;
        this.includeBackground = b.includeBackground;
        this.emptyMasks = b.emptyMasks;
        this.weightType = b.weightType;
        this.probs = b.probs;
        this.bins = b.bins;
        this.binning = b.binning;
        this.fineGrained = b.fineGrained;
        this.ciLevel = b.ciLevel;
        this.bootstrap = b.bootstrap;
        this.seed = b.seed;
    }

    /**
     * Whether this request only asks {@code --ci} for a classic overlap score on masks ({@link OverlapBootstrap}):
     * no segmentation metric and no {@code --fine-grained}.
     */
    public boolean overlapInterval() {
        return metric == null && !fineGrained;
    }

    /** Whether {@code --metric name} is one of {@link #METRICS}. */
    public static boolean isSegmentationMetric(String name) {
        return name != null && METRICS.contains(name.trim().toLowerCase(Locale.ROOT));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The segmentation metric, or null (a scikit-learn metric with {@code --fine-grained}). */
    public String metric() {
        return metric;
    }

    /** Whether the metric is one of the boundary metrics scored by surfaces or bands. */
    public boolean isBoundaryMetric() {
        return metric != null && List.of("boundary-iou", "boundary-f1", "hausdorff", "assd", "nsd").contains(metric);
    }

    /** Whether the metric scores probabilities ({@code --probs}). */
    public boolean isCalibrationMetric() {
        return metric != null && List.of("ece", "brier", "nll").contains(metric);
    }

    public Double dilationRatio() {
        return dilationRatio;
    }

    public Double tolerance() {
        return tolerance;
    }

    public Double percentile() {
        return percentile;
    }

    public boolean directed() {
        return directed;
    }

    public DistanceMetric distance() {
        return distance;
    }

    /** The spacing given, or null (a copy). */
    public double[] spacing() {
        return spacing == null ? null : spacing.clone();
    }

    /** {@code --include-background}, or null for the metric's default. */
    public Boolean includeBackground() {
        return includeBackground;
    }

    public EmptyMaskRule emptyMasks() {
        return emptyMasks;
    }

    public GeneralizedDiceScore.WeightType weightType() {
        return weightType;
    }

    public Path probs() {
        return probs;
    }

    public int bins() {
        return bins;
    }

    public Binning binning() {
        return binning;
    }

    public boolean fineGrained() {
        return fineGrained;
    }

    /** The confidence level, or null for no interval. */
    public Double ciLevel() {
        return ciLevel;
    }

    public int bootstrap() {
        return bootstrap;
    }

    public long seed() {
        return seed;
    }

    /** Builds a {@link SegmentationRequest}; the text setters take the command-line spellings. */
    public static final class Builder {
        private String metric;
        private Double dilationRatio;
        private Double tolerance;
        private Double percentile;
        private boolean directed;
        private DistanceMetric distance = DistanceMetric.EUCLIDEAN;
        private double[] spacing;
        private Boolean includeBackground;
        private EmptyMaskRule emptyMasks = EmptyMaskRule.NAN;
        private GeneralizedDiceScore.WeightType weightType = GeneralizedDiceScore.WeightType.SQUARE;
        private Path probs;
        private int bins = 15;
        private Binning binning = Binning.WIDTH;
        private boolean fineGrained;
        private Double ciLevel;
        private int bootstrap = 1000;
        private long seed;
        private boolean distanceGiven;
        private boolean weightGiven;
        private boolean binsGiven;
        private boolean anySet;
        private boolean resamplingGiven;

        private Builder() {
        }

        /** {@code --metric} when it is a segmentation metric. */
        public Builder metric(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            if (!METRICS.contains(n)) {
                throw new IllegalArgumentException("--metric " + name + " is not a segmentation metric; expected one of "
                        + String.join(", ", METRICS));
            }
            this.metric = n;
            anySet = true;
            return this;
        }

        public Builder dilationRatio(Double r) {
            if (r != null && (!(r > 0) || !Double.isFinite(r))) {
                throw new IllegalArgumentException("--dilation-ratio must be finite and > 0; got " + r);
            }
            this.dilationRatio = r;
            anySet |= r != null;
            return this;
        }

        public Builder tolerance(Double t) {
            if (t != null && (!(t >= 0) || !Double.isFinite(t))) {
                throw new IllegalArgumentException("--tolerance must be finite and >= 0; got " + t);
            }
            this.tolerance = t;
            anySet |= t != null;
            return this;
        }

        public Builder percentile(Double q) {
            if (q != null && !(q > 0 && q <= 100)) {
                throw new IllegalArgumentException("--percentile must be in (0, 100]; got " + q);
            }
            this.percentile = q;
            anySet |= q != null;
            return this;
        }

        public Builder directed(boolean d) {
            this.directed = d;
            anySet |= d;
            return this;
        }

        /** {@code --distance}: euclidean, chessboard or taxicab (null keeps euclidean). */
        public Builder distance(String text) {
            if (text != null) {
                this.distance = DistanceMetric.parse(text);
                this.distanceGiven = true;
                anySet = true;
            }
            return this;
        }

        /** {@code --spacing a,b[,c]}: positive finite values, checked against the masks' axes when scoring. */
        public Builder spacing(List<String> values) {
            if (values == null) {
                return this;
            }
            double[] s = new double[values.size()];
            for (int i = 0; i < s.length; i++) {
                try {
                    s[i] = Double.parseDouble(values.get(i).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--spacing must be numbers separated by commas; got '"
                            + String.join(",", values) + "'");
                }
            }
            if (s.length < 1 || s.length > 3) {
                throw new IllegalArgumentException("--spacing takes 2 or 3 values (one per spatial axis); got "
                        + s.length);
            }
            try {
                Grid.checkSpacing(s, s.length);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--spacing: " + e.getMessage());
            }
            this.spacing = s;
            anySet |= true;
            return this;
        }

        /** {@code --include-background true|false} (null: the metric's default). */
        public Builder includeBackground(String text) {
            if (text == null) {
                return this;
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("--include-background must be true or false; got '" + text + "'");
            }
            this.includeBackground = t.equals("true");
            anySet = true;
            return this;
        }

        /** {@code --empty-masks nan|torchmetrics}. */
        public Builder emptyMasks(String text) {
            if (text != null) {
                this.emptyMasks = EmptyMaskRule.parse(text);
                anySet = true;
            }
            return this;
        }

        /** {@code --weight-type square|simple|linear}. */
        public Builder weightType(String text) {
            if (text != null) {
                this.weightType = GeneralizedDiceScore.WeightType.parse(text);
                this.weightGiven = true;
                anySet = true;
            }
            return this;
        }

        public Builder probs(Path p) {
            this.probs = p;
            anySet |= p != null;
            return this;
        }

        public Builder bins(Integer b) {
            if (b != null) {
                if (b < 1) {
                    throw new IllegalArgumentException("--bins must be >= 1; got " + b);
                }
                this.bins = b;
                this.binsGiven = true;
                anySet = true;
            }
            return this;
        }

        /** {@code --binning width|mass}. */
        public Builder binning(String text) {
            if (text != null) {
                this.binning = Binning.parse(text);
                this.binsGiven = true;
                anySet = true;
            }
            return this;
        }

        public Builder fineGrained(boolean f) {
            this.fineGrained = f;
            anySet |= f;
            return this;
        }

        /** {@code --ci level}, in (0, 1). */
        public Builder ci(Double level) {
            if (level != null) {
                BootstrapInterval.checkLevel(level);
            }
            this.ciLevel = level;
            anySet |= level != null;
            return this;
        }

        public Builder bootstrap(Integer r) {
            if (r != null) {
                if (r < 1) {
                    throw new IllegalArgumentException("--bootstrap must be >= 1 resamples; got " + r);
                }
                this.bootstrap = r;
                anySet = true;
                resamplingGiven = true;
            }
            return this;
        }

        public Builder seed(Long s) {
            if (s != null) {
                this.seed = s;
                anySet = true;
                resamplingGiven = true;
            }
            return this;
        }

        /** {@link #build()} when a segmentation metric or flag was given, else null (a plain scikit-learn score). */
        public SegmentationRequest buildIfUsed() {
            return anySet ? build() : null;
        }

        /**
         * Checks that the flags fit the metric.
         *
         * @throws IllegalArgumentException naming a flag that does not apply
         */
        public SegmentationRequest build() {
            boolean boundary = metric != null
                    && List.of("boundary-iou", "boundary-f1", "hausdorff", "assd", "nsd").contains(metric);
            boolean calibration = metric != null && List.of("ece", "brier", "nll").contains(metric);
            requireOnly(dilationRatio != null, "--dilation-ratio", "boundary-iou");
            requireOnly(percentile != null || directed, "--percentile/--directed", "hausdorff", "assd");
            requireOnly(tolerance != null, "--tolerance", "nsd", "boundary-f1");
            requireOnly(distanceGiven, "--distance", "hausdorff", "assd", "nsd", "boundary-f1");
            requireOnly(weightGiven, "--weight-type", "generalized-dice");
            requireOnly(binsGiven, "--bins/--binning", "ece");
            if (!boundary && (spacing != null || emptyMasks != EmptyMaskRule.NAN)) {
                throw new IllegalArgumentException("--spacing and --empty-masks apply to the boundary metrics "
                        + "(boundary-iou, boundary-f1, hausdorff, assd, nsd)");
            }
            if (calibration != (probs != null)) {
                throw new IllegalArgumentException(calibration ? "--metric " + metric + " needs --probs P.npy "
                        + "(probabilities N x C x spatial, or N x C)" : "--probs applies to --metric ece, brier or nll");
            }
            if ("nsd".equals(metric) && tolerance == null) {
                throw new IllegalArgumentException("--metric nsd needs --tolerance t (in the units of --spacing)");
            }
            if (resamplingGiven && ciLevel == null) {
                throw new IllegalArgumentException("--bootstrap and --seed apply with --ci level");
            }
            if (metric == null && !fineGrained && ciLevel == null) {
                throw new IllegalArgumentException("segmentation options need --metric " + String.join("|", METRICS)
                        + " or --fine-grained");
            }
            if (metric != null && fineGrained) {
                throw new IllegalArgumentException("--fine-grained prints the fine-grained IoU; use it with --metric "
                        + "jaccard, not " + metric);
            }
            return new SegmentationRequest(this);
        }

        private void requireOnly(boolean given, String flag, String... metrics) {
            if (given && (metric == null || !Arrays.asList(metrics).contains(metric))) {
                throw new IllegalArgumentException(flag + " applies to --metric " + String.join(" or ", metrics)
                        + (metric == null ? "" : ", not " + metric));
            }
        }
    }
}
