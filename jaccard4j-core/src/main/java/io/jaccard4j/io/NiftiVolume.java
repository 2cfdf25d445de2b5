package io.jaccard4j.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * An integer label volume read from a NIfTI-1 file ({@code .nii}, or gzip-compressed {@code .nii.gz}), with the
 * voxel spacing of its header. The reader follows the NIfTI-1 specification (nifti1.h): a 348-byte header
 * ({@code sizeof_hdr} = 348, read in the byte order that makes it so), {@code dim[0]} = the number of axes (1..7) and
 * {@code dim[1..]} their extents, {@code datatype} (uint8, int8, int16, uint16, int32, uint32, int64, uint64,
 * float32, float64; floats must hold whole numbers), {@code pixdim[1..]} the spacing, {@code vox_offset} where the
 * data start, {@code scl_slope}/{@code scl_inter} applied when the slope is neither 0 nor 1 or the intercept is not
 * 0, and the magic {@code "n+1\0"} of a single file (the two-file {@code "ni1"} form and NIfTI-2 are rejected).
 *
 * <p>NIfTI stores x fastest. {@link #labels()} keeps that order, which is row-major (C) order for the reversed
 * extents: {@link #shape()} = (…, n_z, n_y, n_x) and {@link #spacing()} = (…, d_z, d_y, d_x), the layout of every
 * other mask in this library. Trailing axes of extent 1 beyond the third (a 3-D volume stored as 4-D with t = 1)
 * are dropped.
 */
public final class NiftiVolume {
    private static final int HEADER = 348;

    private final int[] shape;
    private final double[] spacing;
    private final int[] labels;

    private NiftiVolume(int[] shape, double[] spacing, int[] labels) {
        this.shape = shape;
        this.spacing = spacing;
        this.labels = labels;
    }

    /**
     * Reads a {@code .nii} or {@code .nii.gz} file (gzip is recognised by its magic bytes, whatever the name).
     *
     * @throws IllegalArgumentException naming the file if it is truncated, has a bad magic number or header, an
     *     unsupported datatype, or non-integral labels
     * @throws IOException if it cannot be read
     */
    public static NiftiVolume read(Path file) throws IOException {
        byte[] bytes = readAll(file);
        try {
            return parse(bytes, file.getFileName().toString());
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw truncated(file.getFileName().toString(), bytes.length, -1);
        }
    }

    private static byte[] readAll(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (GZIPInputStream gz = new GZIPInputStream(raw)) {
                    return gz.readAllBytes();
                } catch (java.io.EOFException e) {
                    throw new IllegalArgumentException("NIfTI file " + file.getFileName()
                            + " is truncated: its gzip stream ends early");
                } catch (java.util.zip.ZipException e) {
                    throw new IllegalArgumentException("NIfTI file " + file.getFileName() + " is not valid gzip: "
                            + e.getMessage());
                }
            }
            return raw.readAllBytes();
        }
    }

    private static IllegalArgumentException truncated(String name, long have, long need) {
        return new IllegalArgumentException("NIfTI file " + name + " is truncated: it has " + have + " bytes"
                + (need < 0 ? "" : " but its header describes " + need));
    }

    private static NiftiVolume parse(byte[] bytes, String name) {
        if (bytes.length < HEADER) {
            throw truncated(name, bytes.length, HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int size = b.getInt(0);
        if (size != HEADER) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != HEADER) {
                int le = size;
                throw new IllegalArgumentException("NIfTI file " + name + " has sizeof_hdr " + le + " (" + b.getInt(0)
                        + " big-endian); expected 348 (NIfTI-1; NIfTI-2 is not supported)");
            }
        }
        String magic = new String(bytes, 344, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!magic.equals("n+1\0")) {
            String shown = magic.replace("\0", "\\0");
            throw new IllegalArgumentException("NIfTI file " + name + " has magic '" + shown + "'; expected 'n+1\\0'"
                    + (magic.equals("ni1\0") ? " (two-file .hdr/.img NIfTI is not supported)" : ""));
        }
        int axes = b.getShort(40);
        if (axes < 1 || axes > 7) {
            throw new IllegalArgumentException("NIfTI file " + name + " has dim[0] = " + axes + "; expected 1..7");
        }
        int[] dims = new int[axes];
        double[] pix = new double[axes];
        long voxels = 1;
        for (int a = 0; a < axes; a++) {
            dims[a] = b.getShort(42 + 2 * a);
            if (dims[a] < 1) {
                throw new IllegalArgumentException("NIfTI file " + name + " has dim[" + (a + 1) + "] = " + dims[a]
                        + "; expected >= 1");
            }
            voxels *= dims[a];
            pix[a] = Math.abs(b.getFloat(80 + 4 * a));
        }
        if (voxels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("NIfTI file " + name + " has " + voxels + " voxels; at most 2^31-1 are supported");
        }
        int kept = axes;
        while (kept > 3 && dims[kept - 1] == 1) {
            kept--;
        }
        int datatype = b.getShort(70);
        int width = bytesPerVoxel(datatype);
        if (width == 0) {
            throw new IllegalArgumentException("NIfTI file " + name + " has unsupported datatype " + datatype
                    + "; expected an integer (2, 4, 8, 256, 512, 768, 1024, 1280) or float (16, 64) label type");
        }
        double offset = b.getFloat(108);
        if (!(offset >= HEADER) || offset != Math.rint(offset)) {
            throw new IllegalArgumentException("NIfTI file " + name + " has vox_offset " + offset
                    + "; expected a whole number >= 348");
        }
        long need = (long) offset + voxels * width;
        if (bytes.length < need) {
            throw truncated(name, bytes.length, need);
        }
        double slope = b.getFloat(112);
        double inter = b.getFloat(116);
        boolean scale = !(slope == 0 || slope == 1) || (inter != 0 && Double.isFinite(inter));
        if (slope == 0) {
            slope = 1;
        }
        int n = (int) voxels;
        int[] labels = new int[n];
        int pos = (int) offset;
        for (int i = 0; i < n; i++, pos += width) {
            double v;
            long iv;
            switch (datatype) {
                case 2: iv = bytes[pos] & 0xff; v = iv; break;
                case 256: iv = bytes[pos]; v = iv; break;
                case 4: iv = b.getShort(pos); v = iv; break;
                case 512: iv = b.getShort(pos) & 0xffff; v = iv; break;
                case 8: iv = b.getInt(pos); v = iv; break;
                case 768: iv = b.getInt(pos) & 0xffffffffL; v = iv; break;
                case 1024: iv = b.getLong(pos); v = iv; break;
                case 1280: iv = b.getLong(pos); v = iv < 0 ? Double.POSITIVE_INFINITY : iv; break;
                case 16: v = b.getFloat(pos); iv = 0; break;
                default: v = b.getDouble(pos); iv = 0; break;
            }
            if (scale) {
                v = v * slope + inter;
            }
            if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("NIfTI file " + name + " has voxel " + i + " = " + v
                        + "; label volumes must hold whole numbers within the int range");
            }
            labels[i] = (int) v;
        }
        int[] shape = new int[kept];
        double[] spacing = new double[kept];
        for (int a = 0; a < kept; a++) {
            shape[a] = dims[kept - 1 - a];
            spacing[a] = pix[kept - 1 - a] > 0 ? pix[kept - 1 - a] : 1.0;
        }
        return new NiftiVolume(shape, spacing, labels);
    }

    private static int bytesPerVoxel(int datatype) {
        switch (datatype) {
            case 2: case 256: return 1;
            case 4: case 512: return 2;
            case 8: case 768: case 16: return 4;
            case 64: case 1024: case 1280: return 8;
            default: return 0;
        }
    }

    /**
     * Which commands read NIfTI files, for the messages of the readers that do not (label files, PNG/NPY mask
     * directories).
     */
    public static final String READ_BY = "NIfTI masks are read by --fine-grained and the segmentation metrics "
            + "(--metric boundary-iou, boundary-f1, hausdorff, assd, nsd, generalized-dice, pixel-accuracy, "
            + "class-accuracy); for --metric jaccard, f1, precision, recall or dice save them as NPY";

    /** Whether a file name ends in {@code .nii} or {@code .nii.gz} (any case). */
    public static boolean isNiftiName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }

    /** The extents in row-major order, (…, n_z, n_y, n_x) (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The voxel spacing in the order of {@link #shape()} (a copy); a pixdim of 0 reads as 1. */
    public double[] spacing() {
        return spacing.clone();
    }

    /** The labels, x fastest (row-major for {@link #shape()}) (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public String toString() {
        return "NiftiVolume" + Arrays.toString(shape) + " spacing " + Arrays.toString(spacing);
    }
}
