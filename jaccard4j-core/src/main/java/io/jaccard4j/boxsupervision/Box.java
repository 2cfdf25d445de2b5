package io.jaccard4j.boxsupervision;

/**
 * An axis-aligned box of pixels, half-open: columns x0 ≤ x &lt; x1, rows y0 ≤ y &lt; y1 (0 ≤ x0 &lt; x1 ≤ width,
 * 0 ≤ y0 &lt; y1 ≤ height when checked against an image by {@link #check(int, int)}).
 */
public record Box(int x0, int y0, int x1, int y1) {
    /** Whether pixel (y, x) lies in the box. */
    public boolean contains(int y, int x) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    /**
     * Checks the box against an h × w image.
     *
     * @throws IllegalArgumentException when the box is empty or leaves the image
     */
    public void check(int h, int w) {
        if (!(x0 >= 0 && x0 < x1 && x1 <= w && y0 >= 0 && y0 < y1 && y1 <= h)) {
            throw new IllegalArgumentException("box " + this + " must be non-empty and inside the " + h + " x " + w
                    + " image (0 <= x0 < x1 <= width, 0 <= y0 < y1 <= height)");
        }
    }
}
