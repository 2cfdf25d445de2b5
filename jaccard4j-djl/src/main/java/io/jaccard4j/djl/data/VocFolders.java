package io.jaccard4j.djl.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.PngMask;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Real segmentation data laid out as PASCAL VOC lays it out: {@code JPEGImages/} (JPEG or PNG images) and
 * {@code SegmentationClass/} (PNG index masks — palette PNGs are read as raw palette indices, 255 = ignore),
 * matched by file stem. Splits come from {@code ImageSets/Segmentation/train.txt} and {@code val.txt} when
 * present, else the sorted stems are split 80 / 20. Every image is resized to size × size (bilinear) and every
 * mask likewise by nearest neighbour, so batches have one shape.
 *
 * <p>Rejected with an {@link IllegalArgumentException} (or an {@link IOException} for an unreadable file) naming
 * the file or id: an id of {@code train.txt} / {@code val.txt} without an image or without a mask, a mask whose
 * height × width differs from its image's, an image that cannot be decoded, and a split whose masks are all
 * {@value #IGNORE} (no labelled pixel: nothing to learn from or to score).
 */
public final class VocFolders {
    /** Images (N × 3 × S × S, values in [0, 1] minus 0.5) and masks (N × S × S) of one split. */
    public static final class Split {
        public final List<String> names;
        public final float[] images;
        public final int[] masks;
        public final int size;

        Split(List<String> names, float[] images, int[] masks, int size) {
            this.names = names;
            this.images = images;
            this.masks = masks;
            this.size = size;
        }

        public int count() {
            return names.size();
        }

        /** (images, masks) as NDArrays. */
        public NDList toNDList(NDManager m) {
            return new NDList(m.create(images, new Shape(count(), 3, size, size)),
                    m.create(masks, new Shape(count(), size, size)));
        }

        /** One more than the largest class index (the ignore index not counted). */
        public int classes(int ignoreIndex) {
            int max = 0;
            for (int v : masks) {
                if (v != ignoreIndex) {
                    max = Math.max(max, v);
                }
            }
            return max + 1;
        }
    }

    /** The VOC label of unlabelled pixels. */
    public static final int IGNORE = 255;

    private VocFolders() {
    }

    /** The train and validation splits of a VOC-style folder. */
    public static Split[] load(Path root, int size) throws IOException {
        if (size < 4 || size % 4 != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of 4; got " + size);
        }
        Path images = root.resolve("JPEGImages");
        Path masks = root.resolve("SegmentationClass");
        for (Path d : List.of(images, masks)) {
            if (!Files.isDirectory(d)) {
                throw new NoSuchFileException(d + " (expected a VOC layout: JPEGImages/ and SegmentationClass/)");
            }
        }
        Map<String, Path> img = byStem(images, ".jpg", ".jpeg", ".png");
        Map<String, Path> msk = byStem(masks, ".png");
        List<String> both = new ArrayList<>();
        for (String s : msk.keySet()) {
            if (img.containsKey(s)) {
                both.add(s);
            }
        }
        List<String> train;
        List<String> val;
        Path sets = root.resolve("ImageSets").resolve("Segmentation");
        if (Files.isRegularFile(sets.resolve("train.txt")) && Files.isRegularFile(sets.resolve("val.txt"))) {
            train = listed(sets.resolve("train.txt"), img, msk, images, masks);
            val = listed(sets.resolve("val.txt"), img, msk, images, masks);
        } else {
            if (both.isEmpty()) {
                throw new IllegalArgumentException("no image in " + images + " has a mask in " + masks);
            }
            int cut = Math.max(1, (int) Math.round(both.size() * 0.8));
            train = both.subList(0, Math.min(cut, both.size()));
            val = both.size() > cut ? both.subList(cut, both.size()) : both.subList(0, 1);
        }
        return new Split[] {read(train, img, msk, size, "training"), read(val, img, msk, size, "validation")};
    }

    /** The ids of a split file, each required to have an image and a mask. */
    private static List<String> listed(Path file, Map<String, Path> img, Map<String, Path> msk, Path images,
            Path masks) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!img.containsKey(s)) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " names '" + s + "', which has no image in "
                        + images + " (expected " + s + ".jpg, .jpeg or .png)");
            }
            if (!msk.containsKey(s)) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " names '" + s + "', which has no mask in "
                        + masks + " (expected " + s + ".png)");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " names no image");
        }
        return out;
    }

    private static Map<String, Path> byStem(Path dir, String... extensions) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                for (String e : extensions) {
                    if (lower.endsWith(e)) {
                        out.put(name.substring(0, name.length() - e.length()), p);
                    }
                }
            }
        }
        return out;
    }

    private static Split read(List<String> names, Map<String, Path> img, Map<String, Path> msk, int size,
            String split) throws IOException {
        int p = size * size;
        float[] images = new float[names.size() * 3 * p];
        int[] masks = new int[names.size() * p];
        boolean labelled = false;
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            BufferedImage src = image(img.get(n));
            NpyArray mask = PngMask.read(msk.get(n));
            int[] s = mask.shape();
            if (s[0] != src.getHeight() || s[1] != src.getWidth()) {
                throw new IllegalArgumentException("mask " + msk.get(n) + " is " + s[0] + "x" + s[1]
                        + " (height x width) but its image " + img.get(n) + " is " + src.getHeight() + "x"
                        + src.getWidth() + "; a mask must have its image's size");
            }
            BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, size, size, null);
            g.dispose();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int rgb = scaled.getRGB(x, y);
                    images[(k * 3) * p + y * size + x] = ((rgb >> 16) & 0xFF) / 255f - 0.5f;
                    images[(k * 3 + 1) * p + y * size + x] = ((rgb >> 8) & 0xFF) / 255f - 0.5f;
                    images[(k * 3 + 2) * p + y * size + x] = (rgb & 0xFF) / 255f - 0.5f;
                }
            }
            int[] v = mask.toIntArray();
            for (int x : v) {
                labelled |= x != IGNORE;
            }
            for (int y = 0; y < size; y++) {
                int sy = Math.min(s[0] - 1, (int) ((y + 0.5) * s[0] / size));
                for (int x = 0; x < size; x++) {
                    int sx = Math.min(s[1] - 1, (int) ((x + 0.5) * s[1] / size));
                    masks[k * p + y * size + x] = v[sy * s[1] + sx];
                }
            }
        }
        if (!labelled) {
            throw new IllegalArgumentException("every mask of the " + split + " split (" + names.size()
                    + " images) is all " + IGNORE + " (ignored): the split has no labelled pixel");
        }
        return new Split(List.copyOf(names), images, masks, size);
    }

    /** Decodes an image, naming the file when it cannot. */
    private static BufferedImage image(Path file) throws IOException {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable image: " + e.getMessage(), e);
        }
        if (src == null) {
            throw new IOException(file + " is not a readable image (no JPEG or PNG decoder accepts it)");
        }
        return src;
    }
}
