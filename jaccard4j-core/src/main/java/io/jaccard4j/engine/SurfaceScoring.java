package io.jaccard4j.engine;

import io.jaccard4j.engine.SegmentationScores.MaskSource;
import io.jaccard4j.segmentation.boundary.SurfaceMetricOptions;
import io.jaccard4j.segmentation.boundary.SurfaceScores;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The boundary and distance metrics of {@code score} ({@code --metric boundary-iou, boundary-f1, hausdorff, assd,
 * nsd}) split into per-image work that other machines can do, with the reading, checks and output of
 * {@link SegmentationScores}:
 * <ol>
 *   <li>{@link #plan} (driver): checks the arguments and lists the images in scoring order ({@link #images()}):
 *       the pairs of two mask directories are listed (by absolute path), not read; two NPY arrays are read and cut
 *       into images;</li>
 *   <li>{@link #maxLabel} (each partition, a contiguous run of images): reads its images and returns their largest
 *       label L_j, checking signs; the driver's class count is C = max(1, max_j L_j) + 1
 *       ({@link #numClasses}, which also checks the options);</li>
 *   <li>{@link #state} (each partition): reads its images again and returns their {@link SurfaceScores} over C
 *       classes;</li>
 *   <li>{@link #outcome} (driver): appends the partitions' states in image order and prints through the same
 *       {@link ScoreOutcome}, {@code --ci} included.</li>
 * </ol>
 * Each image's value v(i, c) is computed by the same code on whichever machine reads it, and the means are taken on
 * the driver over the rows in image order, so the output is byte-identical to {@code jaccard4j score}; bad input
 * found on a partition comes back as a value and the driver throws the error of the first image in image order
 * (unreadable files before bad labels, as the one-machine scoring reads every image before it checks labels). This object
 * is Serializable; the image list and the request stay on the driver.
 */
public final class SurfaceScoring implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] spacing;
    private final int ignore;
    private transient List<MaskSource> images;
    private transient ScoreRequest request;
    /** Set on the driver by {@link #numClasses}, before the second pass is shipped. */
    private SurfaceMetricOptions options;

    private SurfaceScoring(double[] spacing, int ignore, List<MaskSource> images, ScoreRequest request) {
        this.spacing = spacing;
        this.ignore = ignore;
        this.images = images;
        this.request = request;
    }

    /**
     * The plan for a request, or null when it is not a boundary or distance metric (the other segmentation
     * metrics, and every other score, are not split here).
     *
     * @throws IllegalArgumentException for bad arguments (sample weights, a missing file, a directory paired with a
     *     file, NPY arrays of different shapes); {@code --ignore-index} and the metric's options are checked by
     *     {@link #numClasses}, after the masks, as the one-machine scoring checks them
     * @throws IOException if a directory cannot be listed or an NPY array read
     */
    public static SurfaceScoring plan(Path yTrue, Path yPred, Path sampleWeight, ScoreRequest request)
            throws IOException {
        SegmentationRequest seg = request.segmentation();
        if (seg == null || !seg.isBoundaryMetric()) {
            return null;
        }
        SegmentationScores.checkFiles(yTrue, yPred, sampleWeight, seg);
        // absolute paths: an executor's working directory is not the driver's
        List<MaskSource> images = SegmentationScores.sources(yTrue.toAbsolutePath(), yPred.toAbsolutePath());
        return new SurfaceScoring(seg.spacing(), request.maskIgnoreIndex(), images, request);
    }

    /** The images in scoring order (driver only). */
    public List<MaskSource> images() {
        return images;
    }

    /**
     * What a partition's first pass found: its images' largest label (0 if none), the first image that could not
     * be read, and the first negative label, in image order. Errors travel as values, so that the driver reports the
     * error the one-machine scoring reports (the first read error over all images, else the first label error),
     * whichever task ends first.
     */
    public static final class Labels implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int max;
        private final Exception readError;
        private final RuntimeException labelError;

        private Labels(int max, Exception readError, RuntimeException labelError) {
            this.max = max;
            this.readError = readError;
            this.labelError = labelError;
        }
    }

    /** A partition's second pass: its state, or the first error in image order. */
    public static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;
        private final SurfaceScores state;
        private final RuntimeException error;

        private Part(SurfaceScores state, RuntimeException error) {
            this.state = state;
            this.error = error;
        }
    }

    /** Reads the images of a partition and returns their largest label, checking that no label is negative. */
    public Labels maxLabel(Iterator<MaskSource> part) {
        int max = 0;
        RuntimeException labelError = null;
        while (part.hasNext()) {
            SegmentationScores.Image im;
            try {
                im = part.next().read();
            } catch (IOException | RuntimeException e) {
                return new Labels(max, e, labelError);
            }
            if (labelError == null) {
                try {
                    max = Math.max(max, SegmentationScores.maxLabel(im, ignore));
                } catch (RuntimeException e) {
                    labelError = e;
                }
            }
        }
        return new Labels(max, null, labelError);
    }

    /**
     * The class count C of the partitions whose first passes are {@code parts}, in image order (driver only); then
     * checks the request's {@code --ignore-index} and builds the metric's options for the second pass.
     *
     * @throws IOException or IllegalArgumentException the first error a partition found: an unreadable image
     *     first, then a negative label; IllegalArgumentException if a label reaches 4096, for
     *     {@code --ignore-index}, or for bad options (an NSD without tolerance)
     */
    public int numClasses(List<Labels> parts) throws IOException {
        for (Labels l : parts) {
            if (l.readError != null) {
                throw rethrow(l.readError);
            }
        }
        int max = 1;
        for (Labels l : parts) {
            if (l.labelError != null) {
                throw l.labelError;
            }
            max = Math.max(max, l.max);
        }
        int c = SegmentationScores.classCount(max);
        SegmentationScores.checkBoundaryRequest(request);
        options = SegmentationScores.surfaceOptions(request.segmentation());
        return c;
    }

    private static IOException rethrow(Exception e) {
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        return (IOException) e;
    }

    /** Reads the images of a partition and returns their state over {@code numClasses} classes, rows in order. */
    public Part state(Iterator<MaskSource> part, int numClasses) {
        if (options == null) {
            throw new IllegalStateException("the class count must be taken (numClasses) before the second pass");
        }
        SurfaceScores s = SegmentationScores.surfaceState(numClasses, options);
        try {
            while (part.hasNext()) {
                SegmentationScores.addImage(s, part.next().read(), spacing);
            }
        } catch (IOException e) {
            return new Part(null, new java.io.UncheckedIOException(e.getMessage(), e));
        } catch (RuntimeException e) {
            return new Part(null, e);
        }
        return new Part(s, null);
    }

    /**
     * The output of the metric from the partitions' second passes, given in image order (driver only).
     *
     * @throws IllegalArgumentException the first error a partition found, or if no part is given
     */
    public ScoreOutcome outcome(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no partition states to merge");
        }
        SurfaceScores merged = null;
        for (Part p : parts) {
            if (p.error != null) {
                throw p.error;
            }
            merged = merged == null ? p.state : merged.append(p.state);
        }
        return SegmentationScores.surfaceOutcome(merged, options, request.segmentation());
    }
}
