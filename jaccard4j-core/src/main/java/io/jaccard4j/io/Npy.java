package io.jaccard4j.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
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
import java.util.Map;

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

    private Npy() {
    }

    /** Files with at least this many data bytes are memory-mapped and copied in one pass. */
    private static final long MAP_THRESHOLD = 1 << 20;

    /** The most elements one array holds (Java's array limit). */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Reads a whole NPY file. The header's claim (shape × item size) is compared with the file's length before
     * anything is allocated, so a damaged header cannot ask for more memory than the file holds. Large files
     * are memory-mapped and copied into the array in one pass (no staging buffers); the result is the same as
     * reading the stream. A 0-d array (shape {@code ()}) comes back with {@link NpyArray#ndim()} 0 and one
     * element, a zero-size one (a dimension 0) with {@link NpyArray#size()} 0: both are valid NPY files, and
     * it is for the caller to refuse them where a sample vector is needed.
     *
     * @throws IllegalArgumentException naming the file, for anything that is not a supported NPY array: bad
     *     magic string, a header that is truncated or not numpy's dict (as numpy's own reader refuses it),
     *     an unsupported dtype, or data shorter than the header claims
     * @throws IOException naming the file, when it cannot be read
     */
    public static NpyArray read(Path path) throws IOException {
        try {
            NpyHeader h = readHeader(path);
            long bytes = h.dataBytes();
            long present = Math.max(0, Files.size(path) - h.dataOffset());
            if (present < bytes) {
                throw new IllegalArgumentException("truncated data: the header claims shape "
                        + NpyHeader.describe(h.shape()) + " of " + h.dtype().name().toLowerCase(java.util.Locale.ROOT)
                        + ", " + bytes + " bytes of data after its " + h.dataOffset() + "-byte header, but the file "
                        + "holds only " + present);
            }
            if (h.size() > MAX_ELEMENTS) {
                throw new IllegalArgumentException("array of shape " + NpyHeader.describe(h.shape()) + " has "
                        + h.size() + " elements; at most " + MAX_ELEMENTS + " fit one array");
            }
            if (bytes >= MAP_THRESHOLD) {
                return readMapped(path, h);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path), CHUNK)) {
                in.skipNBytes(h.dataOffset());
                return readData(new DataInputStream(in), h);
            }
        } catch (IllegalArgumentException e) {
            throw named(path, e);
        } catch (IOException e) {
            throw named(path, e);
        }
    }

    /** The exception with the file's name in front of its message, unless the message names it already. */
    static IllegalArgumentException named(Path path, IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains(path.toString()) ? e : new IllegalArgumentException(path + ": " + m, e);
    }

    /** The I/O error with the file's name in its message (a missing file keeps its type and message). */
    static IOException named(Path path, IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains(path.toString()) ? e : new IOException(path + ": " + m, e);
    }

    private static NpyArray readMapped(Path path, NpyHeader h) throws IOException {
        NpyDtype d = h.dtype();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path,
                java.nio.file.StandardOpenOption.READ)) {
            java.nio.MappedByteBuffer mb = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, h.dataOffset(),
                    h.dataBytes());
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

    /**
     * Reads one NPY array from a stream (the stream is left after the array's data). The stream's length is not
     * known in advance, so data are read in chunks of at most 1 MiB before the array is allocated: a header
     * that claims more than the stream holds fails as truncated without allocating what it claims.
     */
    public static NpyArray read(InputStream in) throws IOException {
        try {
            DataInputStream din = new DataInputStream(in);
            NpyHeader h = readHeader(din);
            if (h.size() > MAX_ELEMENTS) {
                throw new IllegalArgumentException("array of shape " + NpyHeader.describe(h.shape()) + " has "
                        + h.size() + " elements; at most " + MAX_ELEMENTS + " fit one array");
            }
            if (h.dataBytes() <= CHUNK) {
                return readData(din, h);
            }
            List<byte[]> chunks = new ArrayList<>();
            long left = h.dataBytes();
            while (left > 0) {
                byte[] c = new byte[(int) Math.min(CHUNK, left)];
                int got = din.readNBytes(c, 0, c.length);
                if (got < c.length) {
                    throw new IllegalArgumentException("truncated data: expected " + h.dataBytes()
                            + " bytes of data, found " + (h.dataBytes() - left + got));
                }
                chunks.add(c);
                left -= c.length;
            }
            return readData(new DataInputStream(new java.io.SequenceInputStream(java.util.Collections.enumeration(
                    chunks.stream().map(java.io.ByteArrayInputStream::new).collect(java.util.stream.Collectors
                            .toList())))), h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("NPY stream: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the header of an NPY file without its data.
     *
     * @throws IllegalArgumentException naming the file, for a header numpy would refuse or a dtype jaccard4j
     *     does not read
     */
    public static NpyHeader readHeader(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return readHeader(new DataInputStream(in));
        } catch (IllegalArgumentException e) {
            throw named(path, e);
        } catch (IOException e) {
            throw named(path, e);
        }
    }

    /** The data that follow a header already read. */
    private static NpyArray readData(DataInputStream in, NpyHeader h) throws IOException {
        long n = h.size();
        int size = (int) n;
        NpyDtype d = h.dtype();
        Object data = java.lang.reflect.Array.newInstance(NpyArray.storageClass(d).getComponentType(), size);
        long totalBytes = h.dataBytes();
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
        byte[] magic = new byte[MAGIC.length + 2];
        int got = in.readNBytes(magic, 0, magic.length);
        if (got < MAGIC.length || !java.util.Arrays.equals(magic, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not an NPY file (it does not start with numpy's magic string "
                    + "\\x93NUMPY)");
        }
        if (got < magic.length) {
            throw new IllegalArgumentException("truncated NPY header: the file ends inside its format version");
        }
        int major = magic[6] & 0xFF;
        int minor = magic[7] & 0xFF;
        int lenSize;
        if (major == 1) {
            lenSize = 2;
        } else if (major == 2 || major == 3) {
            lenSize = 4;
        } else {
            throw new IllegalArgumentException("unsupported NPY format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        if (minor != 0) {
            throw new IllegalArgumentException("unsupported NPY format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        byte[] lenBytes = in.readNBytes(lenSize);
        if (lenBytes.length < lenSize) {
            throw new IllegalArgumentException("truncated NPY header: the file ends inside its header length");
        }
        ByteBuffer lb = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = lenSize == 2 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFFFFFFL;
        int prefix = MAGIC.length + 2 + lenSize;
        if (headerLen > MAX_HEADER) {
            throw new IllegalArgumentException("NPY header length " + headerLen + " is implausible (numpy refuses "
                    + "headers over " + MAX_HEADER + " bytes)");
        }
        byte[] hb = in.readNBytes((int) headerLen);
        if (hb.length < headerLen) {
            throw new IllegalArgumentException("truncated NPY header: it claims " + headerLen + " bytes, the file "
                    + "holds " + hb.length + " after the " + prefix + "-byte prefix");
        }
        String header = major == 3 ? utf8(hb) : new String(hb, StandardCharsets.ISO_8859_1);
        return interpret(header, major, prefix + headerLen);
    }

    /** numpy's {@code _MAX_HEADER_SIZE}: longer headers are refused unless the file is trusted. */
    private static final int MAX_HEADER = 10000;

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("NPY 3.0 header is not valid UTF-8");
        }
    }

    /** The header dict checked as numpy's {@code _read_array_header} checks it. */
    private static NpyHeader interpret(String header, int major, long dataOffset) {
        String shown = header.strip();
        Object parsed;
        try {
            parsed = PythonLiteral.parse(header, major <= 2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed NPY header (not a Python literal: " + e.getMessage() + "): "
                    + shown);
        }
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("malformed NPY header (not a dict): " + shown);
        }
        Map<?, ?> dict = (Map<?, ?>) parsed;
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            List<String> keys = new ArrayList<>();
            for (Object k : dict.keySet()) {
                keys.add(PythonLiteral.repr(k));
            }
            java.util.Collections.sort(keys);
            throw new IllegalArgumentException("malformed NPY header: it must hold exactly the keys 'descr', "
                    + "'fortran_order' and 'shape', found " + keys);
        }
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (!(shapeValue instanceof PythonLiteral.Tuple)) {
            throw new IllegalArgumentException("malformed NPY header: shape is not a tuple of integers: "
                    + PythonLiteral.repr(shapeValue));
        }
        List<Object> items = ((PythonLiteral.Tuple) shapeValue).items;
        int[] shape = new int[items.size()];
        for (int i = 0; i < shape.length; i++) {
            Object v = items.get(i);
            if (!(v instanceof java.math.BigInteger)) {
                throw new IllegalArgumentException("malformed NPY header: shape is not a tuple of integers: "
                        + shapeValue);
            }
            java.math.BigInteger b = (java.math.BigInteger) v;
            if (b.signum() < 0) {
                throw new IllegalArgumentException("malformed NPY header: shape " + shapeValue
                        + " has a negative dimension");
            }
            if (b.bitLength() > 31) {
                throw new IllegalArgumentException("unsupported NPY shape " + shapeValue + ": a dimension above "
                        + Integer.MAX_VALUE);
            }
            shape[i] = b.intValue();
        }
        if (!(fortran instanceof Boolean)) {
            throw new IllegalArgumentException("malformed NPY header: fortran_order must be True or False, found "
                    + PythonLiteral.repr(fortran));
        }
        if (descr instanceof List) {
            throw new IllegalArgumentException("unsupported NPY dtype: structured arrays are not supported");
        }
        if (!(descr instanceof String)) {
            throw new IllegalArgumentException("malformed NPY header: descr is not a dtype string: "
                    + PythonLiteral.repr(descr));
        }
        NpyDtype.Parsed p = NpyDtype.parse((String) descr);
        NpyHeader.elementCount(shape); // refuses a product no file can hold
        return new NpyHeader(major, p.dtype, p.order, (Boolean) fortran, shape, dataOffset);
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
