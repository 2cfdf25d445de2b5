package io.jaccard4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NPY and PNG readers on files written by numpy and PIL (tools/gen_io_fixtures.py); writers by round trip. */
class FileFormatTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(FileFormatTest.class.getResource("/io/" + name).toURI());
    }

    static JsonObject manifest() throws Exception {
        return io.jaccard4j.ReferenceJson.load("/io/manifest.json");
    }

    /** The "shape" array of a manifest entry. */
    static int[] shape(JsonObject entry) {
        JsonArray shape = entry.getAsJsonArray("shape");
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i).getAsInt();
        }
        return s;
    }

    private static void assertHolds(JsonObject f, NpyArray a) {
        String name = f.get("file").getAsString();
        assertEquals(f.get("dtype").getAsString(), a.dtype().name().toLowerCase(Locale.ROOT), name);
        assertArrayEquals(shape(f), a.shape(), name);
        JsonArray values = f.getAsJsonArray("values");
        assertEquals(values.size(), a.size(), name);
        for (int i = 0; i < values.size(); i++) {
            JsonElement v = values.get(i);
            if (a.dtype().isInteger() && a.dtype() != NpyDtype.UINT64) {
                assertEquals(v.getAsLong(), a.getLong(i), name + " element " + i);
            } else if (a.dtype() == NpyDtype.UINT64) {
                assertEquals(v.getAsBigInteger().toString(), Long.toUnsignedString(((long[]) a.data())[i]),
                        name + " element " + i);
            } else if (a.dtype().isBool()) {
                assertEquals(v.getAsLong(), a.getLong(i), name + " element " + i);
            } else {
                assertEquals(v.getAsDouble(), a.getDouble(i), 0.0, name + " element " + i);
            }
        }
    }

    @Test
    void readsEveryNumpyFixture() throws Exception {
        JsonArray files = manifest().getAsJsonArray("npy");
        assertTrue(files.size() >= 40);
        for (JsonElement e : files) {
            JsonObject f = e.getAsJsonObject();
            NpyArray a = Npy.read(fixture(f.get("file").getAsString()));
            assertHolds(f, a);
            if (f.has("version")) {
                assertEquals(f.get("version").getAsInt(), Npy.readHeader(fixture(f.get("file").getAsString()))
                        .majorVersion());
            }
        }
    }

    @Test
    void writtenFilesReadBackIdenticallyWithNumpysHeaderLayout() throws Exception {
        for (JsonElement e : manifest().getAsJsonArray("npy")) {
            JsonObject f = e.getAsJsonObject();
            NpyArray a = Npy.read(fixture(f.get("file").getAsString()));
            Path out = tmp.resolve(f.get("file").getAsString());
            Npy.write(out, a);
            byte[] bytes = Files.readAllBytes(out);
            assertEquals((byte) 0x93, bytes[0]);
            assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.ISO_8859_1));
            assertEquals(1, bytes[6]);
            int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            assertEquals(0, (10 + headerLen) % 64, "data starts on a 64-byte boundary");
            assertEquals('\n', bytes[10 + headerLen - 1]);
            assertHolds(f, Npy.read(out));
        }
    }

    @Test
    void rejectsUnsupportedAndBrokenFiles() throws Exception {
        for (JsonElement e : manifest().getAsJsonArray("npy_errors")) {
            JsonObject f = e.getAsJsonObject();
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> Npy.read(fixture(f.get("file").getAsString())));
            assertTrue(ex.getMessage().contains(f.get("message").getAsString()), ex.getMessage());
            assertTrue(ex.getMessage().contains(f.get("file").getAsString()), "names the file: " + ex.getMessage());
        }
    }

    @Test
    void readsPngMasksWrittenByPil() throws Exception {
        JsonObject m = manifest();
        for (JsonElement e : m.getAsJsonArray("png")) {
            JsonObject f = e.getAsJsonObject();
            assertHolds(f, PngMask.read(fixture(f.get("file").getAsString())));
        }
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> PngMask.read(fixture("rgb.png")));
        assertTrue(ex.getMessage().contains("not an index mask"), ex.getMessage());
    }

    @Test
    void pngWritersRoundTrip() throws IOException {
        byte[] v = new byte[6 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (i % 3 == 0 ? 255 : i % 21);
        }
        NpyArray mask = NpyArray.ofUint8(v, 6, 5);
        PngMask.writePalette(tmp.resolve("p.png"), mask);
        PngMask.write(tmp.resolve("g.png"), mask);
        assertArrayEquals(mask.toIntArray(), PngMask.read(tmp.resolve("p.png")).toIntArray());
        assertArrayEquals(mask.toIntArray(), PngMask.read(tmp.resolve("g.png")).toIntArray());
        short[] w = {0, 300, (short) 65535, 7};
        PngMask.write(tmp.resolve("w.png"), NpyArray.ofUint16(w, 2, 2));
        NpyArray back = PngMask.read(tmp.resolve("w.png"));
        assertEquals(NpyDtype.UINT16, back.dtype());
        assertArrayEquals(new int[] {0, 300, 65535, 7}, back.toIntArray());
        assertArrayEquals(new int[] {128, 0, 0}, PngMask.vocColour(1));
        assertArrayEquals(new int[] {224, 224, 192}, PngMask.vocColour(255));
    }

    @Property(tries = 60)
    void everyDtypeRoundTrips(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int n) throws IOException {
        Random r = new Random(seed);
        for (NpyDtype d : NpyDtype.values()) {
            Object data;
            switch (d) {
                case BOOL: { byte[] b = new byte[n]; for (int i = 0; i < n; i++) { b[i] = (byte) r.nextInt(2); } data = b; break; }
                case INT8: case UINT8: { byte[] b = new byte[n]; r.nextBytes(b); data = b; break; }
                case INT16: case UINT16: case FLOAT16: { short[] s = new short[n]; for (int i = 0; i < n; i++) { s[i] = (short) r.nextInt(); if (d == NpyDtype.FLOAT16) { s[i] = Npy.toHalf((float) r.nextGaussian()); } } data = s; break; }
                case INT32: case UINT32: data = r.ints(n).toArray(); break;
                case INT64: case UINT64: data = r.longs(n).toArray(); break;
                case FLOAT32: { float[] f = new float[n]; for (int i = 0; i < n; i++) { f[i] = (float) r.nextGaussian(); } data = f; break; }
                default: data = r.doubles(n).toArray();
            }
            NpyArray a = NpyArray.of(d, data, n);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            Npy.write(bos, a);
            NpyArray b = Npy.read(new java.io.ByteArrayInputStream(bos.toByteArray()));
            assertEquals(d, b.dtype());
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToLongBits(a.getDouble(i)), Double.doubleToLongBits(b.getDouble(i)), d + " " + i);
            }
        }
    }

    @Test
    void halfPrecisionConvertsExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = Half.toFloat((short) bits);
            if (Float.isNaN(f)) {
                continue;
            }
            assertEquals(bits, Half.fromFloat(f) & 0xFFFF, "half " + Integer.toHexString(bits));
        }
        assertEquals(65504f, Half.toFloat(Half.fromFloat(65504f)));
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat(Half.fromFloat(1e6f)));
    }

    @Test
    void delimitedTablesReportLinesAndValues() throws IOException {
        Path p = tmp.resolve("t.csv");
        Files.write(p, List.of("# header comment", "1,0,1", "", "0, 1 ,0", "1,1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelimitedTable.read(p));
        assertTrue(e.getMessage().contains("line 5") && e.getMessage().contains("expected 3 fields, found 2"),
                e.getMessage());
        Files.write(p, List.of("0.5\t1", "x\t2"));
        DelimitedTable t = DelimitedTable.read(p);
        assertEquals(2, t.columns());
        assertEquals(2, t.lineNumber(1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, t::toDoubleMatrix);
        assertTrue(nan.getMessage().contains("line 2 column 1"), nan.getMessage());
        Files.write(p, List.of("1 0", "true false"));
        assertArrayEquals(new int[][] {{1, 0}, {1, 0}}, DelimitedTable.read(p).toIndicatorMatrix());
    }

    @Test
    void aCommaRowInAFileWhoseFirstRowHasNoCommaIsRaggedNotOneStringField() throws IOException {
        // "0\n1\n1,0": the separator comes from line 1 (blanks); line 3 is two comma fields, which numpy's
        // loadtxt refuses. Read as one field, it became the string label "1,0" and turned the whole column into
        // strings (the error then blamed "y_true strings" without naming the file or line).
        Path p = tmp.resolve("ragged.csv");
        Files.write(p, List.of("0", "1", "1,0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelimitedTable.read(p));
        assertTrue(e.getMessage().contains(p + " line 3") && e.getMessage().contains("expected 1 field"),
                e.getMessage());
        Files.write(p, List.of("1 0", "0 1", "1,0 1"));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> DelimitedTable.read(p));
        assertTrue(two.getMessage().contains("line 3"), two.getMessage());
        // string labels without commas stay one field a line
        Files.write(p, List.of("cat", "dog"));
        assertEquals(1, DelimitedTable.read(p).columns());
    }

    @Test
    void aNiftiFileWhereLabelsOrNpyMasksAreReadSaysSoNotThatItIsNotUtf8() throws IOException {
        // --metric jaccard (the default) on t.nii read the volume as a text file: "t.nii is not UTF-8 text"
        Path nii = tmp.resolve("t.nii");
        Files.write(nii, new byte[] {92, 1, 0, 0, (byte) 0xff, (byte) 0xfe});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputArray.read(nii, "--y-true"));
        assertTrue(e.getMessage().startsWith("--y-true " + nii + " is a NIfTI file")
                && e.getMessage().contains("--fine-grained"), e.getMessage());
        Path gz = tmp.resolve("t.NII.GZ");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0});
        assertThrows(IllegalArgumentException.class, () -> InputArray.read(gz, "--y-pred"));
    }

    @Test
    void directoriesWithoutPngOrNpyMasksFailNamingThemAndTheirNiftiFiles() throws IOException {
        // they gave 0 pairs, and the message came later and said only "the inputs hold no mask pairs"
        Path t = Files.createDirectories(tmp.resolve("t"));
        Path p = Files.createDirectories(tmp.resolve("p"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> MaskDirectoryPairs.of(t, p));
        assertTrue(empty.getMessage().contains(t + " and " + p + " hold no masks"), empty.getMessage());
        Files.write(t.resolve("a.nii.gz"), new byte[] {1});
        Files.write(p.resolve("a.nii.gz"), new byte[] {1});
        Files.write(p.resolve("notes.txt"), new byte[] {1});
        IllegalArgumentException nifti = assertThrows(IllegalArgumentException.class,
                () -> MaskDirectoryPairs.of(t, p));
        assertTrue(nifti.getMessage().contains("2 NIfTI files") && nifti.getMessage().contains("--fine-grained"),
                nifti.getMessage());
    }

    @Test
    void maskDirectoriesPairByStemAndStream() throws IOException {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        NpyArray m = NpyArray.ofUint8(new byte[] {0, 1, 2, 3}, 2, 2);
        PngMask.write(a.resolve("x.png"), m);
        Npy.write(b.resolve("x.npy"), m);
        PngMask.write(a.resolve("y.png"), m);
        PngMask.write(b.resolve("y.png"), m);
        Files.writeString(a.resolve("notes.txt"), "ignored");
        MaskDirectoryPairs pairs = MaskDirectoryPairs.of(a, b);
        assertEquals(2, pairs.size());
        assertEquals("x", pairs.pairs().get(0).name());
        assertArrayEquals(m.toIntArray(), pairs.pairs().get(0).prediction().toIntArray());
        PngMask.write(a.resolve("z.png"), m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskDirectoryPairs.of(a, b));
        assertTrue(e.getMessage().contains("[z]"), e.getMessage());
    }

    /** Raw NPY bytes with any header dictionary (version 1.0, padded to 64). */
    private static byte[] npy(String dict, byte[] data) {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length() + data.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    /** Files above the memory-mapping threshold read exactly as the stream reader reads them. */
    @Test
    void largeFilesAreMappedAndReadLikeTheStream() throws IOException {
        Random r = new Random(9);
        int rows = 700;
        int cols = 1000; // 700k elements: above 1 MB for every type but the one-byte ones, which get 2.8 MB below
        String[] descrs = {"|u1", "<i2", ">i2", "<u2", "<i4", ">i4", "<i8", "<f4", ">f4", "<f8", ">f8", "|b1"};
        for (String descr : descrs) {
            int item = Integer.parseInt(descr.substring(2));
            int n = item == 1 ? 4 * rows * cols : rows * cols;
            byte[] data = new byte[n * item];
            r.nextBytes(data);
            if (descr.equals("|b1")) {
                for (int k = 0; k < data.length; k++) {
                    data[k] = (byte) (data[k] & 1);
                }
            }
            if (descr.contains("f")) { // finite floats: small integers in the type's byte order
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data).order(descr.startsWith(">")
                        ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < n; k++) {
                    if (item == 4) {
                        b.putFloat(k * 4, r.nextInt(1000) - 500);
                    } else {
                        b.putDouble(k * 8, r.nextInt(1000) - 500);
                    }
                }
            }
            for (boolean fortran : new boolean[] {false, true}) {
                int[] shape = {item == 1 ? 4 * rows : rows, cols};
                String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                        + ", 'shape': (" + shape[0] + ", " + shape[1] + "), }";
                byte[] file = npy(dict, data);
                Path p = tmp.resolve("big.npy");
                Files.write(p, file);
                NpyArray mapped = Npy.read(p);
                NpyArray streamed = Npy.read(new java.io.ByteArrayInputStream(file));
                String what = descr + (fortran ? " F" : " C");
                assertEquals(streamed.dtype(), mapped.dtype(), what);
                assertArrayEquals(streamed.shape(), mapped.shape(), what);
                assertArrayEquals(streamed.toDoubleArray(), mapped.toDoubleArray(), 0.0, what);
            }
        }
        Path p = tmp.resolve("cut.npy");
        byte[] whole = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1000000,), }", new byte[4_000_000]);
        Files.write(p, java.util.Arrays.copyOf(whole, whole.length - 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** A stream cannot be measured first: a header that claims gigabytes over a few bytes fails as truncated. */
    @Test
    void aStreamThatClaimsMoreThanItHoldsFailsWithoutAllocatingTheClaim() {
        byte[] file = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (268435456,), }", new byte[64]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(new java.io.ByteArrayInputStream(file)));
        assertTrue(e.getMessage().contains("NPY stream: truncated data: expected 2147483648 bytes of data, found 64"),
                e.getMessage());
    }

    @Test
    void aFileThatClaimsMoreThanItHoldsNamesFileShapeDtypeAndBothSizes() throws IOException {
        Path p = tmp.resolve("claims.npy");
        Files.write(p, npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1000, 1000), }", new byte[40]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(p));
        assertEquals(p + ": truncated data: the header claims shape (1000, 1000) of int32, 4000000 bytes of data "
                + "after its 128-byte header, but the file holds only 40", e.getMessage());
    }

    @Test
    void aDuplicateKeyTakesItsLastValueAsNumpyDoes() throws IOException {
        Path p = tmp.resolve("dup.npy");
        Files.write(p, npy("{'shape': (9,), 'descr': '<i4', 'fortran_order': True, 'shape': (2,), "
                + "'fortran_order': False}", new byte[] {1, 0, 0, 0, 2, 0, 0, 0}));
        NpyArray a = Npy.read(p);
        assertArrayEquals(new int[] {2}, a.shape());
        assertArrayEquals(new int[] {1, 2}, a.toIntArray());
        assertEquals(false, Npy.readHeader(p).fortranOrder());
    }
}
