package io.jaccard4j.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Segmentation masks stored as PNG images of class indices. Reading gives an {@link NpyArray} of shape
 * {@code (height, width)}: 8-bit grayscale as uint8, 16-bit grayscale as uint16, and palette (indexed-colour)
 * images as their raw palette indices (uint8) — not their colours — which is how PASCAL VOC stores class ids
 * (255 marks "ignore"). Colour images are rejected: a mask must hold one index a pixel.
 */
public final class PngMask {
    private PngMask() {
    }

    /** Reads a mask. */
    public static NpyArray read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        BufferedImage img = ImageIO.read(path.toFile());
        if (img == null) {
            throw new IllegalArgumentException(path + " is not a readable PNG image");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
            throw new IllegalArgumentException(path + " is a " + (cm.hasAlpha() ? "colour image with alpha" : "colour image")
                    + ", not an index mask; save class ids as a grayscale or palette PNG");
        }
        int transfer = r.getTransferType();
        if (cm instanceof IndexColorModel || transfer == DataBuffer.TYPE_BYTE) {
            byte[] out = new byte[w * h];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) row[x];
                }
            }
            return NpyArray.ofUint8(out, h, w);
        }
        if (transfer == DataBuffer.TYPE_USHORT) {
            short[] out = new short[w * h];
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (short) row[x];
                }
            }
            return NpyArray.ofUint16(out, h, w);
        }
        throw new IllegalArgumentException(path + ": unsupported PNG sample type; expected 8/16-bit grayscale or palette");
    }

    /**
     * Writes a (height, width) mask as 8-bit grayscale when every value is in 0..255, else 16-bit grayscale.
     *
     * @throws IllegalArgumentException for a mask that is not 2-D or holds values outside 0..65535
     */
    public static void write(Path path, NpyArray mask) throws IOException {
        int[] s = shape2d(mask);
        int[] v = mask.toIntArray();
        int max = 0;
        for (int x : v) {
            if (x < 0 || x > 65535) {
                throw new IllegalArgumentException("mask value " + x + " does not fit a 16-bit PNG");
            }
            max = Math.max(max, x);
        }
        BufferedImage img = new BufferedImage(s[1], s[0],
                max <= 255 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSamples(0, 0, s[1], s[0], 0, v);
        writePng(path, img);
    }

    /** Writes a (height, width) mask of values 0..255 as a palette PNG with the PASCAL VOC colour map. */
    public static void writePalette(Path path, NpyArray mask) throws IOException {
        int[] s = shape2d(mask);
        int[] v = mask.toIntArray();
        for (int x : v) {
            if (x < 0 || x > 255) {
                throw new IllegalArgumentException("palette mask value " + x + " is outside 0..255");
            }
        }
        byte[] red = new byte[256];
        byte[] green = new byte[256];
        byte[] blue = new byte[256];
        for (int i = 0; i < 256; i++) {
            int[] c = vocColour(i);
            red[i] = (byte) c[0];
            green[i] = (byte) c[1];
            blue[i] = (byte) c[2];
        }
        IndexColorModel cm = new IndexColorModel(8, 256, red, green, blue);
        BufferedImage img = new BufferedImage(s[1], s[0], BufferedImage.TYPE_BYTE_INDEXED, cm);
        WritableRaster r = img.getRaster();
        r.setSamples(0, 0, s[1], s[0], 0, v);
        writePng(path, img);
    }

    /**
     * The PASCAL VOC colour of class index {@code i}: the bits of i are spread, three at a time, over the high
     * bits of red, green and blue.
     */
    public static int[] vocColour(int i) {
        int r = 0;
        int g = 0;
        int b = 0;
        int c = i;
        for (int j = 0; j < 8; j++) {
            r |= (c & 1) << (7 - j);
            g |= ((c >> 1) & 1) << (7 - j);
            b |= ((c >> 2) & 1) << (7 - j);
            c >>= 3;
        }
        return new int[] {r, g, b};
    }

    private static int[] shape2d(NpyArray mask) {
        int[] s = mask.shape();
        if (s.length != 2 || s[0] == 0 || s[1] == 0) {
            throw new IllegalArgumentException("a PNG mask needs a non-empty (height, width) array, got shape "
                    + java.util.Arrays.toString(s));
        }
        return s;
    }

    private static void writePng(Path path, BufferedImage img) throws IOException {
        if (!ImageIO.write(img, "png", path.toFile())) {
            throw new IOException("no PNG writer available for " + path);
        }
    }
}
