package io.jaccard4j.boxsupervision;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * BoxSnake's point-based unary loss (Yang, Song, Ge, Li, ICCV 2023, Section 3.2): the box spanned by the polygon's
 * vertices, b<sub>c</sub> = (min<sub>k</sub> x<sub>k</sub>, min<sub>k</sub> y<sub>k</sub>, max<sub>k</sub>
 * x<sub>k</sub>, max<sub>k</sub> y<sub>k</sub>), is regressed onto the annotated box b by the CIoU loss
 * (Zheng et al., <i>Enhancing Geometric Factors in Model Learning and Inference for Object Detection and Instance
 * Segmentation</i>, 2021):
 * <pre>
 *   L = 1 − IoU(b_c, b) + ρ²(b_c, b) / c² + α v,
 *   v = (4/π²) (atan2(w_b, h_b) − atan2(w_c, h_c))²,   α = [IoU ≥ ½] · v / (1 − IoU + v)
 * </pre>
 * with ρ the distance between the two boxes' centres, c the diagonal of the smallest box enclosing both, w and h
 * widths and heights. α is a constant for the gradient (as in Zheng et al.). The gradient of a minimum or maximum
 * goes to the first vertex attaining it.
 *
 * <p>Choices where the paper leaves one: the annotated pixel box [x0, x1) × [y0, y1) spans x0 ≤ x ≤ x1,
 * y0 ≤ y ≤ y1 in polygon coordinates (pixel centres at +½, as in {@link SoftPolygonRasterizer}); the aspect term
 * uses atan2 so that a polygon of zero height is defined (atan(w/h) elsewhere); the ½ gate on α is the extended
 * CIoU paper's (the official BoxSnake code uses the same CIoU); CIoU is not clamped to [−1, 1] (with the gate
 * it cannot leave that range); α = 0 where v = 0 (the 0/0 of a perfect match).
 */
public final class PolygonBoxUnaryLoss {
    private PolygonBoxUnaryLoss() {
    }

    /**
     * Value and gradient with respect to the vertices {@code [x1, y1, x2, y2, …]}.
     *
     * @throws IllegalArgumentException for fewer than 3 vertices or a non-finite coordinate
     */
    public static LossResult compute(double[] vertices, Box box) {
        SoftPolygonRasterizer.checkVertices(vertices);
        Objects.requireNonNull(box, "box");
        int k = vertices.length / 2;
        int ix1 = 0;
        int iy1 = 0;
        int ix2 = 0;
        int iy2 = 0;
        for (int i = 1; i < k; i++) {
            if (vertices[2 * i] < vertices[2 * ix1]) {
                ix1 = i;
            }
            if (vertices[2 * i] > vertices[2 * ix2]) {
                ix2 = i;
            }
            if (vertices[2 * i + 1] < vertices[2 * iy1 + 1]) {
                iy1 = i;
            }
            if (vertices[2 * i + 1] > vertices[2 * iy2 + 1]) {
                iy2 = i;
            }
        }
        double[] p = {vertices[2 * ix1], vertices[2 * iy1 + 1], vertices[2 * ix2], vertices[2 * iy2 + 1]};
        double[] dp = new double[4];
        double value = ciou(p, new double[] {box.x0(), box.y0(), box.x1(), box.y1()}, dp);
        double[] g = new double[vertices.length];
        g[2 * ix1] += dp[0];
        g[2 * iy1 + 1] += dp[1];
        g[2 * ix2] += dp[2];
        g[2 * iy2 + 1] += dp[3];
        return LossResult.of(value, g);
    }

    /** 1 − CIoU(p, b) for boxes (x1, y1, x2, y2); adds ∂/∂p to dp. */
    static double ciou(double[] p, double[] b, double[] dp) {
        double iw = Math.min(p[2], b[2]) - Math.max(p[0], b[0]);
        double ih = Math.min(p[3], b[3]) - Math.max(p[1], b[1]);
        boolean overlaps = iw > 0 && ih > 0;
        double inter = overlaps ? iw * ih : 0;
        double wp = p[2] - p[0];
        double hp = p[3] - p[1];
        double wb = b[2] - b[0];
        double hb = b[3] - b[1];
        double union = wp * hp + wb * hb - inter;
        double iou = inter / union;
        double cw = Math.max(p[2], b[2]) - Math.min(p[0], b[0]);
        double ch = Math.max(p[3], b[3]) - Math.min(p[1], b[1]);
        double c2 = cw * cw + ch * ch;
        double rx = (b[0] + b[2] - p[0] - p[2]) / 2;
        double ry = (b[1] + b[3] - p[1] - p[3]) / 2;
        double rho2 = rx * rx + ry * ry;
        double delta = Math.atan2(wb, hb) - Math.atan2(wp, hp);
        double v = 4 / (Math.PI * Math.PI) * delta * delta;
        double alpha = iou >= 0.5 && v > 0 ? v / (1 - iou + v) : 0;
        // d(−IoU): IoU = I / U, U = ap + ab − I
        double dIoUdI = (union + inter) / (union * union);
        double dIoUdAp = -inter / (union * union);
        double[] dI = new double[4];
        if (overlaps) {
            dI[2] = p[2] < b[2] ? ih : 0;
            dI[0] = p[0] > b[0] ? -ih : 0;
            dI[3] = p[3] < b[3] ? iw : 0;
            dI[1] = p[1] > b[1] ? -iw : 0;
        }
        double[] dAp = {-hp, -wp, hp, wp};
        // ρ²/c²
        double[] dc2 = {p[0] < b[0] ? -2 * cw : 0, p[1] < b[1] ? -2 * ch : 0, p[2] > b[2] ? 2 * cw : 0,
            p[3] > b[3] ? 2 * ch : 0};
        double[] drho2 = {-rx, -ry, -rx, -ry};
        // α v, α constant: dv = (8/π²) δ · (−dθ_p), θ_p = atan2(w_p, h_p)
        double r2 = wp * wp + hp * hp;
        double dThetaDw = r2 > 0 ? hp / r2 : 0;
        double dThetaDh = r2 > 0 ? -wp / r2 : 0;
        double dvdTheta = -8 / (Math.PI * Math.PI) * delta;
        double[] dTheta = {-dThetaDw, -dThetaDh, dThetaDw, dThetaDh};
        for (int j = 0; j < 4; j++) {
            dp[j] += -(dIoUdI * dI[j] + dIoUdAp * dAp[j]) + drho2[j] / c2 - rho2 * dc2[j] / (c2 * c2)
                    + alpha * dvdTheta * dTheta[j];
        }
        return 1 - iou + rho2 / c2 + alpha * v;
    }
}
