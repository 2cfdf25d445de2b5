package io.jaccard4j.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks {@link LabelSmoothing} against its definition q = (1 − ε)·onehot(y) + ε/C, computed here in double. */
class LabelSmoothingTest {
    private static final int IGNORE = 255;

    /** n images of p pixels with random labels in 0..C−1 and a few ignored pixels. */
    private static int[] randomMasks(Random r, int n, int p, int classes) {
        int[] m = new int[n * p];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextInt(10) == 0 ? IGNORE : r.nextInt(classes);
        }
        return m;
    }

    @Test
    void everyLabelledPixelIsTheSmoothedOneHotAndIgnoredPixelsAreZero() {
        Random r = new Random(3);
        for (double eps : new double[] {0, 0.1, 0.25, 0.5, 1}) {
            for (int classes : new int[] {1, 2, 4, 7}) {
                int n = 3;
                int p = 11;
                int[] masks = randomMasks(r, n, p, classes);
                float[] q = LabelSmoothing.of(eps).apply(masks, n, p, classes, IGNORE);
                assertEquals(n * classes * p, q.length);
                for (int b = 0; b < n; b++) {
                    for (int i = 0; i < p; i++) {
                        int y = masks[b * p + i];
                        double sum = 0;
                        for (int k = 0; k < classes; k++) {
                            double expected = y == IGNORE ? 0 : (k == y ? 1 - eps : 0) + eps / classes;
                            float got = q[(b * classes + k) * p + i];
                            assertEquals(expected, got, 1e-7, "eps " + eps + ", C " + classes + ", image " + b
                                    + ", pixel " + i + ", class " + k);
                            sum += got;
                        }
                        assertEquals(y == IGNORE ? 0 : 1, sum, 1e-6, "total mass at image " + b + ", pixel " + i);
                    }
                }
            }
        }
    }

    @Test
    void zeroKeepsTheOneHotAndOneGivesTheUniformLabel() {
        int[] masks = {0, 2, 1, 2};
        float[] hard = LabelSmoothing.of(0).apply(masks, 1, 4, 3, IGNORE);
        float[] uniform = LabelSmoothing.of(1).apply(masks, 1, 4, 3, IGNORE);
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(k == masks[i] ? 1f : 0f, hard[k * 4 + i], 0f);
                assertEquals(1f / 3, uniform[k * 4 + i], 0f);
            }
        }
    }

    @Test
    void boundarySmoothingWithAWindowCoveringTheMaskIsUniformSmoothing() {
        // with k at least the mask's side every pixel of a two-class mask is near a boundary
        Random r = new Random(5);
        int h = 5;
        int w = 6;
        int[] mask = randomMasks(r, 1, h * w, 3);
        mask[1] = 0;
        mask[2] = 1;
        assertEquals(java.util.Arrays.toString(LabelSmoothing.of(0.3).apply(mask, 1, h * w, 3, IGNORE)),
                java.util.Arrays.toString(BoundaryLabelSmoothing.of(0.3, w).apply(mask, h, w, 3, IGNORE)));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        for (double eps : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSmoothing.of(eps));
            assertEquals("label smoothing epsilon is " + eps + "; expected a value in [0, 1]", e.getMessage());
        }
        LabelSmoothing ls = LabelSmoothing.of(0.1);
        assertThrows(IllegalArgumentException.class, () -> ls.apply(new int[] {0, 1, 2}, 2, 2, 3, IGNORE));
        assertThrows(IllegalArgumentException.class, () -> ls.apply(new int[] {0, 3}, 1, 2, 3, IGNORE));
        assertThrows(IllegalArgumentException.class, () -> ls.apply(new int[] {0, -1}, 1, 2, 3, IGNORE));
        assertThrows(IllegalArgumentException.class, () -> ls.apply(new int[] {0, 0}, 1, 2, 0, IGNORE));
    }
}
