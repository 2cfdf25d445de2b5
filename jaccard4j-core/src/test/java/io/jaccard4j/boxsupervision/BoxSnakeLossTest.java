package io.jaccard4j.boxsupervision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import org.junit.jupiter.api.Test;

/** BoxSnake's rasteriser, unary and pairwise losses against torch autograd (tools/gen_boxsnake.py). */
class BoxSnakeLossTest {
    static final double TOL = 1e-10;

    @Test
    void rasteriserUnaryPairwiseAndTotalMatchTorch() throws Exception {
        int n = 0;
        for (JsonElement el : ReferenceJson.load("/reference/boxsnake.json").getAsJsonArray("cases")) {
            JsonObject c = el.getAsJsonObject();
            String name = c.get("name").getAsString();
            int h = c.get("h").getAsInt();
            int w = c.get("w").getAsInt();
            int ch = c.get("channels").getAsInt();
            double[] v = ReferenceJson.doubles(c.get("vertices"));
            double[] image = ReferenceJson.doubles(c.get("image"));
            Box box = BoxSupervisionLossesTest.box(c);
            double[] lw = ReferenceJson.doubles(c.get("weights"));
            SoftPolygonRasterizer rasterizer = SoftPolygonRasterizer.of(c.get("tau").getAsDouble());
            DistanceAwarePairwiseLoss pairwise = DistanceAwarePairwiseLoss.of(c.get("dilation").getAsInt(),
                    c.get("sigma").getAsDouble());

            SoftPolygonRasterizer.Raster raster = rasterizer.rasterize(v, h, w);
            double[] mask = raster.mask();
            assertArrayEquals(ReferenceJson.doubles(c.get("mask")), mask, TOL, name + " mask");
            assertArrayEquals(ReferenceJson.doubles(c.get("raster_grad")),
                    raster.backward(ReferenceJson.doubles(c.get("raster_weights"))), TOL, name + " raster grad");

            LossResult u = PolygonBoxUnaryLoss.compute(v, box);
            assertEquals(c.get("unary").getAsDouble(), u.value(), TOL, name + " unary");
            assertArrayEquals(ReferenceJson.doubles(c.get("unary_grad")), u.gradientAsDouble(), TOL, name);

            LossResult l = pairwise.local(mask, image, h, w, ch, box);
            assertEquals(c.get("local").getAsDouble(), l.value(), TOL, name + " local");
            assertArrayEquals(ReferenceJson.doubles(c.get("local_grad")), l.gradientAsDouble(), TOL, name);

            LossResult g = pairwise.global(mask, image, h, w, ch, box);
            assertEquals(c.get("global").getAsDouble(), g.value(), TOL, name + " global");
            assertArrayEquals(ReferenceJson.doubles(c.get("global_grad")), g.gradientAsDouble(), TOL, name);

            LossResult t = BoxSnakeLoss.of(rasterizer, pairwise, lw[0], lw[1], lw[2])
                    .compute(v, image, h, w, ch, box);
            assertEquals(c.get("total").getAsDouble(), t.value(), TOL, name + " total");
            assertArrayEquals(ReferenceJson.doubles(c.get("total_grad")), t.gradientAsDouble(), TOL, name);
            n++;
        }
        assertEquals(8, n);
    }

    @Test
    void rasteriserAgreesWithAHardInsideTestAndFiniteDifferences() {
        // a square 2..8 on a 10 x 10 grid: pixel centres 2.5..7.5 are inside (law: winding number of a square)
        double[] sq = {2, 2, 8, 2, 8, 8, 2, 8};
        SoftPolygonRasterizer.Raster r = SoftPolygonRasterizer.of(0.3).rasterize(sq, 10, 10);
        double[] m = r.mask();
        double[] sd = r.signedDistance();
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                boolean inside = x >= 2 && x < 8 && y >= 2 && y < 8;
                assertEquals(inside, m[y * 10 + x] > 0.5, "pixel " + y + "," + x);
                double dx = Math.max(Math.max(2 - (x + 0.5), x + 0.5 - 8), 0);
                double dy = Math.max(Math.max(2 - (y + 0.5), y + 0.5 - 8), 0);
                double outside = Math.hypot(dx, dy);
                double in = Math.min(Math.min(x + 0.5 - 2, 8 - x - 0.5), Math.min(y + 0.5 - 2, 8 - y - 0.5));
                assertEquals(inside ? in : -outside, sd[y * 10 + x], 1e-12);
            }
        }
        // reversing the vertex order (clockwise) gives the same mask
        double[] rev = {2, 8, 8, 8, 8, 2, 2, 2};
        assertArrayEquals(m, SoftPolygonRasterizer.of(0.3).rasterize(rev, 10, 10).mask(), 1e-15);
        // central finite differences of the full BoxSnake loss
        double[] v = {2.3, 1.7, 8.4, 2.6, 7.1, 8.2, 3.9, 6.6, 1.8, 5.1};
        double[] image = new double[10 * 10 * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.sin(0.7 * i) * 0.5 + 0.5;
        }
        Box box = new Box(1, 1, 9, 9);
        BoxSnakeLoss loss = BoxSnakeLoss.boxSnake(0.9);
        double[] g = loss.compute(v, image, 10, 10, 3, box).gradientAsDouble();
        for (int i = 0; i < v.length; i++) {
            double[] a = v.clone();
            double[] b = v.clone();
            a[i] += 1e-6;
            b[i] -= 1e-6;
            double fd = (loss.compute(a, image, 10, 10, 3, box).value() - loss.compute(b, image, 10, 10, 3, box)
                    .value()) / 2e-6;
            assertEquals(fd, g[i], 1e-5, "vertex coordinate " + i);
        }
    }

    @Test
    void aPolygonOnTheBoxHasZeroUnaryLoss() {
        Box box = new Box(2, 3, 9, 7);
        double[] v = {2, 5, 6, 3, 9, 4, 7, 7};
        assertEquals(0, PolygonBoxUnaryLoss.compute(v, box).value(), 1e-15);
        assertTrue(PolygonBoxUnaryLoss.compute(new double[] {0, 0, 1, 0, 1, 1}, box).value() > 1);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SoftPolygonRasterizer.of(0));
        assertThrows(IllegalArgumentException.class, () -> SoftPolygonRasterizer.of(1).rasterize(new double[4], 3, 3));
        assertThrows(IllegalArgumentException.class, () -> SoftPolygonRasterizer.of(1)
                .rasterize(new double[] {0, 0, 1, Double.NaN, 2, 2}, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> SoftPolygonRasterizer.of(1)
                .rasterize(new double[] {0, 0, 1, 0, 2, 2}, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> SoftPolygonRasterizer.of(1)
                .rasterize(new double[] {0, 0, 1, 0, 2, 2}, 3, 3).backward(new double[8]));
        assertThrows(IllegalArgumentException.class, () -> DistanceAwarePairwiseLoss.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> DistanceAwarePairwiseLoss.of(1, Double.NaN));
        DistanceAwarePairwiseLoss p = DistanceAwarePairwiseLoss.boxSnake();
        assertThrows(IllegalArgumentException.class, () -> p.local(new double[] {0, 0.5, 2, 0}, new double[4], 2, 2,
                1, new Box(0, 0, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> p.global(new double[4], new double[3], 2, 2, 1,
                new Box(0, 0, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> p.global(new double[4], new double[4], 2, 2, 1,
                new Box(0, 0, 3, 1)));
        assertThrows(IllegalArgumentException.class, () -> BoxSnakeLoss.of(SoftPolygonRasterizer.of(1), p, -1, 0, 0));
    }
}
