package io.jaccard4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes numpy's NPY format (versions 1.0, 2.0 and 3.0): a magic string, a header dict
 * ({@code descr}, {@code fortran_order}, {@code shape}), then the raw data. Reading accepts little- and
 * big-endian data in C or Fortran order (Fortran data is transposed to C order); writing produces
 * little-endian C-order files with the header padded to a 64-byte boundary, version 1.0 unless the header
 * needs 2.0 — the files numpy itself writes.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Files with at least this many data bytes are memory-mapped and copied in one pass. */
    private static final long MAP_THRESHOLD = 1 << 20;

    /**
     * Reads a whole NPY file. Large files are memory-mapped and copied into the array in one pass (no staging
     * buffers); the result is the same as reading the stream.
     */
    public static NpyArray read(Path path) throws IOException {
        NpyArray mapped = readMapped(path);
        if (mapped != null) {
            return mapped;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), CHUNK)) {
            return read(in, path.toString());
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(path.toString()) ? e
                    : new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static NpyArray readMapped(Path path) throws IOException {
        NpyHeader h;
        try {
            h = readHeader(path);
        } catch (IllegalArgumentException e) {
            return null; // the stream reader reports it
        }
        NpyDtype d = h.dtype();
        long bytes = h.size() * d.itemSize();
        if (bytes < MAP_THRESHOLD || h.size() > Integer.MAX_VALUE - 8) {
            return null;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path,
                java.nio.file.StandardOpenOption.READ)) {
            if (ch.size() < h.dataOffset() + bytes) {
                return null; // truncated: the stream reader reports it
            }
            java.nio.MappedByteBuffer mb = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, h.dataOffset(),
                    bytes);
            ByteBuffer buf = mb.order(h.byteOrder());
            int size = (int) h.size();
            Object data = java.lang.reflect.Array.newInstance(NpyArray.storageClass(d).getComponentType(), size);
            switch (d) {
                case BOOL: case INT8: case UINT8: buf.get((byte[]) data); break;
                case INT16: case UINT16: case FLOAT16: buf.asShortBuffer().get((short[]) data); break;
                case INT32: case UINT32: buf.asIntBuffer().get((int[]) data); break;
                case INT64: case UINT64: buf.asLongBuffer().get((long[]) data); break;
                case FLOAT32: buf.asFloatBuffer().get((float[]) data); break;
                default: buf.asDoubleBuffer().get((double[]) data);
            }
            return finish(h, d, data);
        }
    }

    /** Reads one NPY array from a stream (the stream is left after the array's data). */
    public static NpyArray read(InputStream in) throws IOException {
        return read(in, "NPY stream");
    }

    /** Reads the header of an NPY file without its data. */
    public static NpyHeader readHeader(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return readHeader(new DataInputStream(in));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static NpyArray read(InputStream raw, String name) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        NpyHeader h = readHeader(in);
        long n = h.size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("array of " + n + " elements is too large (at most 2^31-9)");
        }
        int size = (int) n;
        NpyDtype d = h.dtype();
        Object data = java.lang.reflect.Array.newInstance(NpyArray.storageClass(d).getComponentType(), size);
        long totalBytes = n * d.itemSize();
        if (d.itemSize() == 1) {
            // one-byte types: straight into the array, no staging copy
            int got = in.readNBytes((byte[]) data, 0, size);
            if (got < size) {
                throw new IllegalArgumentException("truncated data: expected " + totalBytes + " bytes of data, found "
                        + got);
            }
            return finish(h, d, data);
        }
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(totalBytes, 1))];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(h.byteOrder());
        int perChunk = chunk.length / d.itemSize();
        int done = 0;
        while (done < size) {
            int count = Math.min(perChunk, size - done);
            int bytes = count * d.itemSize();
            int got = in.readNBytes(chunk, 0, bytes);
            if (got < bytes) {
                throw new IllegalArgumentException("truncated data: expected " + totalBytes + " bytes of data, found "
                        + ((long) done * d.itemSize() + got));
            }
            buf.clear();
            switch (d) {
                case BOOL: case INT8: case UINT8:
                    System.arraycopy(chunk, 0, (byte[]) data, done, count);
                    break;
                case INT16: case UINT16: case FLOAT16:
                    buf.asShortBuffer().get((short[]) data, done, count);
                    break;
                case INT32: case UINT32:
                    buf.asIntBuffer().get((int[]) data, done, count);
                    break;
                case INT64: case UINT64:
                    buf.asLongBuffer().get((long[]) data, done, count);
                    break;
                case FLOAT32:
                    buf.asFloatBuffer().get((float[]) data, done, count);
                    break;
                default:
                    buf.asDoubleBuffer().get((double[]) data, done, count);
            }
            done += count;
        }
        return finish(h, d, data);
    }

    /** Booleans normalised to 0/1, Fortran order converted to C order. */
    private static NpyArray finish(NpyHeader h, NpyDtype d, Object data) {
        if (d == NpyDtype.BOOL) {
            byte[] b = (byte[]) data;
            for (int i = 0; i < b.length; i++) {
                if (b[i] != 0 && b[i] != 1) {
                    b[i] = 1;
                }
            }
        }
        int[] shape = h.shape();
        if (h.fortranOrder() && shape.length > 1) {
            data = fortranToC(data, shape);
        }
        return new NpyArray(d, shape, data);
    }

    private static NpyHeader readHeader(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        if (in.readNBytes(magic, 0, magic.length) < magic.length || !java.util.Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException("not an NPY file (bad magic string)");
        }
        int major;
        int minor;
        try {
            major = in.readUnsignedByte();
            minor = in.readUnsignedByte();
        } catch (EOFException e) {
            throw new IllegalArgumentException("not an NPY file (truncated header)");
        }
        long headerLen;
        int prefix;
        byte[] lenBytes;
        if (major == 1) {
            lenBytes = in.readNBytes(2);
            if (lenBytes.length < 2) {
                throw new IllegalArgumentException("truncated NPY header");
            }
            headerLen = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            lenBytes = in.readNBytes(4);
            if (lenBytes.length < 4) {
                throw new IllegalArgumentException("truncated NPY header");
            }
            headerLen = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            prefix = 12;
        } else {
            throw new IllegalArgumentException("unsupported NPY format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        if (headerLen > (1 << 24)) {
            throw new IllegalArgumentException("implausible NPY header length " + headerLen);
        }
        byte[] hb = in.readNBytes((int) headerLen);
        if (hb.length < headerLen) {
            throw new IllegalArgumentException("truncated NPY header");
        }
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher dm = DESCR.matcher(header);
        Matcher fm = FORTRAN.matcher(header);
        Matcher sm = SHAPE.matcher(header);
        if (!header.strip().startsWith("{")) {
            throw new IllegalArgumentException("malformed NPY header: " + header.strip());
        }
        if (!dm.find()) {
            if (header.contains("'descr': [") || header.contains("\"descr\": [")) {
                throw new IllegalArgumentException("unsupported NPY dtype: structured arrays are not supported");
            }
            throw new IllegalArgumentException("malformed NPY header (no descr): " + header.strip());
        }
        if (!fm.find() || !sm.find()) {
            throw new IllegalArgumentException("malformed NPY header (needs fortran_order and shape): " + header.strip());
        }
        NpyDtype.Parsed p = NpyDtype.parse(dm.group(1));
        List<Integer> dims = new ArrayList<>();
        for (String s : sm.group(1).split(",")) {
            String t = s.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            long v;
            try {
                v = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed NPY shape (" + sm.group(1) + ")");
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("unsupported NPY dimension " + v);
            }
            dims.add((int) v);
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        return new NpyHeader(major, p.dtype, p.order, fm.group(1).equals("True"), shape, prefix + headerLen);
    }

    /** Reorders column-major data to row-major. */
    private static Object fortranToC(Object src, int[] shape) {
        int n = java.lang.reflect.Array.getLength(src);
        Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), n);
        int nd = shape.length;
        int[] fStride = new int[nd];
        int s = 1;
        for (int k = 0; k < nd; k++) {
            fStride[k] = s;
            s *= shape[k];
        }
        int[] idx = new int[nd];
        int fOff = 0;
        for (int c = 0; c < n; c++) {
            System.arraycopy(src, fOff, dst, c, 1);
            // advance the C-order multi-index (last axis fastest) and keep the Fortran offset in step
            for (int k = nd - 1; k >= 0; k--) {
                idx[k]++;
                fOff += fStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                fOff -= fStride[k] * shape[k];
                idx[k] = 0;
            }
        }
        return dst;
    }

    /** Writes an array as an NPY file (little-endian, C order). */
    public static void write(Path path, NpyArray array) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), CHUNK)) {
            write(out, array);
        }
    }

    /** Writes an array in NPY format to a stream (not closed). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        int[] shape = array.shape();
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            sh.append(',');
        }
        sh.append(')');
        String dict = "{'descr': '" + array.dtype().descr() + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int major = dict.length() + 1 + 10 > 65535 ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer pre = ByteBuffer.allocate(prefix).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            pre.putShort((short) header.length());
        } else {
            pre.putInt(header.length());
        }
        out.write(pre.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        NpyDtype d = array.dtype();
        Object data = array.data();
        int size = array.size();
        byte[] chunk = new byte[Math.max(d.itemSize(), Math.min(CHUNK, size * d.itemSize()))];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = chunk.length / d.itemSize();
        for (int done = 0; done < size; ) {
            int count = Math.min(perChunk, size - done);
            buf.clear();
            switch (d) {
                case BOOL: case INT8: case UINT8:
                    System.arraycopy((byte[]) data, done, chunk, 0, count);
                    break;
                case INT16: case UINT16: case FLOAT16:
                    buf.asShortBuffer().put((short[]) data, done, count);
                    break;
                case INT32: case UINT32:
                    buf.asIntBuffer().put((int[]) data, done, count);
                    break;
                case INT64: case UINT64:
                    buf.asLongBuffer().put((long[]) data, done, count);
                    break;
                case FLOAT32:
                    buf.asFloatBuffer().put((float[]) data, done, count);
                    break;
                default:
                    buf.asDoubleBuffer().put((double[]) data, done, count);
            }
            out.write(chunk, 0, count * d.itemSize());
            done += count;
        }
        out.flush();
    }

    /** The float16 bits of a float (round to nearest even), for building float16 arrays. */
    public static short toHalf(float value) {
        return Half.fromFloat(value);
    }
}
