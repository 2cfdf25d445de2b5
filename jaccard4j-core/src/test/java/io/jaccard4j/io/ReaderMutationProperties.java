package io.jaccard4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random byte mutations of valid NPY files (written by numpy: tools/gen_io_fixtures.py) and PNG masks (written by
 * PIL and by {@link PngMask}): reading either fails with the library's own exception (IllegalArgumentException
 * or IOException) whose message names the file, or succeeds — and then the NPY header it read promises no more
 * data than the file holds, values equal the original's wherever the header and the values' bytes are intact,
 * and a PNG reads exactly as the original (every chunk is CRC-checked, so only bytes after IEND may change).
 * Nothing else escapes: no OutOfMemoryError, no index or cast exception from a decoder.
 */
class ReaderMutationProperties {
    private static Path dir;
    private static final List<byte[]> NPY = new ArrayList<>();
    private static final List<byte[]> PNG = new ArrayList<>();

    @BeforeContainer
    static void load() throws Exception {
        dir = Files.createTempDirectory("jaccard4j-mutations");
        for (JsonElement e : FileFormatTest.manifest().getAsJsonArray("npy")) {
            NPY.add(Files.readAllBytes(FileFormatTest.fixture(e.getAsJsonObject().get("file").getAsString())));
        }
        for (String png : new String[] {"gray8.png", "gray16.png", "palette.png"}) {
            PNG.add(Files.readAllBytes(FileFormatTest.fixture(png)));
        }
        Random r = new Random(7);
        byte[] v = new byte[9 * 11];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (r.nextInt(6) == 0 ? 255 : r.nextInt(21));
        }
        Path p = dir.resolve("palette-written.png");
        PngMask.writePalette(p, NpyArray.ofUint8(v, 9, 11));
        PNG.add(Files.readAllBytes(p));
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Characters that keep a header looking like a header, to reach deeper into the parser. */
    private static final String HEADER_CHARS = "0123456789(),' :<>|TrueFalse{}L\n#";

    /** The original with a few bytes changed (mostly in the first {@code focus} bytes), cut short, or extended. */
    static byte[] mutate(byte[] original, Random r, int focus, boolean[] touched) {
        byte[] b = original.clone();
        int kind = r.nextInt(10);
        if (kind == 0) {
            int len = r.nextInt(b.length);
            java.util.Arrays.fill(touched, len, touched.length, true);
            return java.util.Arrays.copyOf(b, len);
        }
        if (kind == 1) {
            byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
            for (int i = b.length; i < longer.length; i++) {
                longer[i] = (byte) r.nextInt(256);
            }
            return longer;
        }
        int k = 1 + r.nextInt(4);
        for (int j = 0; j < k; j++) {
            int at = r.nextBoolean() ? r.nextInt(Math.min(focus, b.length)) : r.nextInt(b.length);
            byte to = r.nextInt(3) == 0 ? (byte) HEADER_CHARS.charAt(r.nextInt(HEADER_CHARS.length()))
                    : (byte) r.nextInt(256);
            if (b[at] != to) {
                b[at] = to;
                touched[at] = true;
            }
        }
        return b;
    }

    /** Both outcomes must occur often enough for the property to say something. */
    private static void outcome(String what) {
        Statistics.collect(what);
        Statistics.coverage(c -> {
            c.check("read").count(n -> n >= 20);
            c.check("refused").count(n -> n >= 20);
        });
    }

    /** A reader of one file. */
    interface FileReader {
        NpyArray read(Path p) throws IOException;
    }

    /** The array read, or null when the reader refused the file with its own exception naming the file. */
    private static NpyArray readOrRefused(FileReader reader, Path p) {
        try {
            NpyArray a = reader.read(p);
            outcome("read");
            return a;
        } catch (Throwable t) {
            assertTrue(t instanceof IllegalArgumentException || t instanceof IOException,
                    "only the library's own exceptions: " + t);
            assertNotNull(t.getMessage(), t.toString());
            assertTrue(t.getMessage().contains(p.toString()), "the message names the file: " + t.getMessage());
            outcome("refused");
            return null;
        }
    }

    @Property(tries = 400)
    void mutatedNpyFilesFailCleanlyOrReadWhatTheyHold(@ForAll @IntRange(min = 0, max = 1000) int which,
            @ForAll long seed) throws Exception {
        byte[] original = NPY.get(which % NPY.size());
        Path op = dir.resolve("original-" + (which % NPY.size()) + ".npy");
        Files.write(op, original);
        NpyHeader oh = Npy.readHeader(op);
        NpyArray oa = Npy.read(op);
        Random r = new Random(seed);
        boolean[] touched = new boolean[original.length];
        byte[] mutated = mutate(original, r, (int) oh.dataOffset(), touched);
        Path p = dir.resolve("mutated.npy");
        Files.write(p, mutated);
        NpyArray a = readOrRefused(Npy::read, p);
        if (a == null) {
            return;
        }
        NpyHeader h = Npy.readHeader(p);
        assertTrue(h.dataOffset() + h.dataBytes() <= mutated.length, "no more than the file holds: " + h);
        assertEquals(h.size(), a.size());
        boolean headerIntact = true;
        for (int i = 0; i < oh.dataOffset(); i++) {
            headerIntact &= !touched[i];
        }
        if (!headerIntact) {
            return; // a changed header that numpy would also accept: a different array, read as its header says
        }
        assertEquals(oh.toString(), h.toString());
        boolean dataIntact = true;
        for (int i = (int) oh.dataOffset(); i < touched.length; i++) {
            dataIntact &= !touched[i];
        }
        if (dataIntact) {
            assertEquals(oa.dtype(), a.dtype());
            assertArrayEquals(oa.shape(), a.shape());
            for (int i = 0; i < oa.size(); i++) {
                assertEquals(Double.doubleToLongBits(oa.getDouble(i)), Double.doubleToLongBits(a.getDouble(i)),
                        "element " + i);
            }
        }
    }

    @Property(tries = 400)
    void mutatedPngMasksFailCleanlyOrReadAsTheOriginal(@ForAll @IntRange(min = 0, max = 1000) int which,
            @ForAll long seed) throws Exception {
        byte[] original = PNG.get(which % PNG.size());
        Path op = dir.resolve("original-" + (which % PNG.size()) + ".png");
        Files.write(op, original);
        NpyArray oa = PngMask.read(op);
        Random r = new Random(seed);
        byte[] mutated = mutate(original, r, 33, new boolean[original.length]);
        Path p = dir.resolve("mutated.png");
        Files.write(p, mutated);
        NpyArray a = readOrRefused(PngMask::read, p);
        if (a == null) {
            return;
        }
        assertEquals(oa.dtype(), a.dtype());
        assertArrayEquals(oa.shape(), a.shape());
        assertArrayEquals(oa.toIntArray(), a.toIntArray());
    }
}
