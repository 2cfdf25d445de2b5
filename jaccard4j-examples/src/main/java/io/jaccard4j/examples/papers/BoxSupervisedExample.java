package io.jaccard4j.examples.papers;

import io.jaccard4j.boxsupervision.Box;
import io.jaccard4j.boxsupervision.BoxProjectionLoss;
import io.jaccard4j.boxsupervision.ColorAffinityPairwiseLoss;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Random;

/**
 * {@code jaccard4j example box-supervised}: masks learned from boxes only. 20 seeded synthetic scenes (24 × 24,
 * RGB in [0, 1]): a background of one jittered colour and one ellipse of another, noise on every pixel; the
 * training signal is the ellipse's bounding box, the true mask stays hidden. Each scene's mask logits (free
 * per-pixel parameters, small random start) are fitted by gradient descent on BoxInst's objective —
 * {@link BoxProjectionLoss} plus {@link ColorAffinityPairwiseLoss} (dilation 2, θ = 0.5, τ = 0.3, on colours scaled
 * by 10). Printed: the mean mask IoU (σ(z) ≥ 0.5) against the hidden true masks before and after, and the IoU of
 * the box itself taken as the mask (the baseline any box-supervised method has to beat).
 */
public final class BoxSupervisedExample {
    static final int SIZE = 24;
    static final int SCENES = 20;
    static final double COLOUR_SCALE = 10;
    static final double RATE = 50;

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
        double[] image = new double[SIZE * SIZE * 3];
        boolean[] mask = new boolean[SIZE * SIZE];
        int x0 = SIZE;
        int y0 = SIZE;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double dy = (y - cy) / ry;
                double dx = (x - cx) / rx;
                boolean in = dy * dy + dx * dx <= 1;
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

    /** {IoU before, IoU after, IoU of the box as mask}, means over the scenes. */
    static double[] run(int steps) {
        Random r = new Random(12);
        ColorAffinityPairwiseLoss pairwise = ColorAffinityPairwiseLoss.boxInst();
        double before = 0;
        double after = 0;
        double boxIou = 0;
        for (int t = 0; t < SCENES; t++) {
            Scene s = scene(r);
            double[] lab = s.image().clone();
            for (int j = 0; j < lab.length; j++) {
                lab[j] *= COLOUR_SCALE;
            }
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
            boolean[] inBox = new boolean[SIZE * SIZE];
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    inBox[y * SIZE + x] = s.box().contains(y, x);
                }
            }
            boxIou += iou(inBox, s.mask());
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

    /** Trains and prints the held-out mask IoU; returns its before/after outcome. */
    public static ExampleOutcome print(PrintWriter out, int steps) {
        double[] res = run(steps);
        out.println(String.format(Locale.ROOT, "free per-pixel mask logits, %d synthetic %d x %d scenes, boxes only, "
                + "%d gradient steps of BoxInst's projection + pairwise loss a scene", SCENES, SIZE, SIZE, steps));
        out.println(String.format(Locale.ROOT, "mean mask IoU vs hidden true masks, before   %.4f", res[0]));
        out.println(String.format(Locale.ROOT, "mean mask IoU vs hidden true masks, after    %.4f", res[1]));
        out.println(String.format(Locale.ROOT, "(the box itself as the mask                  %.4f)", res[2]));
        return new ExampleOutcome("box-supervised", "mask IoU", true, res[0], res[1]);
    }
}
