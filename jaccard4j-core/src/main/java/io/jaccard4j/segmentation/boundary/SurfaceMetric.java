package io.jaccard4j.segmentation.boundary;

import java.util.Locale;

/**
 * The boundary metrics of one (image, class) pair, with their command-line names: {@code hausdorff},
 * {@code assd}, {@code nsd}, {@code boundary-f1} (see {@link SurfaceDistances} for the formulas) and
 * {@code boundary-iou} (see {@link BoundaryIoU}).
 */
public enum SurfaceMetric {
    HAUSDORFF("hausdorff", false, false),
    ASSD("assd", false, false),
    NSD("nsd", true, false),
    BOUNDARY_F1("boundary-f1", true, true),
    BOUNDARY_IOU("boundary-iou", true, true);

    private final String flagName;
    private final boolean higherIsBetter;
    private final boolean includesBackgroundByDefault;

    SurfaceMetric(String flagName, boolean higherIsBetter, boolean includesBackgroundByDefault) {
        this.flagName = flagName;
        this.higherIsBetter = higherIsBetter;
        this.includesBackgroundByDefault = includesBackgroundByDefault;
    }

    /** The command-line name. */
    public String flagName() {
        return flagName;
    }

    /** True for scores (NSD, boundary F1, Boundary IoU), false for distances. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether class 0 is scored unless told otherwise: not for the distances and NSD (torchmetrics'
     * {@code HausdorffDistance} default), yes for the boundary F-score (torchmetrics' {@code boundary_f_score})
     * and Boundary IoU.
     */
    public boolean includesBackgroundByDefault() {
        return includesBackgroundByDefault;
    }

    /** Parses a command-line name. */
    public static SurfaceMetric parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SurfaceMetric m : values()) {
            if (m.flagName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "boundary metric must be one of hausdorff, assd, nsd, boundary-f1, boundary-iou; got '" + name + "'");
    }
}
