package io.jaccard4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.NpyArray;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code --ci} for the classic overlap scores on mask stacks, checked against a brute-force bootstrap: the same
 * seeded draws of image indices, each resample's images concatenated into one label vector and scored from scratch
 * by the ordinary (no --ci) path, and numpy's linear percentile taken here.
 */
class OverlapBootstrapTest {
    private static final int N = 9;
    private static final int H = 4;
    private static final int W = 5;

    /** Random masks with classes 0..3, some pixels flipped, some truth pixels 255 (ignored when asked). */
    private static int[][] masks(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[N * H * W];
        int[] p = new int[N * H * W];
        for (int i = 0; i < t.length; i++) {
            int img = i / (H * W);
            t[i] = r.nextInt(100) < 5 ? 255 : r.nextInt(img % 3 == 0 ? 2 : 4);
            p[i] = r.nextInt(100) < 30 + 5 * img ? r.nextInt(4) : (t[i] == 255 ? 0 : t[i]);
        }
        return new int[][] {t, p};
    }

    private static ScoreRequest request(String metric, String average, Long ignore, Integer resamples, Long seed) {
        return ScoreRequest.builder().metric(metric).average(average).ignoreIndex(ignore)
                .segmentation(SegmentationRequest.builder().ci(0.9).bootstrap(resamples).seed(seed).build()).build();
    }

    private static double[] bruteForce(int[][] m, String metric, String average, Long ignore, int resamples,
            long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ScoreRequest plain = ScoreRequest.builder().metric(metric).average(average).ignoreIndex(ignore).build();
        double[] v = new double[resamples];
        int used = 0;
        int per = H * W;
        for (int r = 0; r < resamples; r++) {
            int[] t = new int[N * per];
            int[] p = new int[N * per];
            for (int k = 0; k < N; k++) {
                int img = rnd.nextInt(N);
                System.arraycopy(m[0], img * per, t, k * per, per);
                System.arraycopy(m[1], img * per, p, k * per, per);
            }
            double s;
            try {
                s = ScoringEngine.score(InputArray.of(NpyArray.of(t, t.length), "--y-true"),
                        InputArray.of(NpyArray.of(p, p.length), "--y-pred"), null, plain).score();
            } catch (IllegalArgumentException e) {
                s = Double.NaN; // e.g. every pixel of the resample ignored
            }
            if (!Double.isNaN(s)) {
                v[used++] = s;
            }
        }
        double[] a = Arrays.copyOf(v, used);
        Arrays.sort(a);
        return new double[] {NumpyPercentile.of(a, 0.05), NumpyPercentile.of(a, 0.95)};
    }

    private static ScoreOutcome scored(int[][] m, ScoreRequest request) {
        return ScoringEngine.score(InputArray.of(NpyArray.of(m[0], N, H, W), "--y-true"),
                InputArray.of(NpyArray.of(m[1], N, H, W), "--y-pred"), null, request);
    }

    @Test
    void intervalEqualsBruteForceForMacroAndMicroJaccardAndF1() {
        int[][] m = masks(11);
        for (String metric : new String[] {"jaccard", "f1"}) {
            for (String average : new String[] {"macro", "micro", "weighted"}) {
                for (Long ignore : new Long[] {255L, null}) {
                    ScoreOutcome o = scored(m, request(metric, average, ignore, 300, 7L));
                    double[] ci = (double[]) o.field("ci");
                    double[] expected = bruteForce(m, metric, average, ignore, 300, 7L);
                    String what = metric + " " + average + " ignore " + ignore;
                    assertEquals(expected[0], ci[0], 1e-12, what);
                    assertEquals(expected[1], ci[1], 1e-12, what);
                    double point = ScoringEngine.score(InputArray.of(NpyArray.of(m[0], m[0].length), "t"),
                            InputArray.of(NpyArray.of(m[1], m[1].length), "p"), null, ScoreRequest.builder()
                                    .metric(metric).average(average).ignoreIndex(ignore).build()).score();
                    assertEquals(point, o.score(), 1e-12, what);
                    assertTrue(ci[0] < ci[1], what);
                }
            }
        }
    }

    @Test
    void resamplesOfOnlyIgnoredImagesAreDroppedAsTheBruteForceDropsThem() {
        int[][] m = masks(17);
        for (int i = 0; i < 7 * H * W; i++) {
            m[0][i] = 255;
        }
        double[] ci = (double[]) scored(m, request("jaccard", "macro", 255L, 400, 1L)).field("ci");
        assertArrayEquals(bruteForce(m, "jaccard", "macro", 255L, 400, 1L), ci, 1e-12);
    }

    @Test
    void deterministicForASeedAndDependsOnIt() {
        int[][] m = masks(5);
        double[] a = (double[]) scored(m, request("jaccard", "macro", 255L, 200, 42L)).field("ci");
        double[] b = (double[]) scored(m, request("jaccard", "macro", 255L, 200, 42L)).field("ci");
        double[] c = (double[]) scored(m, request("jaccard", "macro", 255L, 200, 43L)).field("ci");
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(a), Arrays.toString(c));
    }

    @Test
    void refusesAverageNoneAndBadLevels() {
        int[][] m = masks(3);
        assertThrows(IllegalArgumentException.class, () -> scored(m, request("jaccard", "none", null, 10, 0L)));
        assertThrows(IllegalArgumentException.class, () -> SegmentationRequest.builder().ci(1.5));
    }
}
