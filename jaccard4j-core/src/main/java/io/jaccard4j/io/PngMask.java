package io.jaccard4j.io;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Segmentation masks stored as PNG images of class indices. Reading gives an {@link NpyArray} of shape
 * {@code (height, width)}: 8-bit grayscale as uint8, 16-bit grayscale as uint16, 1/2/4-bit grayscale as their
 * raw sample values (uint8), and palette (indexed-colour) images as their raw palette indices (uint8) — not
 * their colours — which is how PASCAL VOC stores class ids (255 marks "ignore"). Colour images and grayscale
 * with alpha are rejected: a mask must hold one index a pixel.
 *
 * <p>Before decoding, the file's chunk structure is checked as libpng checks it: the signature, every chunk's
 * length and CRC-32, an {@code IHDR} first and an {@code IEND} last, and a legal bit depth for the colour type.
 * So a damaged file fails with a message naming it (and never decodes to other values), and a header that
 * claims more pixels than its compressed data could inflate to (deflate expands at most 1032-fold) is refused
 * before any pixel buffer is allocated. Ancillary chunks (transparency, gamma, text, private ones) do not change
 * the samples and are left out before decoding, so a grayscale mask with a {@code tRNS} chunk reads as its
 * gray values, as PIL reads it; an unknown critical chunk is refused, as the PNG standard asks.
 */
public final class PngMask {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** deflate's largest expansion (258 bytes from about two bits), with room for zlib's framing. */
    private static final long MAX_INFLATION = 1032;

    private PngMask() {
    }

    /**
     * Reads a mask.
     *
     * @throws IllegalArgumentException naming the file: not a PNG, a damaged or truncated one, a colour image,
     *     or one too large for an array
     * @throws IOException naming the file, when it cannot be read
     */
    public static NpyArray read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString());
        }
        try {
            return decode(path, readBytes(path));
        } catch (IllegalArgumentException e) {
            throw Npy.named(path, e);
        } catch (IOException e) {
            throw Npy.named(path, e);
        }
    }

    private static byte[] readBytes(Path path) throws IOException {
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a PNG mask of " + size + " bytes is too large to read");
        }
        return Files.readAllBytes(path);
    }

    /** The IHDR fields that matter here. */
    private static final class Header {
        long width;
        long height;
        int bitDepth;
        int colourType;
        long compressedBytes;
        /** The file with its ancillary chunks left out: the samples without transparency, gamma, text. */
        java.io.ByteArrayOutputStream critical = new java.io.ByteArrayOutputStream();
    }

    private static NpyArray decode(Path path, byte[] file) throws IOException {
        Header hd = checkStructure(file);
        int channels;
        switch (hd.colourType) {
            case 0: case 3: channels = 1; break;
            case 2: throw notAMask("an RGB colour image");
            case 4: throw notAMask("a grayscale image with alpha");
            default: throw notAMask("an RGBA colour image");
        }
        long pixels = hd.width * hd.height;
        if (pixels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a PNG of " + hd.width + " x " + hd.height + " pixels is too large "
                    + "for one array");
        }
        long rawBytes = (pixels * hd.bitDepth * channels + 7) / 8;
        if (rawBytes > MAX_INFLATION * hd.compressedBytes + 1024) {
            throw new IllegalArgumentException("corrupt PNG: its header claims " + hd.width + " x " + hd.height
                    + " pixels (" + rawBytes + " bytes), more than its " + hd.compressedBytes + " bytes of "
                    + "compressed image data can hold");
        }
        BufferedImage img;
        try {
            img = decodeImage(hd.critical.toByteArray());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable PNG image (" + e.getMessage() + ")", e);
        }
        if (img == null || img.getWidth() != hd.width || img.getHeight() != hd.height) {
            throw new IllegalArgumentException("not a readable PNG image");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
            throw notAMask("a colour image");
        }
        int transfer = r.getTransferType();
        if (img.getColorModel() instanceof IndexColorModel || transfer == DataBuffer.TYPE_BYTE) {
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
        throw new IllegalArgumentException("unsupported PNG sample type; expected 8/16-bit grayscale or palette");
    }

    private static IllegalArgumentException notAMask(String what) {
        return new IllegalArgumentException(what + ", not an index mask; save class ids as a grayscale or "
                + "palette PNG");
    }

    private static BufferedImage decodeImage(byte[] file) throws IOException {
        java.util.Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new IOException("no PNG reader available");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /** Signature, chunk lengths and CRCs, IHDR first, IEND last; the header's fields. */
    private static Header checkStructure(byte[] f) {
        if (f.length < SIGNATURE.length || !Arrays.equals(f, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalArgumentException("not a PNG file (it does not start with the PNG signature)");
        }
        Header hd = null;
        boolean palette = false;
        int pos = SIGNATURE.length;
        while (true) {
            if (pos + 12 > f.length) {
                throw new IllegalArgumentException("truncated PNG: the file ends at byte " + f.length
                        + " before its IEND chunk");
            }
            long len = ByteBuffer.wrap(f, pos, 4).getInt() & 0xFFFFFFFFL;
            String type = new String(f, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                throw new IllegalArgumentException("corrupt PNG: the chunk at byte " + pos + " has no valid type");
            }
            if (len > f.length - pos - 12L) {
                throw new IllegalArgumentException("truncated PNG: chunk " + type + " at byte " + pos + " claims "
                        + len + " bytes, the file ends first");
            }
            CRC32 crc = new CRC32();
            crc.update(f, pos + 4, 4 + (int) len);
            long stored = ByteBuffer.wrap(f, pos + 8 + (int) len, 4).getInt() & 0xFFFFFFFFL;
            if (crc.getValue() != stored) {
                throw new IllegalArgumentException("corrupt PNG: chunk " + type + " at byte " + pos
                        + " fails its CRC check");
            }
            boolean isCritical = Character.isUpperCase(type.charAt(0));
            if (isCritical && !(type.equals("IHDR") || type.equals("PLTE") || type.equals("IDAT")
                    || type.equals("IEND"))) {
                throw new IllegalArgumentException("unsupported PNG: unknown critical chunk " + type + " at byte "
                        + pos);
            }
            if (hd == null) {
                if (!type.equals("IHDR") || len != 13) {
                    throw new IllegalArgumentException("corrupt PNG: the first chunk is " + type + ", not a 13-byte "
                            + "IHDR");
                }
                hd = header(ByteBuffer.wrap(f, pos + 8, 13));
                hd.critical.write(f, 0, SIGNATURE.length);
            } else if (type.equals("IHDR")) {
                throw new IllegalArgumentException("corrupt PNG: a second IHDR chunk at byte " + pos);
            } else if (type.equals("PLTE")) {
                palette = true;
            } else if (type.equals("IDAT")) {
                hd.compressedBytes += len;
            } else if (type.equals("IEND")) {
                hd.critical.write(f, pos, 12 + (int) len);
                break;
            }
            if (isCritical) {
                hd.critical.write(f, pos, 12 + (int) len);
            }
            pos += 12 + (int) len;
        }
        if (hd.colourType == 3 && !palette) {
            throw new IllegalArgumentException("corrupt PNG: a palette image without a PLTE chunk");
        }
        if (hd.compressedBytes == 0) {
            throw new IllegalArgumentException("corrupt PNG: no IDAT chunk (no image data)");
        }
        return hd;
    }

    private static Header header(ByteBuffer b) {
        Header hd = new Header();
        hd.width = b.getInt() & 0xFFFFFFFFL;
        hd.height = b.getInt() & 0xFFFFFFFFL;
        hd.bitDepth = b.get() & 0xFF;
        hd.colourType = b.get() & 0xFF;
        int compression = b.get() & 0xFF;
        int filter = b.get() & 0xFF;
        int interlace = b.get() & 0xFF;
        if (hd.width == 0 || hd.height == 0 || hd.width > Integer.MAX_VALUE || hd.height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("corrupt PNG: its header claims " + hd.width + " x " + hd.height
                    + " pixels (each must be 1 to 2^31-1)");
        }
        String depths;
        switch (hd.colourType) {
            case 0: depths = "1 2 4 8 16"; break;
            case 3: depths = "1 2 4 8"; break;
            case 2: case 4: case 6: depths = "8 16"; break;
            default:
                throw new IllegalArgumentException("corrupt PNG: colour type " + hd.colourType + " does not exist");
        }
        if (!(" " + depths + " ").contains(" " + hd.bitDepth + " ")) {
            throw new IllegalArgumentException("corrupt PNG: bit depth " + hd.bitDepth + " is not allowed with colour "
                    + "type " + hd.colourType);
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw new IllegalArgumentException("corrupt PNG: unknown compression, filter or interlace method");
        }
        return hd;
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
                    + Arrays.toString(s));
        }
        return s;
    }

    private static void writePng(Path path, BufferedImage img) throws IOException {
        if (!ImageIO.write(img, "png", path.toFile())) {
            throw new IOException("no PNG writer available for " + path);
        }
    }
}
