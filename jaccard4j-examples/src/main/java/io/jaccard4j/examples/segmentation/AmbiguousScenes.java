package io.jaccard4j.examples.segmentation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Deterministic synthetic scenes with <b>real class ambiguity</b>: the class of an object is not a function of its
 * pixels. Each scene holds 2–4 objects (disk or rectangle, the shape drawn independently of the class, so shape
 * carries no information) on a textured grey background. Each object has a hue t drawn uniformly from [0, 1] and
 * painted as the colour (1 − t)·red + t·green (no per-object jitter) over what lies below it with coverage
 * a = 1/(1 + e<sup>2.5·d/b</sup>) at signed distance d from its outline (blur b of 0.5–2 pixels); a pixel takes the
 * object's label where a ≥ ½; then Gaussian pixel noise σ = 0.08. Its class k ∈ {1, 2, 3} is then drawn from the stated posterior
 * <pre>    P(k | t) = exp(−(t − μ<sub>k</sub>)² / (2σ²)) / Σ<sub>j</sub> exp(−(t − μ<sub>j</sub>)² / (2σ²)),
 *     μ = (0, ½, 1), σ = {@value #SIGMA},</pre>
 * so an object's largest class probability lies between 0.495 (t = ¼ or ¾) and 0.881 (t = 0 or 1), and
 * two objects of the same appearance can carry different labels. All pixels of an object share its label (an
 * annotator labels objects, not pixels); class 0 (background) is unambiguous. Training and test labels are drawn
 * the same way, so the best possible prediction at an object pixel is the soft distribution P(· | t), and a model
 * that predicts it is calibrated against the sampled test labels. {@link Scene#posterior} holds that distribution
 * at every pixel (one-hot background; the drawn-last object's P(· | t) where the mask has an object), the soft
 * labels of the demo's "posterior labels" recipe. The same seed always gives the same bytes.
 */
public final class AmbiguousScenes {
    /** The number of classes: background and three ambiguous object classes. */
    public static final int CLASSES = 4;
    /** σ of the posterior's Gaussian bumps over the hue. */
    public static final double SIGMA = 0.25;
    private static final double[] CENTRES = {0, 0.5, 1};
    private static final float[] BACKGROUND = {0.45f, 0.45f, 0.42f};
    private static final float[] RED = {0.85f, 0.30f, 0.25f};
    private static final float[] GREEN = {0.30f, 0.75f, 0.35f};

    private AmbiguousScenes() {
    }

    /** One scene: the image (3 × H × W), the sampled mask (H × W), the posterior (C × H × W) and its objects. */
    public static final class Scene {
        public final float[] image;
        public final int[] mask;
        /** P(class | appearance) at every pixel, C × H × W in C order. */
        public final float[] posterior;
        /** Each object's hue t, in drawing order. */
        public final double[] hues;
        /** Each object's drawn class (1..3), in drawing order. */
        public final int[] labels;
        /** At every pixel the object (1-based, drawing order) whose label the mask holds, 0 for background. */
        public final int[] owner;

        Scene(float[] image, int[] mask, float[] posterior, double[] hues, int[] labels, int[] owner) {
            this.image = image;
            this.mask = mask;
            this.posterior = posterior;
            this.hues = hues;
            this.labels = labels;
            this.owner = owner;
        }
    }

    /**
     * The stated posterior P(k | t) over the C classes (index 0, background, is 0) for an object of hue t.
     *
     * @throws IllegalArgumentException when t is outside [0, 1]
     */
    public static double[] posterior(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("hue t is " + t + "; expected a value in [0, 1]");
        }
        double[] p = new double[CLASSES];
        double z = 0;
        for (int k = 0; k < CENTRES.length; k++) {
            double d = t - CENTRES[k];
            p[k + 1] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            z += p[k + 1];
        }
        for (int k = 1; k < CLASSES; k++) {
            p[k] /= z;
        }
        return p;
    }

    /** The colour (RGB) of an object of hue t: (1 − t)·red + t·green. */
    public static float[] colour(double t) {
        float[] c = new float[3];
        for (int ch = 0; ch < 3; ch++) {
            c[ch] = (float) ((1 - t) * RED[ch] + t * GREEN[ch]);
        }
        return c;
    }

    /** A class drawn from {@code p} (a distribution over 0..C−1) with the uniform number u in [0, 1). */
    static int draw(double[] p, double u) {
        double acc = 0;
        for (int k = 0; k < p.length; k++) {
            acc += p[k];
            if (u < acc) {
                return k;
            }
        }
        int last = p.length - 1;
        while (p[last] == 0) {
            last--;
        }
        return last;
    }

    /** The scene of a seed, {@code height} × {@code width} pixels. */
    public static Scene generate(long seed, int height, int width) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 29);
        int h = height;
        int w = width;
        int p = h * w;
        int[] mask = new int[p];
        int[] owner = new int[p]; // the object (1-based) whose label the mask holds, 0 for background
        double[] rgb = new double[3 * p];
        double fx = 0.05 + 0.1 * r.nextDouble();
        double fy = 0.05 + 0.1 * r.nextDouble();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double texture = 0.08 * Math.sin(x * fx * 6.28) * Math.cos(y * fy * 6.28);
                for (int ch = 0; ch < 3; ch++) {
                    rgb[ch * p + y * w + x] = BACKGROUND[ch] + texture;
                }
            }
        }
        int objects = 2 + r.nextInt(3);
        double[] hues = new double[objects];
        int[] labels = new int[objects];
        for (int o = 0; o < objects; o++) {
            double t = r.nextDouble();
            int cls = draw(posterior(t), r.nextDouble());
            hues[o] = t;
            labels[o] = cls;
            float[] col = colour(t);
            boolean disk = r.nextBoolean();
            double cx = r.nextDouble() * w;
            double cy = r.nextDouble() * h;
            double rad = Math.min(h, w) * (0.10 + 0.12 * r.nextDouble());
            double hw = rad * (0.6 + 0.8 * r.nextDouble());
            double hh = rad * (0.6 + 0.8 * r.nextDouble());
            double soft = 0.5 + 1.5 * r.nextDouble(); // boundary blur in pixels
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double d = disk ? Math.hypot(x - cx, y - cy) - rad
                            : Math.max(Math.abs(x - cx) - hw, Math.abs(y - cy) - hh);
                    double a = 1 / (1 + Math.exp(d / soft * 2.5)); // coverage; painted over what lies below
                    int i = y * w + x;
                    for (int ch = 0; ch < 3; ch++) {
                        rgb[ch * p + i] = a * col[ch] + (1 - a) * rgb[ch * p + i];
                    }
                    if (a >= 0.5) {
                        mask[i] = cls;
                        owner[i] = o + 1;
                    }
                }
            }
        }
        float[] image = new float[3 * p];
        for (int i = 0; i < 3 * p; i++) {
            image[i] = (float) (rgb[i] + 0.08 * r.nextGaussian());
        }
        float[] posterior = new float[CLASSES * p];
        for (int i = 0; i < p; i++) {
            if (owner[i] == 0) {
                posterior[i] = 1f;
            } else {
                double[] q = posterior(hues[owner[i] - 1]);
                for (int k = 0; k < CLASSES; k++) {
                    posterior[k * p + i] = (float) q[k];
                }
            }
        }
        return new Scene(image, mask, posterior, hues, labels, owner);
    }

    /** Scenes {@code first .. first+n−1} as (images N × 3 × H × W, masks N × H × W). */
    public static NDList batch(NDManager manager, long first, int n, int height, int width) {
        int p = height * width;
        float[] images = new float[n * 3 * p];
        int[] masks = new int[n * p];
        for (int k = 0; k < n; k++) {
            Scene s = generate(first + k, height, width);
            System.arraycopy(s.image, 0, images, k * 3 * p, s.image.length);
            System.arraycopy(s.mask, 0, masks, k * p, s.mask.length);
        }
        return new NDList(manager.create(images, new Shape(n, 3, height, width)),
                manager.create(masks, new Shape(n, height, width)));
    }

    /** The posteriors of scenes {@code first .. first+n−1}: N × C × H × W in C order. */
    public static float[] posteriors(long first, int n, int height, int width) {
        int cp = CLASSES * height * width;
        float[] out = new float[n * cp];
        for (int k = 0; k < n; k++) {
            System.arraycopy(generate(first + k, height, width).posterior, 0, out, k * cp, cp);
        }
        return out;
    }
}
