package io.jaccard4j.examples.papers;

import io.jaccard4j.boxsupervision.Box;
import io.jaccard4j.boxsupervision.BoxProjectionLoss;
import io.jaccard4j.boxsupervision.BoxSnakeLoss;
import io.jaccard4j.boxsupervision.ColorAffinityPairwiseLoss;
import io.jaccard4j.boxsupervision.DistanceAwarePairwiseLoss;
import io.jaccard4j.boxsupervision.SoftPolygonRasterizer;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example box-supervised}: masks and polygons learned from boxes only. 20 seeded synthetic scenes
 * (24 × 24, RGB in [0, 1]): a background of one jittered colour and one three-lobed blob of another (an ellipse whose
 * radius is scaled by 1 + 0.3 sin(3θ + φ)), noise on every pixel; the training signal is the blob's bounding box,
 * the true mask stays hidden. Colours are scaled by 10 for the losses (a stand-in for the LAB range the papers use).
 * <ul>
 * <li><b>BoxSnake</b> (Yang et al., ICCV 2023; the reported outcome): each scene's polygon (32 free vertices,
 * started on the ellipse inscribed in the box, as the paper's polygon head starts from an ellipse in the box) is
 * fitted by Adam (rate 0.1) on {@link BoxSnakeLoss}: the point-based unary CIoU loss plus the distance-aware local
 * and global pairwise losses on the soft rasterised polygon (τ = 0.25 px; the official configurations' weights
 * 1, 0.5, 0.03; d = 2, σ = 2). Also printed: the same without the local, and without the global term.</li>
 * <li><b>BoxInst</b> (Tian et al., CVPR 2021): free per-pixel mask logits (small random start) fitted by gradient
 * descent on {@link BoxProjectionLoss} plus {@link ColorAffinityPairwiseLoss} (dilation 2, θ = 0.5, τ = 0.3).</li>
 * </ul>
 * Printed: the mean mask IoU (polygon: pixel centres inside the contour; mask: σ(z) ≥ 0.5) against the hidden true
 * masks before and after, and the IoU of the box itself taken as the mask (the baseline any box-supervised method has
 * to beat). The JSON outcome is BoxSnake's polygon mask IoU.
 */
public final class BoxSupervisedExample {
    static final int SIZE = 24;
    static final int SCENES = 20;
    static final double COLOUR_SCALE = 10;
    static final double RATE = 50;
    /** The amplitude of the scenes' three lobes: radius (1 + LOBE sin(3θ + φ)) times the ellipse's. */
    static final double LOBE = 0.3;
    static final int VERTICES = 32;
    static final double TEMPERATURE = 0.25;
    static final double POLYGON_RATE = 0.1;

    private BoxSupervisedExample() {
    }

    /** One scene: colours (h × w × 3), the hidden mask, the box. */
    record Scene(double[] image, boolean[] mask, Box box) {
    }

    static Scene scene(Random r) {
        double[] fg = {0.75 + 0.1 * r.nextGaussian(), 0.35 + 0.1 * r.nextGaussian(), 0.3 + 0.1 * r.nextGaussian()};
        double[] bg = {0.35 + 0.1 * r.nextGaussian(), 0.5 + 0.1 * r.nextGaussian(), 0.7 + 0.1 * r.nextGaussian()};
        double cy = 7 + 10 * r.nextDouble();
        double cx = 7 + 10 * r.nextDouble();
        double ry = 3 + 4 * r.nextDouble();
        double rx = 3 + 4 * r.nextDouble();
        double phase = 2 * Math.PI * r.nextDouble();
        double[] image = new double[SIZE * SIZE * 3];
        boolean[] mask = new boolean[SIZE * SIZE];
        int x0 = SIZE;
        int y0 = SIZE;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dy = (y + 0.5 - cy) / ry;
                double dx = (x + 0.5 - cx) / rx;
                double lobe = 1 + LOBE * Math.sin(3 * Math.atan2(dy, dx) + phase);
                boolean in = dy * dy + dx * dx <= lobe * lobe;
                mask[y * SIZE + x] = in;
                if (in) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
                for (int c = 0; c < 3; c++) {
                    image[(y * SIZE + x) * 3 + c] = (in ? fg[c] : bg[c]) + 0.08 * r.nextGaussian();
                }
            }
        }
        return new Scene(image, mask, new Box(x0, y0, x1, y1));
    }

    static double iou(boolean[] a, boolean[] b) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    /** The seeded scenes both methods train on. */
    static Scene[] scenes() {
        Random r = new Random(12);
        Scene[] out = new Scene[SCENES];
        for (int t = 0; t < SCENES; t++) {
            out[t] = scene(r);
        }
        return out;
    }

    static double[] scaled(double[] image) {
        double[] lab = image.clone();
        for (int j = 0; j < lab.length; j++) {
            lab[j] *= COLOUR_SCALE;
        }
        return lab;
    }

    /** {IoU before, IoU after, IoU of the box as mask}, means over the scenes (BoxInst, free per-pixel logits). */
    static double[] run(int steps) {
        Random r = new Random(13);
        ColorAffinityPairwiseLoss pairwise = ColorAffinityPairwiseLoss.boxInst();
        double before = 0;
        double after = 0;
        double boxIou = 0;
        for (Scene s : scenes()) {
            double[] lab = scaled(s.image());
            double[] z = new double[SIZE * SIZE];
            for (int i = 0; i < z.length; i++) {
                z[i] = 0.1 * r.nextGaussian();
            }
            before += iou(threshold(z), s.mask());
            for (int step = 0; step < steps; step++) {
                double[] g = BoxProjectionLoss.compute(z, SIZE, SIZE, s.box()).gradientAsDouble();
                double[] gp = pairwise.compute(z, lab, SIZE, SIZE, 3, s.box()).gradientAsDouble();
                for (int i = 0; i < z.length; i++) {
                    z[i] -= RATE * (g[i] + gp[i]);
                }
            }
            after += iou(threshold(z), s.mask());
            boxIou += iou(inBox(s.box()), s.mask());
        }
        return new double[] {before / SCENES, after / SCENES, boxIou / SCENES};
    }

    static boolean[] inBox(Box box) {
        boolean[] m = new boolean[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                m[y * SIZE + x] = box.contains(y, x);
            }
        }
        return m;
    }

    /** The polygon BoxSnake starts from: {@link #VERTICES} points on the ellipse inscribed in the box. */
    static double[] inscribedEllipse(Box b) {
        double[] v = new double[2 * VERTICES];
        double cx = (b.x0() + b.x1()) / 2.0;
        double cy = (b.y0() + b.y1()) / 2.0;
        for (int k = 0; k < VERTICES; k++) {
            double a = 2 * Math.PI * (k + 0.5) / VERTICES;
            v[2 * k] = cx + (b.x1() - b.x0()) / 2.0 * Math.cos(a);
            v[2 * k + 1] = cy + (b.y1() - b.y0()) / 2.0 * Math.sin(a);
        }
        return v;
    }

    /** The polygon's hard mask: pixel centres inside the contour (M ≥ ½). */
    static boolean[] polygonMask(SoftPolygonRasterizer rasterizer, double[] v) {
        double[] m = rasterizer.rasterize(v, SIZE, SIZE).mask();
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] >= 0.5;
        }
        return out;
    }

    /**
     * {IoU before (the inscribed ellipse), IoU after, IoU of the box as mask}, means over the scenes: BoxSnake's
     * loss ({@link BoxSnakeLoss}, unary weight 1 and the given pairwise weights) on free vertex coordinates, Adam
     * steps.
     */
    static double[] runPolygons(int steps, double localWeight, double globalWeight) {
        BoxSnakeLoss loss = BoxSnakeLoss.of(SoftPolygonRasterizer.of(TEMPERATURE), DistanceAwarePairwiseLoss.boxSnake(),
                1, localWeight, globalWeight);
        double before = 0;
        double after = 0;
        double boxIou = 0;
        for (Scene s : scenes()) {
            double[] lab = scaled(s.image());
            double[] v = inscribedEllipse(s.box());
            before += iou(polygonMask(loss.rasterizer(), v), s.mask());
            double[] m1 = new double[v.length];
            double[] m2 = new double[v.length];
            for (int step = 1; step <= steps; step++) {
                double[] g = loss.compute(v, lab, SIZE, SIZE, 3, s.box()).gradientAsDouble();
                for (int i = 0; i < v.length; i++) {
                    m1[i] = 0.9 * m1[i] + 0.1 * g[i];
                    m2[i] = 0.999 * m2[i] + 0.001 * g[i] * g[i];
                    double mh = m1[i] / (1 - Math.pow(0.9, step));
                    double vh = m2[i] / (1 - Math.pow(0.999, step));
                    v[i] -= POLYGON_RATE * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
            after += iou(polygonMask(loss.rasterizer(), v), s.mask());
            boxIou += iou(inBox(s.box()), s.mask());
        }
        return new double[] {before / SCENES, after / SCENES, boxIou / SCENES};
    }

    static boolean[] threshold(double[] z) {
        boolean[] m = new boolean[z.length];
        for (int i = 0; i < z.length; i++) {
            m[i] = z[i] >= 0;
        }
        return m;
    }

    /** Trains both methods and prints the held-out mask IoU; returns BoxSnake's before/after outcome. */
    public static ExampleOutcome print(PrintWriter out, int steps) {
        double[] poly = runPolygons(steps, 0.5, 0.03);
        double[] noLocal = runPolygons(steps, 0, 0.03);
        double[] noGlobal = runPolygons(steps, 0.5, 0);
        double[] res = run(steps);
        out.println(String.format(Locale.ROOT, "%d synthetic %d x %d scenes (three-lobed blobs), boxes only, %d steps a "
                + "scene; mean mask IoU vs the hidden true masks", SCENES, SIZE, SIZE, steps));
        line(out, "the box itself as the mask", res[2]);
        line(out, "BoxSnake polygon (32 vertices), before: inscribed ellipse", poly[0]);
        line(out, "BoxSnake polygon, after unary + local + global", poly[1]);
        line(out, "  ablation: unary + global (no local term)", noLocal[1]);
        line(out, "  ablation: unary + local (no global term)", noGlobal[1]);
        line(out, "BoxInst per-pixel logits, before (random start)", res[0]);
        line(out, "BoxInst per-pixel logits, after projection + pairwise", res[1]);
        return new ExampleOutcome("box-supervised", "polygon mask IoU", true, poly[0], poly[1]);
    }

    private static void line(PrintWriter out, String label, double value) {
        out.println(String.format(Locale.ROOT, "%-58s %.4f", label, value));
    }
}
