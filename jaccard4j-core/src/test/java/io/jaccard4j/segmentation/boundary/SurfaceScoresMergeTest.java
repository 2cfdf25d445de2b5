package io.jaccard4j.segmentation.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jaccard4j.segmentation.distance.Grid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The law a cluster relies on: accumulators filled over contiguous runs of images, each sent through Java
 * serialization (as to another machine) with its own, equal options object, and appended in image order, hold the
 * same rows as one accumulator fed every image in that order, so every reduction gives the same bits.
 */
class SurfaceScoresMergeTest {
    static final int H = 14;
    static final int W = 11;

    static int[][] masks(Random r, int n) {
        int[][] out = new int[n][H * W];
        for (int[] m : out) {
            for (int k = 1; k <= 2; k++) {
                if (r.nextInt(4) == 0) {
                    continue; // a class absent from this mask: undefined pairs
                }
                int y0 = r.nextInt(H - 4);
                int x0 = r.nextInt(W - 4);
                for (int y = 0; y < 3 + r.nextInt(2); y++) {
                    for (int x = 0; x < 3 + r.nextInt(2); x++) {
                        m[(y0 + y) * W + x0 + x] = k;
                    }
                }
            }
        }
        return out;
    }

    static SurfaceMetricOptions options(SurfaceMetric metric) {
        SurfaceMetricOptions.Builder b = SurfaceMetricOptions.builder(metric);
        if (metric == SurfaceMetric.NSD) {
            b.tolerance(1.5);
        }
        if (metric == SurfaceMetric.HAUSDORFF) {
            b.percentile(95);
        }
        return b.build();
    }

    static SurfaceScores roundTrip(SurfaceScores s) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(s);
        }
        try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SurfaceScores) i.readObject();
        }
    }

    @Test
    void serializedPartsAppendedInOrderEqualOneAccumulator() throws Exception {
        Random r = new Random(7);
        int n = 7;
        int[][] t = masks(r, n);
        int[][] p = masks(r, n);
        Grid g = Grid.of(H, W);
        for (SurfaceMetric metric : SurfaceMetric.values()) {
            SurfaceScores whole = SurfaceScores.of(3, options(metric));
            for (int i = 0; i < n; i++) {
                whole.update(t[i], p[i], g);
            }
            int[] cuts = {0, 3, 3, 6, n}; // an empty part included
            SurfaceScores merged = null;
            for (int k = 0; k + 1 < cuts.length; k++) {
                SurfaceScores part = SurfaceScores.of(3, options(metric));
                for (int i = cuts[k]; i < cuts[k + 1]; i++) {
                    part.update(t[i], p[i], g);
                }
                SurfaceScores sent = roundTrip(part);
                merged = merged == null ? sent : merged.append(sent);
            }
            assertEquals(whole.images(), merged.images(), metric.flagName());
            assertArrayEquals(whole.values(), merged.values(), metric.flagName());
            assertEquals(Double.doubleToRawLongBits(whole.score()), Double.doubleToRawLongBits(merged.score()),
                    metric.flagName());
            assertArrayEquals(whole.perLabel(), merged.perLabel(), metric.flagName());
            assertArrayEquals(whole.perImage(), merged.perImage(), metric.flagName());
            assertEquals(whole.undefinedPairs(), merged.undefinedPairs(), metric.flagName());
            int[] rows = {4, 0, 0, 6, 2};
            assertEquals(Double.doubleToRawLongBits(whole.select(rows).score()),
                    Double.doubleToRawLongBits(merged.select(rows).score()), metric.flagName());
        }
    }

    @Test
    void partsWithOtherOptionsAreRefused() {
        SurfaceScores a = SurfaceScores.of(3, SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF).build());
        SurfaceScores b = SurfaceScores.of(3, SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF).percentile(95)
                .build());
        assertThrows(IllegalArgumentException.class, () -> a.append(b));
        assertEquals(SurfaceMetricOptions.builder(SurfaceMetric.NSD).tolerance(2).build(),
                SurfaceMetricOptions.builder(SurfaceMetric.NSD).tolerance(2).build());
    }
}
