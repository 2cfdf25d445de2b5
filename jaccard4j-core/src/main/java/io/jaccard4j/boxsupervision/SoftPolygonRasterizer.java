package io.jaccard4j.boxsupervision;

import java.util.Objects;

/**
 * BoxSnake's differentiable polygon rasteriser (Yang, Song, Ge, Li, <i>BoxSnake: Polygonal Instance Segmentation
 * with Box Supervision</i>, ICCV 2023, Section 3.3, the soft rasterisation that turns the polygon into a mask so
 * that pixel-wise losses can move its vertices): for a closed polygon with vertices v<sub>1</sub>, …, v<sub>K</sub>
 * (v<sub>k</sub> = (x<sub>k</sub>, y<sub>k</sub>), edges v<sub>k</sub> → v<sub>k+1</sub> and v<sub>K</sub> →
 * v<sub>1</sub>) and each pixel centre p,
 * <pre>
 *   d(p) = min_k dist(p, segment v_k v_{k+1}),   s(p) = +1 if p is inside the polygon, −1 outside,
 *   M(p) = σ(s(p) · d(p) / τ)
 * </pre>
 * with temperature τ &gt; 0 (small τ: a nearly hard mask; large τ: a soft one whose gradient reaches further from
 * the contour). The inside test is the non-zero winding number, a constant for the gradient. The gradient with
 * respect to the vertices is exact: for the nearest segment a → b (the first in vertex order at ties) with
 * t = clamp((p − a)·(b − a) / |b − a|², 0, 1), nearest point q = a + t(b − a) and u = (p − q)/d,
 * ∂d/∂a = −(1 − t)u and ∂d/∂b = −t u (the t-term vanishes because p − q ⟂ b − a when 0 &lt; t &lt; 1, and t is
 * constant when clamped).
 *
 * <p>Choices where the paper leaves one (Section 3.3): pixel (row y, column x) has its centre at
 * (x + ½, y + ½), so a box of pixel columns [x0, x1) spans x0 ≤ x ≤ x1 in polygon coordinates; d is the Euclidean
 * distance (the official code passes the squared distance to the sigmoid instead); at d = 0 (a pixel centre exactly
 * on the contour) the distance's gradient is taken as 0; a degenerate segment (a = b) has t = 0.
 */
public final class SoftPolygonRasterizer {
    private final double temperature;

    private SoftPolygonRasterizer(double temperature) {
        this.temperature = temperature;
    }

    /**
     * A rasteriser with temperature τ.
     *
     * @throws IllegalArgumentException unless τ is finite and &gt; 0
     */
    public static SoftPolygonRasterizer of(double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("rasteriser temperature must be finite and > 0; got " + temperature);
        }
        return new SoftPolygonRasterizer(temperature);
    }

    /** The temperature τ. */
    public double temperature() {
        return temperature;
    }

    /**
     * Checks a vertex array: {@code [x1, y1, x2, y2, …]}, at least 3 vertices, all finite.
     *
     * @throws IllegalArgumentException otherwise
     */
    static void checkVertices(double[] vertices) {
        Objects.requireNonNull(vertices, "vertices");
        if (vertices.length < 6 || vertices.length % 2 != 0) {
            throw new IllegalArgumentException("polygon vertices must be [x1, y1, x2, y2, ...] with at least 3 "
                    + "vertices; got " + vertices.length + " values");
        }
        for (int i = 0; i < vertices.length; i++) {
            if (!Double.isFinite(vertices[i])) {
                throw new IllegalArgumentException("polygon vertex coordinate " + i + " is not finite: "
                        + vertices[i]);
            }
        }
    }

    /**
     * Rasterises the polygon onto an h × w grid.
     *
     * @throws IllegalArgumentException for bad vertices or a non-positive size
     */
    public Raster rasterize(double[] vertices, int h, int w) {
        checkVertices(vertices);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("raster size must be at least 1 x 1; got " + h + " x " + w);
        }
        int k = vertices.length / 2;
        int n = h * w;
        double[] mask = new double[n];
        double[] signed = new double[n];
        int[] segment = new int[n];
        double[] t = new double[n];
        double[] ux = new double[n];
        double[] uy = new double[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x + 0.5;
                double py = y + 0.5;
                int i = y * w + x;
                double best = Double.POSITIVE_INFINITY;
                int winding = 0;
                for (int e = 0; e < k; e++) {
                    double ax = vertices[2 * e];
                    double ay = vertices[2 * e + 1];
                    double bx = vertices[2 * ((e + 1) % k)];
                    double by = vertices[2 * ((e + 1) % k) + 1];
                    double ex = bx - ax;
                    double ey = by - ay;
                    double len2 = ex * ex + ey * ey;
                    double te = len2 > 0 ? ((px - ax) * ex + (py - ay) * ey) / len2 : 0;
                    te = Math.max(0, Math.min(1, te));
                    double dx = px - (ax + te * ex);
                    double dy = py - (ay + te * ey);
                    double d2 = dx * dx + dy * dy;
                    if (d2 < best) {
                        best = d2;
                        segment[i] = e;
                        t[i] = te;
                        ux[i] = dx;
                        uy[i] = dy;
                    }
                    double cross = ex * (py - ay) - ey * (px - ax);
                    if (ay <= py) {
                        if (by > py && cross > 0) {
                            winding++;
                        }
                    } else if (by <= py && cross < 0) {
                        winding--;
                    }
                }
                double d = Math.sqrt(best);
                if (d > 0) {
                    ux[i] /= d;
                    uy[i] /= d;
                } else {
                    ux[i] = 0;
                    uy[i] = 0;
                }
                double s = winding != 0 ? 1 : -1;
                signed[i] = s * d;
                mask[i] = sigmoid(signed[i] / temperature);
            }
        }
        return new Raster(vertices.clone(), h, w, temperature, mask, signed, segment, t, ux, uy);
    }

    /** The soft mask of one polygon and what its backward pass needs. */
    public static final class Raster {
        private final double[] vertices;
        private final int h;
        private final int w;
        private final double temperature;
        private final double[] mask;
        private final double[] signed;
        private final int[] segment;
        private final double[] t;
        private final double[] ux;
        private final double[] uy;

        Raster(double[] vertices, int h, int w, double temperature, double[] mask, double[] signed, int[] segment,
                double[] t, double[] ux, double[] uy) {
            this.vertices = vertices;
            this.h = h;
            this.w = w;
            this.temperature = temperature;
            this.mask = mask;
            this.signed = signed;
            this.segment = segment;
            this.t = t;
            this.ux = ux;
            this.uy = uy;
        }

        /** The soft mask M (h × w, row-major, values in (0, 1)); a copy. */
        public double[] mask() {
            return mask.clone();
        }

        /** The signed distance s(p)·d(p) of each pixel centre (positive inside); a copy. */
        public double[] signedDistance() {
            return signed.clone();
        }

        /** Rows. */
        public int height() {
            return h;
        }

        /** Columns. */
        public int width() {
            return w;
        }

        /**
         * The gradient with respect to the vertices ({@code [x1, y1, …]}) of a loss whose gradient with respect to
         * the mask is {@code gradMask}: Σ_p ∂L/∂M(p) · M(p)(1 − M(p)) · s(p)/τ · ∂d(p)/∂v.
         *
         * @throws IllegalArgumentException when gradMask is not h × w
         */
        public double[] backward(double[] gradMask) {
            Objects.requireNonNull(gradMask, "gradMask");
            if (gradMask.length != mask.length) {
                throw new IllegalArgumentException("mask gradient must have h x w = " + mask.length + " values; got "
                        + gradMask.length);
            }
            int k = vertices.length / 2;
            double[] g = new double[vertices.length];
            for (int i = 0; i < mask.length; i++) {
                if (gradMask[i] == 0) {
                    continue;
                }
                double s = signed[i] >= 0 ? 1 : -1;
                double c = gradMask[i] * mask[i] * (1 - mask[i]) * s / temperature;
                int a = segment[i];
                int b = (a + 1) % k;
                g[2 * a] -= c * (1 - t[i]) * ux[i];
                g[2 * a + 1] -= c * (1 - t[i]) * uy[i];
                g[2 * b] -= c * t[i] * ux[i];
                g[2 * b + 1] -= c * t[i] * uy[i];
            }
            return g;
        }
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
