package io.jaccard4j.segmentation.boundary;

import io.jaccard4j.segmentation.distance.BoundingBox;
import io.jaccard4j.segmentation.distance.Grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A boundary metric over images of class-index masks, per (image, class) pair, accumulated image by image. For
 * each image and each scored class c (0..C−1, without 0 unless {@code includeBackground}) the binary masks
 * truth == c and pred == c give one value v(i, c) (see {@link SurfaceDistances}, {@link BoundaryIoU}); NaN marks an
 * undefined pair (see {@link EmptyMaskRule}). The reductions, as torchmetrics reduces its segmentation metrics:
 * <ul>
 *   <li>{@link #score()}: the mean of v(i, c) over all defined pairs (torchmetrics' {@code HausdorffDistance}:
 *       the mean over samples and classes); +∞ if a value is +∞; NaN if no pair is defined;</li>
 *   <li>{@link #perLabel()}: per class, the mean over images where it is defined;</li>
 *   <li>{@link #perImage()}: per image, the mean over its defined classes.</li>
 * </ul>
 * For Boundary IoU the per-class value is the dataset value Σ_i |G_d ∩ P_d| / Σ_i |G_d ∪ P_d| and the score is the
 * mean of the per-class values over the classes with a non-empty union (as the dataset IoU reduces).
 */
public final class SurfaceScores {
    private final int numClasses;
    private final SurfaceMetricOptions options;
    private final int firstClass;
    private final List<double[]> rows = new ArrayList<>();
    private final long[] intersections;
    private final long[] unions;
    private final List<long[]> rowIntersections = new ArrayList<>();
    private final List<long[]> rowUnions = new ArrayList<>();

    private SurfaceScores(int numClasses, SurfaceMetricOptions options) {
        this.numClasses = numClasses;
        this.options = options;
        this.firstClass = options.includeBackground() ? 0 : 1;
        this.intersections = new long[numClasses];
        this.unions = new long[numClasses];
    }

    /**
     * An empty accumulator.
     *
     * @throws IllegalArgumentException if {@code numClasses} &lt; 1, or &lt; 2 without the background
     */
    public static SurfaceScores of(int numClasses, SurfaceMetricOptions options) {
        if (numClasses < 1 || (numClasses < 2 && !options.includeBackground())) {
            throw new IllegalArgumentException("number of classes must be >= " + (options.includeBackground() ? 1 : 2)
                    + (options.includeBackground() ? "" : " when the background is excluded") + "; got " + numClasses);
        }
        return new SurfaceScores(numClasses, options);
    }

    /** The classes scored, in column order of {@link #values()}. */
    public int[] classes() {
        int[] c = new int[numClasses - firstClass];
        for (int k = 0; k < c.length; k++) {
            c[k] = firstClass + k;
        }
        return c;
    }

    /**
     * Adds one image.
     *
     * @throws IllegalArgumentException if a mask has another length than the grid or a value outside
     *     0..C−1, or (rule {@link EmptyMaskRule#TORCHMETRICS}) a scored class is absent from both masks
     */
    public void update(int[] truth, int[] pred, Grid grid) {
        grid.checkLength(truth.length, "truth mask");
        grid.checkLength(pred.length, "predicted mask");
        checkLabels(truth, "truth");
        checkLabels(pred, "prediction");
        int image = rows.size();
        double[] row = new double[numClasses - firstClass];
        rowIntersections.add(new long[numClasses]);
        rowUnions.add(new long[numClasses]);
        if (options.metric() != SurfaceMetric.BOUNDARY_IOU) {
            // the distance metrics only look inside the box of each class: cut the class masks to it
            BoundingBox[] inTruth = BoundingBox.perLabel(grid, truth, numClasses);
            BoundingBox[] inPred = BoundingBox.perLabel(grid, pred, numClasses);
            for (int c = firstClass; c < numClasses; c++) {
                BoundingBox box = BoundingBox.union(inTruth[c], inPred[c], grid);
                Grid g = box == null ? grid : box.grid();
                boolean[] t = box == null ? null : box.cutLabel(truth, c, grid);
                boolean[] p = box == null ? null : box.cutLabel(pred, c, grid);
                row[c - firstClass] = pairValue(t, p, inTruth[c] != null, inPred[c] != null, g, image, c);
            }
            rows.add(row);
            return;
        }
        boolean[] t = new boolean[truth.length];
        boolean[] p = new boolean[pred.length];
        for (int c = firstClass; c < numClasses; c++) {
            boolean anyT = false;
            boolean anyP = false;
            for (int i = 0; i < t.length; i++) {
                t[i] = truth[i] == c;
                p[i] = pred[i] == c;
                anyT |= t[i];
                anyP |= p[i];
            }
            row[c - firstClass] = pairValue(t, p, anyT, anyP, grid, image, c);
        }
        rows.add(row);
    }

    /** Adds one image of binary masks (class 1 = the mask); requires C = 2. */
    public void updateBinary(boolean[] truth, boolean[] pred, Grid grid) {
        if (numClasses != 2) {
            throw new IllegalArgumentException("binary masks need 2 classes; this accumulator has " + numClasses);
        }
        grid.checkLength(truth.length, "truth mask");
        grid.checkLength(pred.length, "predicted mask");
        int[] t = new int[truth.length];
        int[] p = new int[pred.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = truth[i] ? 1 : 0;
            p[i] = pred[i] ? 1 : 0;
        }
        update(t, p, grid);
    }

    private void checkLabels(int[] labels, String what) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(what + " has label " + labels[i] + " at index " + i
                        + "; expected 0.." + (numClasses - 1));
            }
        }
    }

    private double pairValue(boolean[] t, boolean[] p, boolean anyT, boolean anyP, Grid grid, int image, int c) {
        SurfaceMetric metric = options.metric();
        if (metric == SurfaceMetric.BOUNDARY_IOU) {
            BoundaryIoU b = BoundaryIoU.of(t, p, grid, options.dilationRatio());
            intersections[c] += b.intersection();
            unions[c] += b.union();
            rowIntersections.get(image)[c] = b.intersection();
            rowUnions.get(image)[c] = b.union();
            return b.value();
        }
        boolean distanceMetric = metric == SurfaceMetric.HAUSDORFF || metric == SurfaceMetric.ASSD;
        if (!anyT && !anyP) {
            if (distanceMetric && options.emptyMaskRule() == EmptyMaskRule.TORCHMETRICS) {
                throw new IllegalArgumentException("class " + c + " is absent from both the truth and the prediction of"
                        + " image " + image + ": its " + metric.flagName() + " is undefined (torchmetrics raises here);"
                        + " use the empty-mask rule nan to skip such pairs");
            }
            return Double.NaN;
        }
        if (distanceMetric && (!anyT || !anyP)) {
            return options.emptyMaskRule() == EmptyMaskRule.TORCHMETRICS ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        SurfaceDistances s = SurfaceDistances.of(t, p, grid, options.distance(), options.threads());
        switch (metric) {
            case HAUSDORFF: return s.hausdorff(options.percentile(), options.directed());
            case ASSD: return s.averageSurfaceDistance(options.directed());
            case NSD: return s.surfaceDice(options.tolerance());
            default: return s.boundaryF1(options.tolerance());
        }
    }

    /** The values v(i, c), one row per image, one column per {@linkplain #classes() scored class} (copies). */
    public double[][] values() {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).clone();
        }
        return out;
    }

    /** An accumulator holding the images at {@code rows} (repeats allowed), for a bootstrap resample. */
    public SurfaceScores select(int[] rows) {
        SurfaceScores out = new SurfaceScores(numClasses, options);
        for (int r : rows) {
            if (r < 0 || r >= this.rows.size()) {
                throw new IllegalArgumentException("image row " + r + " is outside 0.." + (this.rows.size() - 1));
            }
            out.rows.add(this.rows.get(r));
            out.rowIntersections.add(rowIntersections.get(r));
            out.rowUnions.add(rowUnions.get(r));
            for (int c = 0; c < numClasses; c++) {
                out.intersections[c] += rowIntersections.get(r)[c];
                out.unions[c] += rowUnions.get(r)[c];
            }
        }
        return out;
    }

    /**
     * Appends {@code other}'s images after this accumulator's (a training loop's batches, in order); returns this.
     *
     * @throws IllegalArgumentException if the two differ in class count or options
     */
    public SurfaceScores append(SurfaceScores other) {
        if (other.numClasses != numClasses || other.options != options) {
            throw new IllegalArgumentException("cannot append " + other.options.metric().flagName() + " over "
                    + other.numClasses + " classes to " + options.metric().flagName() + " over " + numClasses
                    + " classes with other options");
        }
        rows.addAll(other.rows);
        rowIntersections.addAll(other.rowIntersections);
        rowUnions.addAll(other.rowUnions);
        for (int c = 0; c < numClasses; c++) {
            intersections[c] += other.intersections[c];
            unions[c] += other.unions[c];
        }
        return this;
    }

    /** The number of images added. */
    public int images() {
        return rows.size();
    }

    /** The number of (image, class) pairs whose value is NaN. */
    public long undefinedPairs() {
        long n = 0;
        for (double[] r : rows) {
            for (double v : r) {
                if (Double.isNaN(v)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The mean over all defined (image, class) pairs (Boundary IoU: the mean of {@link #perLabel()}). */
    public double score() {
        if (options.metric() == SurfaceMetric.BOUNDARY_IOU) {
            return nanMean(perLabel());
        }
        double sum = 0;
        long n = 0;
        for (double[] r : rows) {
            for (double v : r) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Per scored class, the mean over the images where it is defined (Boundary IoU: Σ intersection / Σ union). */
    public double[] perLabel() {
        int k = numClasses - firstClass;
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            if (options.metric() == SurfaceMetric.BOUNDARY_IOU) {
                int c = firstClass + j;
                out[j] = unions[c] == 0 ? Double.NaN : (double) intersections[c] / unions[c];
                continue;
            }
            double[] col = new double[rows.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = rows.get(i)[j];
            }
            out[j] = nanMean(col);
        }
        return out;
    }

    /** Per image, the mean over its defined classes. */
    public double[] perImage() {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nanMean(rows.get(i));
        }
        return out;
    }

    static double nanMean(double[] v) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public String toString() {
        return options.metric().flagName() + " over " + rows.size() + " images: " + score() + " per class "
                + Arrays.toString(perLabel());
    }
}
