package io.jaccard4j.examples.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link AmbiguousScenes} has the posterior it states: the drawn labels follow P(k | t) (a law check: in every hue
 * bin, the empirical frequency of each class lies within 5 binomial standard deviations of the mean stated
 * probability, the labels being independent draws given t), the hue can be read back from the pixels, the
 * per-pixel posterior map is P(· | t) of the pixel's object, and the same seed gives the same bytes.
 */
class AmbiguousScenesTest {
    private static final int SIDE = 32;

    @Test
    void posteriorIsTheNormalisedGaussianBumps() {
        for (double t = 0; t <= 1.0001; t += 0.05) {
            double tt = Math.min(t, 1);
            double[] p = AmbiguousScenes.posterior(tt);
            double[] bump = new double[3];
            double z = 0;
            for (int k = 0; k < 3; k++) {
                double d = tt - 0.5 * k;
                bump[k] = Math.exp(-d * d / (2 * AmbiguousScenes.SIGMA * AmbiguousScenes.SIGMA));
                z += bump[k];
            }
            assertEquals(0, p[0], 0);
            for (int k = 0; k < 3; k++) {
                assertEquals(bump[k] / z, p[k + 1], 1e-12, "t = " + tt);
            }
        }
        // the stated range of the largest class probability: 0.495 at t = 1/4, 0.881 at t = 0
        assertEquals(0.495, max(AmbiguousScenes.posterior(0.25)), 0.0005);
        assertEquals(0.881, max(AmbiguousScenes.posterior(0)), 0.0005);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmbiguousScenes.posterior(1.5));
        assertEquals("hue t is 1.5; expected a value in [0, 1]", e.getMessage());
    }

    @Test
    void drawnLabelsFollowTheStatedPosterior() {
        int bins = 10;
        int[][] counts = new int[bins][AmbiguousScenes.CLASSES];
        double[][] expected = new double[bins][AmbiguousScenes.CLASSES];
        int[] n = new int[bins];
        for (long seed = 0; seed < 4000; seed++) {
            AmbiguousScenes.Scene s = AmbiguousScenes.generate(seed, SIDE, SIDE);
            for (int o = 0; o < s.hues.length; o++) {
                int b = Math.min(bins - 1, (int) (s.hues[o] * bins));
                double[] p = AmbiguousScenes.posterior(s.hues[o]);
                n[b]++;
                counts[b][s.labels[o]]++;
                for (int k = 0; k < p.length; k++) {
                    expected[b][k] += p[k];
                }
            }
        }
        for (int b = 0; b < bins; b++) {
            assertTrue(n[b] > 800, "bin " + b + " holds " + n[b] + " objects");
            assertEquals(0, counts[b][0], "an object is never background");
            for (int k = 1; k < AmbiguousScenes.CLASSES; k++) {
                double p = expected[b][k] / n[b];
                double f = (double) counts[b][k] / n[b];
                double sd = Math.sqrt(p * (1 - p) / n[b]);
                assertTrue(Math.abs(f - p) <= 5 * sd + 1e-9, String.format(
                        "hue bin %d, class %d: frequency %.4f, stated %.4f (sd %.4f, %d objects)", b, k, f, p, sd, n[b]));
            }
        }
        // real ambiguity: in the middle of the hue range every object class occurs
        for (int k = 1; k < AmbiguousScenes.CLASSES; k++) {
            assertTrue(counts[4][k] + counts[5][k] > 50, "class " + k + " near t = 0.5");
        }
    }

    @Test
    void theHueCanBeReadFromThePixelsAndThePosteriorMapIsTheObjects() {
        float[] red = AmbiguousScenes.colour(0);
        float[] green = AmbiguousScenes.colour(1);
        double[] axis = new double[3];
        double norm = 0;
        for (int ch = 0; ch < 3; ch++) {
            axis[ch] = green[ch] - red[ch];
            norm += axis[ch] * axis[ch];
        }
        int checked = 0;
        int p = SIDE * SIDE;
        for (long seed = 0; seed < 300; seed++) {
            AmbiguousScenes.Scene s = AmbiguousScenes.generate(seed, SIDE, SIDE);
            for (int o = 1; o <= s.hues.length; o++) {
                double[] mean = new double[3];
                int interior = 0;
                for (int y = 3; y < SIDE - 3; y++) {
                    for (int x = 3; x < SIDE - 3; x++) {
                        int i = y * SIDE + x;
                        if (ownsAround(s.owner, i, o, 3)) {
                            interior++;
                            for (int ch = 0; ch < 3; ch++) {
                                mean[ch] += s.image[ch * p + i];
                            }
                        }
                    }
                }
                if (interior < 10) {
                    continue;
                }
                double proj = 0;
                for (int ch = 0; ch < 3; ch++) {
                    proj += (mean[ch] / interior - red[ch]) * axis[ch];
                }
                double estimate = proj / norm;
                // pixel noise 0.08 per channel: the estimate's sd is 0.08 / (|axis| sqrt(interior)); 5 sd, plus 0.05
                // for what little of the background or another object's edge still shows 3 pixels inside
                double bound = 0.05 + 5 * 0.08 / (Math.sqrt(norm) * Math.sqrt(interior));
                assertEquals(s.hues[o - 1], estimate, bound, "scene " + seed + ", object " + o);
                checked++;
            }
            for (int i = 0; i < p; i++) {
                double[] q = s.owner[i] == 0 ? new double[] {1, 0, 0, 0} : AmbiguousScenes.posterior(s.hues[s.owner[i] - 1]);
                assertEquals(s.owner[i] == 0 ? 0 : s.labels[s.owner[i] - 1], s.mask[i]);
                for (int k = 0; k < AmbiguousScenes.CLASSES; k++) {
                    assertEquals((float) q[k], s.posterior[k * p + i], 0f);
                }
            }
        }
        assertTrue(checked > 100, "objects with an interior: " + checked);
    }

    @Test
    void sameSeedSameBytes() {
        AmbiguousScenes.Scene a = AmbiguousScenes.generate(11, SIDE, SIDE);
        AmbiguousScenes.Scene b = AmbiguousScenes.generate(11, SIDE, SIDE);
        assertArrayEquals(a.image, b.image, 0f);
        assertArrayEquals(a.mask, b.mask);
        assertArrayEquals(a.posterior, b.posterior, 0f);
    }

    /** Whether every pixel within {@code r} (a (2r+1)² square) of pixel i belongs to object o. */
    private static boolean ownsAround(int[] owner, int i, int o, int r) {
        int y = i / SIDE;
        int x = i % SIDE;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (owner[(y + dy) * SIDE + x + dx] != o) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double max(double[] v) {
        double m = v[0];
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
