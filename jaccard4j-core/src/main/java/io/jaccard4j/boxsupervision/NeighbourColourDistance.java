package io.jaccard4j.boxsupervision;

import java.util.Arrays;

/**
 * The colour distances ‖c<sub>p</sub> − c<sub>q</sub>‖ between each pixel p of a box and its 8 neighbours q at the
 * offsets (dy, dx) ∈ {−d, 0, d}² \ {(0, 0)} (row-major order of the 3 × 3 kernel without its centre), the pairs
 * that BoxInst's and BoxSnake's pairwise losses weight. A pair whose p is outside the box or whose q is outside the
 * image has distance −1 (no pair).
 */
final class NeighbourColourDistance {
    private NeighbourColourDistance() {
    }

    /** Distances h × w × 8 of an h × w × channels image (row-major); −1 where there is no pair. */
    static double[] of(double[] image, int h, int w, int channels, Box box, int dilation) {
        double[] out = new double[h * w * 8];
        Arrays.fill(out, -1);
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                int e = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (dy == 0 && dx == 0) {
                            continue;
                        }
                        int yy = y + dy * dilation;
                        int xx = x + dx * dilation;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                            double d2 = 0;
                            for (int c = 0; c < channels; c++) {
                                double d = image[(y * w + x) * channels + c] - image[(yy * w + xx) * channels + c];
                                d2 += d * d;
                            }
                            out[(y * w + x) * 8 + e] = Math.sqrt(d2);
                        }
                        e++;
                    }
                }
            }
        }
        return out;
    }
}
