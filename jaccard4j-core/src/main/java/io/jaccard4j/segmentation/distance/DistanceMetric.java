package io.jaccard4j.segmentation.distance;

import java.util.Locale;

/**
 * The distance between two grid points x and y with voxel spacing s, as torchmetrics' {@code distance_transform}
 * and scipy define them:
 * <ul>
 *   <li>{@link #EUCLIDEAN}: √(Σ_i (s_i·(x_i − y_i))²);</li>
 *   <li>{@link #CHESSBOARD}: max_i s_i·|x_i − y_i|;</li>
 *   <li>{@link #TAXICAB}: Σ_i s_i·|x_i − y_i|.</li>
 * </ul>
 */
public enum DistanceMetric {
    EUCLIDEAN, CHESSBOARD, TAXICAB;

    /** The distance between two points given by their coordinates, with spacing {@code spacing}. */
    public double between(int[] x, int[] y, double[] spacing) {
        double acc = 0;
        for (int i = 0; i < x.length; i++) {
            double d = spacing[i] * Math.abs(x[i] - y[i]);
            switch (this) {
                case EUCLIDEAN: acc += d * d; break;
                case CHESSBOARD: acc = Math.max(acc, d); break;
                default: acc += d; break;
            }
        }
        return this == EUCLIDEAN ? Math.sqrt(acc) : acc;
    }

    /** The lower-case name used on the command line. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code euclidean}, {@code chessboard} or {@code taxicab} (any case).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static DistanceMetric parse(String name) {
        for (DistanceMetric m : values()) {
            if (m.flagName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("distance must be one of euclidean, chessboard, taxicab; got '" + name + "'");
    }
}
