package io.jaccard4j.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecipesTest {
    /** 6 × 10 mask: class 0 left of column 5, class 2 from column 5; one ignored pixel. */
    static int[] halves() {
        int[] m = new int[60];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 10; x++) {
                m[y * 10 + x] = x < 5 ? 0 : 2;
            }
        }
        m[0] = 255;
        return m;
    }

    @Test
    void boundaryBandHasTheRequestedWidth() {
        boolean[] b = BoundaryLabelSmoothing.of(0.5, 2).boundary(halves(), 6, 10, 255);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 10; x++) {
                boolean expected = (x >= 3 && x <= 6) && !(x == 0 && y == 0);
                assertEquals(expected, b[y * 10 + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void smoothedLabelsAreDistributionsAndOneHotAwayFromBoundaries() {
        float[] s = BoundaryLabelSmoothing.defaults().apply(halves(), 6, 10, 3, 255);
        for (int i = 0; i < 60; i++) {
            float sum = s[i] + s[60 + i] + s[120 + i];
            assertEquals(i == 0 ? 0f : 1f, sum, 1e-6f, "pixel " + i);
        }
        // column 9 is 4 > k = 3 columns from the edge: one-hot class 2
        assertEquals(1f, s[120 + 9], 0f);
        // column 5 touches the edge: (1 - 0.5) + 0.5/3 on its class, 0.5/3 elsewhere
        assertEquals(0.5f + 0.5f / 3, s[120 + 5], 1e-6f);
        assertEquals(0.5f / 3, s[5], 1e-6f);
        float[] none = BoundaryLabelSmoothing.of(0, 3).apply(halves(), 6, 10, 3, 255);
        for (int i = 1; i < 60; i++) {
            assertEquals(1f, none[halves()[i] * 60 + i], 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> BoundaryLabelSmoothing.of(1.5, 3));
        int[] bad = halves();
        bad[7] = 9;
        assertThrows(IllegalArgumentException.class, () -> BoundaryLabelSmoothing.defaults().apply(bad, 6, 10, 3, 255));
    }

    @Test
    void multiAnnotatorAndTeacherLabels() {
        int[] a = {0, 1, 1, 255};
        int[] b = {0, 1, 2, 255};
        float[] s = SoftLabels.multiAnnotator(new int[][] {a, b}, 3, 255);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0.5f, 0, 0, 0, 0.5f, 0}, s, 0f);
        float[] logits = {2, -1, 0.5f, 0.5f, -3, 1};
        float[] t = SoftLabels.teacher(logits, 1, 3, 2, 2.0);
        assertEquals(1f, t[0] + t[2] + t[4], 1e-6f);
        double e0 = Math.exp(1.0);
        double e1 = Math.exp(0.25);
        double e2 = Math.exp(-1.5);
        assertEquals(e0 / (e0 + e1 + e2), t[0], 1e-6);
        float[][] p = SoftLabels.pseudoLabels(logits, 1, 3, 2, 1.0, 0.7);
        assertArrayEquals(new float[] {1f, 0f}, p[1], 0f);
    }
}
