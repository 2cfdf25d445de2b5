package io.jaccard4j.loss;

import java.util.Locale;

/**
 * How per-class overlap losses are averaged into one number: a weighted mix
 * L = w<sub>D</sub>&middot;L<sub>D</sub> + w<sub>I</sub>&middot;L<sub>I</sub> + w<sub>C</sub>&middot;L<sub>C</sub> of
 * <ul>
 *   <li>L<sub>D</sub> (dataset, mIoU<sup>D</sup>): cardinalities summed over the batch and all pixels per class,
 *       then the mean of the per-class losses over the active classes;</li>
 *   <li>L<sub>I</sub> (image, mIoU<sup>I</sup>): per image, the mean over the classes active in that image, then the
 *       mean over images having at least one active class;</li>
 *   <li>L<sub>C</sub> (class, mIoU<sup>C</sup>): per class, the mean over the images where it is active, then the
 *       mean over classes active in at least one image.</li>
 * </ul>
 * A term whose weight is 0 is not computed. Weights must be finite and &ge; 0, not all 0.
 */
public final class Reduction {
    private final double dataset;
    private final double image;
    private final double perClass;

    private Reduction(double dataset, double image, double perClass) {
        check("dataset weight", dataset);
        check("image weight", image);
        check("class weight", perClass);
        if (dataset + image + perClass == 0) {
            throw new IllegalArgumentException("reduction weights are all 0; expected at least one weight > 0");
        }
        this.dataset = dataset;
        this.image = image;
        this.perClass = perClass;
    }

    private static void check(String name, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(name + " is " + w + "; expected a finite value >= 0");
        }
    }

    /** L<sub>D</sub> only (the default). */
    public static Reduction dataset() {
        return new Reduction(1, 0, 0);
    }

    /** L<sub>I</sub> only. */
    public static Reduction image() {
        return new Reduction(0, 1, 0);
    }

    /** L<sub>C</sub> only. */
    public static Reduction perClass() {
        return new Reduction(0, 0, 1);
    }

    /** w<sub>D</sub>&middot;L<sub>D</sub> + w<sub>I</sub>&middot;L<sub>I</sub> + w<sub>C</sub>&middot;L<sub>C</sub>. */
    public static Reduction mix(double datasetWeight, double imageWeight, double classWeight) {
        return new Reduction(datasetWeight, imageWeight, classWeight);
    }

    /**
     * Parses {@code dataset}, {@code image}, {@code class} or {@code mix:wD,wI,wC}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Reduction parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("reduction must not be null; expected dataset, image, class or mix:wD,wI,wC");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "dataset": return dataset();
            case "image": return image();
            case "class": return perClass();
            default: break;
        }
        if (t.startsWith("mix:")) {
            String[] parts = t.substring(4).split(",");
            if (parts.length == 3) {
                try {
                    return mix(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                            Double.parseDouble(parts[2].trim()));
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
        }
        throw new IllegalArgumentException("reduction '" + text
                + "' is not recognised; expected dataset, image, class or mix:wD,wI,wC (three numbers >= 0)");
    }

    public double datasetWeight() {
        return dataset;
    }

    public double imageWeight() {
        return image;
    }

    public double classWeight() {
        return perClass;
    }

    @Override
    public String toString() {
        return "mix:" + dataset + "," + image + "," + perClass;
    }
}
