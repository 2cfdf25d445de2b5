package io.jaccard4j.examples.segmentation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Deterministic synthetic segmentation scenes that need no download: RGB images (3 × H × W floats, C order)
 * with class-index masks over {@value #CLASSES} classes — 0 background (a smooth texture), 1 disks, 2
 * rectangles, 3 thin lines (1–2 pixels wide, a rare class) — with colour jitter, soft (blurred, ambiguous)
 * object boundaries and Gaussian pixel noise. The same seed always gives the same bytes.
 */
public final class SyntheticScenes {
    /** The number of classes. */
    public static final int CLASSES = 4;

    private SyntheticScenes() {
    }

    /** One scene: the image (3 × H × W) and its mask (H × W). */
    public static final class Scene {
        public final float[] image;
        public final int[] mask;

        Scene(float[] image, int[] mask) {
            this.image = image;
            this.mask = mask;
        }
    }

    private static final float[][] COLOURS = {{0.45f, 0.45f, 0.42f}, {0.85f, 0.30f, 0.25f}, {0.30f, 0.75f, 0.35f},
        {0.25f, 0.35f, 0.90f}};

    /** The scene of a seed, {@code height} × {@code width} pixels. */
    public static Scene generate(long seed, int height, int width) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        int h = height;
        int w = width;
        int[] mask = new int[h * w];
        float[] alpha = new float[h * w]; // soft coverage of the object drawn last at each pixel
        float[][] colour = new float[h * w][];
        double fx = 0.05 + 0.1 * r.nextDouble();
        double fy = 0.05 + 0.1 * r.nextDouble();
        int objects = 1 + r.nextInt(3);
        for (int o = 0; o < objects; o++) {
            int cls = 1 + r.nextInt(2);
            float[] col = jitter(COLOURS[cls], r);
            double cx = r.nextDouble() * w;
            double cy = r.nextDouble() * h;
            double rad = Math.min(h, w) * (0.12 + 0.15 * r.nextDouble());
            double hw = rad * (0.6 + 0.8 * r.nextDouble());
            double hh = rad * (0.6 + 0.8 * r.nextDouble());
            double soft = 0.5 + 1.5 * r.nextDouble(); // boundary blur in pixels
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double d = cls == 1 ? Math.hypot(x - cx, y - cy) - rad
                            : Math.max(Math.abs(x - cx) - hw, Math.abs(y - cy) - hh);
                    double a = 1 / (1 + Math.exp(d / soft * 2.5));
                    int i = y * w + x;
                    if (a > 0.02) {
                        if (a >= 0.5) {
                            mask[i] = cls;
                        }
                        alpha[i] = (float) a;
                        colour[i] = col;
                    }
                }
            }
        }
        if (r.nextInt(3) != 0) { // a thin line (rare class)
            float[] col = jitter(COLOURS[3], r);
            double angle = r.nextDouble() * Math.PI;
            double px = r.nextDouble() * w;
            double py = r.nextDouble() * h;
            double half = 0.5 + r.nextDouble() * 0.5;
            double nx = -Math.sin(angle);
            double ny = Math.cos(angle);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double d = Math.abs((x - px) * nx + (y - py) * ny) - half;
                    double a = 1 / (1 + Math.exp(d * 4));
                    int i = y * w + x;
                    if (a > 0.02) {
                        if (a >= 0.5) {
                            mask[i] = 3;
                        }
                        alpha[i] = Math.max(alpha[i], (float) a);
                        colour[i] = col;
                    }
                }
            }
        }
        float[] image = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double texture = 0.08 * Math.sin(x * fx * 6.28) * Math.cos(y * fy * 6.28);
                for (int ch = 0; ch < 3; ch++) {
                    double bg = COLOURS[0][ch] + texture;
                    double fg = colour[i] == null ? bg : colour[i][ch];
                    double v = (1 - alpha[i]) * bg + alpha[i] * fg + 0.08 * r.nextGaussian();
                    image[ch * h * w + i] = (float) v;
                }
            }
        }
        return new Scene(image, mask);
    }

    private static float[] jitter(float[] c, Random r) {
        return new float[] {(float) (c[0] + 0.08 * r.nextGaussian()), (float) (c[1] + 0.08 * r.nextGaussian()),
            (float) (c[2] + 0.08 * r.nextGaussian())};
    }

    /**
     * Writes scenes {@code 0 .. count−1} as a VOC-style folder: {@code JPEGImages/scene_K.png} (RGB) and
     * {@code SegmentationClass/scene_K.png} (palette masks); with {@code ignoreBorder} the left-most column of
     * every mask is 255 ("ignore"), as VOC marks uncertain pixels.
     */
    public static void writeVocFolder(java.nio.file.Path root, int count, int height, int width, boolean ignoreBorder)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(root.resolve("JPEGImages"));
        java.nio.file.Files.createDirectories(root.resolve("SegmentationClass"));
        int p = height * width;
        for (int k = 0; k < count; k++) {
            Scene s = generate(k, height, width);
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            byte[] mask = new byte[p];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    img.setRGB(x, y, (channel(s.image[i]) << 16) | (channel(s.image[p + i]) << 8)
                            | channel(s.image[2 * p + i]));
                    mask[i] = (byte) (ignoreBorder && x == 0 ? 255 : s.mask[i]);
                }
            }
            javax.imageio.ImageIO.write(img, "png", root.resolve("JPEGImages/scene_" + k + ".png").toFile());
            io.jaccard4j.io.PngMask.writePalette(root.resolve("SegmentationClass/scene_" + k + ".png"),
                    io.jaccard4j.io.NpyArray.ofUint8(mask, height, width));
        }
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    /** Scenes {@code first .. first+n−1} as (images N × 3 × H × W, masks N × H × W). */
    public static NDList batch(NDManager manager, long first, int n, int height, int width) {
        float[] images = new float[n * 3 * height * width];
        int[] masks = new int[n * height * width];
        for (int k = 0; k < n; k++) {
            Scene s = generate(first + k, height, width);
            System.arraycopy(s.image, 0, images, k * 3 * height * width, s.image.length);
            System.arraycopy(s.mask, 0, masks, k * height * width, s.mask.length);
        }
        return new NDList(manager.create(images, new Shape(n, 3, height, width)),
                manager.create(masks, new Shape(n, height, width)));
    }
}
