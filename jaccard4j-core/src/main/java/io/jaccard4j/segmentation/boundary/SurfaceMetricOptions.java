package io.jaccard4j.segmentation.boundary;

import io.jaccard4j.concurrent.ChunkedWork;
import io.jaccard4j.segmentation.distance.DistanceMetric;
import java.io.Serializable;
import java.util.Objects;

/**
 * The options of a boundary metric, immutable, built with {@link #builder(SurfaceMetric)}:
 * <ul>
 *   <li>{@code distance}: euclidean (default), chessboard or taxicab, in the units of the grid's spacing;</li>
 *   <li>{@code percentile} q in (0, 100] for the Hausdorff distance (default 100 = maximum; 95 = HD95);</li>
 *   <li>{@code directed}: the Hausdorff distance and ASD from the prediction to the truth only (default
 *       symmetric);</li>
 *   <li>{@code tolerance} τ ≥ 0 for NSD (required) and the boundary F-score (default 1, torchmetrics'
 *       {@code boundary_width}; with the chessboard distance it is torchmetrics' square window);</li>
 *   <li>{@code dilationRatio} for Boundary IoU (default 0.02);</li>
 *   <li>{@code includeBackground}: score class 0 (default per {@link SurfaceMetric#includesBackgroundByDefault});</li>
 *   <li>{@code emptyMaskRule} (default {@link EmptyMaskRule#NAN}); {@code threads} for the distance transforms.</li>
 * </ul>
 * Serializable, and equal to another options object with the same values (so that states built on different
 * machines can be {@linkplain SurfaceScores#append appended}).
 */
public final class SurfaceMetricOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SurfaceMetric metric;
    private final DistanceMetric distance;
    private final double percentile;
    private final boolean directed;
    private final double tolerance;
    private final double dilationRatio;
    private final boolean includeBackground;
    private final EmptyMaskRule emptyMaskRule;
    private final int threads;

    private SurfaceMetricOptions(Builder b) {
        this.metric = b.metric;
        this.distance = b.distance;
        this.percentile = b.percentile;
        this.directed = b.directed;
        this.tolerance = b.tolerance;
        this.dilationRatio = b.dilationRatio;
        this.includeBackground = b.includeBackground == null ? b.metric.includesBackgroundByDefault() : b.includeBackground;
        this.emptyMaskRule = b.emptyMaskRule;
        this.threads = b.threads;
    }

    /** A builder with the defaults above. */
    public static Builder builder(SurfaceMetric metric) {
        return new Builder(metric);
    }

    public SurfaceMetric metric() {
        return metric;
    }

    public DistanceMetric distance() {
        return distance;
    }

    public double percentile() {
        return percentile;
    }

    public boolean directed() {
        return directed;
    }

    public double tolerance() {
        return tolerance;
    }

    public double dilationRatio() {
        return dilationRatio;
    }

    public boolean includeBackground() {
        return includeBackground;
    }

    public EmptyMaskRule emptyMaskRule() {
        return emptyMaskRule;
    }

    public int threads() {
        return threads;
    }

    /** Equal when every option, the thread count included, is equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SurfaceMetricOptions)) {
            return false;
        }
        SurfaceMetricOptions x = (SurfaceMetricOptions) o;
        return metric == x.metric && distance == x.distance && Double.compare(percentile, x.percentile) == 0
                && directed == x.directed && Double.compare(tolerance, x.tolerance) == 0
                && Double.compare(dilationRatio, x.dilationRatio) == 0 && includeBackground == x.includeBackground
                && emptyMaskRule == x.emptyMaskRule && threads == x.threads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, distance, percentile, directed, tolerance, dilationRatio, includeBackground,
                emptyMaskRule, threads);
    }

    /** Builds {@link SurfaceMetricOptions}; each setter checks its value. */
    public static final class Builder {
        private final SurfaceMetric metric;
        private DistanceMetric distance = DistanceMetric.EUCLIDEAN;
        private double percentile = 100;
        private boolean directed;
        private double tolerance = Double.NaN;
        private double dilationRatio = BoundaryIoU.DEFAULT_DILATION_RATIO;
        private Boolean includeBackground;
        private EmptyMaskRule emptyMaskRule = EmptyMaskRule.NAN;
        private int threads = 1;

        private Builder(SurfaceMetric metric) {
            if (metric == null) {
                throw new IllegalArgumentException("boundary metric must be given");
            }
            this.metric = metric;
            if (metric == SurfaceMetric.BOUNDARY_F1) {
                tolerance = 1;
            }
        }

        public Builder distance(DistanceMetric d) {
            if (d == null) {
                throw new IllegalArgumentException("distance must be euclidean, chessboard or taxicab; got null");
            }
            this.distance = d;
            return this;
        }

        /** @throws IllegalArgumentException unless 0 &lt; q ≤ 100 */
        public Builder percentile(double q) {
            if (!(q > 0 && q <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100]; got " + q);
            }
            this.percentile = q;
            return this;
        }

        public Builder directed(boolean d) {
            this.directed = d;
            return this;
        }

        /** @throws IllegalArgumentException unless τ is finite and ≥ 0 */
        public Builder tolerance(double t) {
            if (!(t >= 0) || !Double.isFinite(t)) {
                throw new IllegalArgumentException("tolerance must be finite and >= 0; got " + t);
            }
            this.tolerance = t;
            return this;
        }

        /** @throws IllegalArgumentException unless the ratio is finite and &gt; 0 */
        public Builder dilationRatio(double r) {
            if (!(r > 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("dilation ratio must be finite and > 0; got " + r);
            }
            this.dilationRatio = r;
            return this;
        }

        public Builder includeBackground(boolean b) {
            this.includeBackground = b;
            return this;
        }

        public Builder emptyMaskRule(EmptyMaskRule r) {
            if (r == null) {
                throw new IllegalArgumentException("empty-mask rule must be nan or torchmetrics; got null");
            }
            this.emptyMaskRule = r;
            return this;
        }

        public Builder threads(int t) {
            this.threads = ChunkedWork.checkThreads(t);
            return this;
        }

        /** @throws IllegalArgumentException if NSD has no tolerance */
        public SurfaceMetricOptions build() {
            if (metric == SurfaceMetric.NSD && Double.isNaN(tolerance)) {
                throw new IllegalArgumentException("nsd needs a tolerance (--tolerance t, in the units of the spacing)");
            }
            return new SurfaceMetricOptions(this);
        }
    }
}
