package io.jaccard4j.segmentation.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.segmentation.distance.Grid;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Boundary IoU against the authors' definition computed with OpenCV (shared/reference/boundary-iou.json, 60
 * cases, boundaries compared row by row), and both boundaries against their morphological definitions by brute
 * force in 1-D to 3-D.
 */
class BoundaryIoUTest {

    private static boolean[] mask(JsonArray rows, int h, int w) {
        boolean[] m = new boolean[h * w];
        for (int y = 0; y < h; y++) {
            JsonArray row = rows.get(y).getAsJsonArray();
            for (int x = 0; x < w; x++) {
                m[y * w + x] = row.get(x).getAsInt() != 0;
            }
        }
        return m;
    }

    private static String row(boolean[] m, int y, int w) {
        StringBuilder sb = new StringBuilder(w);
        for (int x = 0; x < w; x++) {
            sb.append(m[y * w + x] ? '1' : '0');
        }
        return sb.toString();
    }

    @Test
    void replaysTheAuthorsDefinitionComputedWithOpenCv() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/segmentation/boundary-iou.json");
        int count = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String id = c.get("id").getAsString();
            int h = c.get("height").getAsInt();
            int w = c.get("width").getAsInt();
            double ratio = c.get("dilation_ratio").getAsDouble();
            Grid grid = Grid.of(h, w);
            boolean[] gt = mask(c.getAsJsonArray("gt"), h, w);
            boolean[] pred = mask(c.getAsJsonArray("pred"), h, w);
            int d = Boundaries.dilationPixels(ratio, grid);
            assertEquals(c.get("dilation_pixels").getAsInt(), d, id + " dilation pixels");
            boolean[] gb = Boundaries.innerBand(gt, grid, d, 1);
            boolean[] pb = Boundaries.innerBand(pred, grid, d, 2);
            JsonArray gRows = c.getAsJsonArray("gt_boundary_rows");
            JsonArray pRows = c.getAsJsonArray("pred_boundary_rows");
            for (int y = 0; y < h; y++) {
                assertEquals(gRows.get(y).getAsString(), row(gb, y, w), id + " gt boundary row " + y);
                assertEquals(pRows.get(y).getAsString(), row(pb, y, w), id + " pred boundary row " + y);
            }
            BoundaryIoU b = BoundaryIoU.of(gt, pred, grid, ratio);
            assertEquals(c.get("intersection").getAsLong(), b.intersection(), id);
            assertEquals(c.get("union").getAsLong(), b.union(), id);
            double expected = ReferenceJson.number(c.get("boundary_iou"));
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(b.value()), id);
            } else {
                assertEquals(expected, b.value(), 1e-15, id);
            }
            count++;
        }
        assertEquals(60, count);
    }

    /** d iterations of an erosion by the 3^D cube with points outside the grid as background (brute force). */
    private static boolean[] erodeCube(boolean[] m, Grid g, int times) {
        boolean[] cur = m.clone();
        int[] x = new int[g.axes()];
        int[] y = new int[g.axes()];
        for (int t = 0; t < times; t++) {
            boolean[] next = new boolean[cur.length];
            for (int i = 0; i < cur.length; i++) {
                if (!cur[i]) {
                    continue;
                }
                g.coordinates(i, x);
                boolean keep = true;
                for (int j = 0; j < cur.length && keep; j++) {
                    g.coordinates(j, y);
                    int cheb = 0;
                    for (int a = 0; a < x.length; a++) {
                        cheb = Math.max(cheb, Math.abs(x[a] - y[a]));
                    }
                    if (cheb == 1 && !cur[j]) {
                        keep = false;
                    }
                }
                for (int a = 0; a < x.length && keep; a++) {
                    keep = x[a] > 0 && x[a] < g.extent(a) - 1;
                }
                next[i] = keep;
            }
            cur = next;
        }
        return cur;
    }

    @Test
    void boundariesMatchTheirMorphologicalDefinitions() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 120; trial++) {
            int axes = 1 + trial % 3;
            int[] shape = new int[axes];
            for (int a = 0; a < axes; a++) {
                shape[a] = 1 + rnd.nextInt(axes == 1 ? 20 : axes == 2 ? 10 : 6);
            }
            Grid g = Grid.of(shape);
            boolean[] m = new boolean[g.size()];
            double density = 0.5 + 0.5 * rnd.nextDouble();
            for (int i = 0; i < m.length; i++) {
                m[i] = rnd.nextDouble() < density;
            }
            for (int width = 1; width <= 3; width++) {
                boolean[] eroded = erodeCube(m, g, width);
                boolean[] expected = new boolean[m.length];
                for (int i = 0; i < m.length; i++) {
                    expected[i] = m[i] && !eroded[i];
                }
                assertArrayEquals(expected, Boundaries.innerBand(m, g, width, 1 + trial % 2), g + " width " + width);
            }
            // surface: mask minus erosion by the face-connected cross, outside = background
            boolean[] expected = new boolean[m.length];
            int[] x = new int[axes];
            for (int i = 0; i < m.length; i++) {
                if (!m[i]) {
                    continue;
                }
                g.coordinates(i, x);
                boolean interior = true;
                for (int a = 0; a < axes; a++) {
                    for (int step = -1; step <= 1; step += 2) {
                        int[] y = x.clone();
                        y[a] += step;
                        interior &= y[a] >= 0 && y[a] < shape[a] && m[i + step * g.stride(a)];
                    }
                }
                expected[i] = !interior;
            }
            assertArrayEquals(expected, Boundaries.surface(m, g), g + " surface");
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Grid g = Grid.of(4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundaryIoU.of(new boolean[16], new boolean[16], g, 0));
        assertTrue(e.getMessage().contains("dilation ratio"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoundaryIoU.of(new boolean[15], new boolean[16], g, 0.02));
        assertTrue(e.getMessage().contains("truth mask has 15 values"), e.getMessage());
    }
}
