package io.jaccard4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the bad-input corpus (tools/gen_bad_inputs.py, bad-inputs/manifest.json): a file the manifest
 * marks rejected fails in its reader with the library's own exception (IllegalArgumentException or IOException),
 * a message that names the file and holds the manifest's fragment; a file marked read gives exactly the values
 * numpy / PIL read from it, with the zero-size and 0-d flags visible on the array.
 */
class BadInputCorpusTest {
    static final String ROOT = "/bad-inputs/";

    static JsonObject manifest() throws Exception {
        return io.jaccard4j.ReferenceJson.load(ROOT + "manifest.json");
    }

    static Path file(String rel) throws Exception {
        return Path.of(BadInputCorpusTest.class.getResource(ROOT + rel).toURI());
    }

    /** What the reader of the entry's kind gives: the values as an array (csv: the numeric matrix). */
    static NpyArray read(JsonObject e, Path p) throws IOException {
        switch (e.get("kind").getAsString()) {
            case "npy":
                return Npy.read(p);
            case "png":
                return PngMask.read(p);
            default: {
                DelimitedTable t = DelimitedTable.read(p);
                double[][] m = t.toDoubleMatrix();
                double[] flat = new double[t.rows() * t.columns()];
                for (int r = 0; r < m.length; r++) {
                    System.arraycopy(m[r], 0, flat, r * t.columns(), t.columns());
                }
                return NpyArray.of(flat, t.rows(), t.columns());
            }
        }
    }

    static double value(JsonElement v) {
        if (v.getAsJsonPrimitive().isString()) {
            switch (v.getAsString()) {
                case "nan": return Double.NaN;
                case "inf": return Double.POSITIVE_INFINITY;
                default: return Double.NEGATIVE_INFINITY;
            }
        }
        return v.getAsDouble();
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileIsRejectedOrReadAsTheManifestSays() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement el : manifest().getAsJsonArray("files")) {
            JsonObject e = el.getAsJsonObject();
            String rel = e.get("file").getAsString();
            tests.add(DynamicTest.dynamicTest(rel, () -> check(e, file(rel))));
        }
        return tests.stream();
    }

    private static void check(JsonObject e, Path p) throws Exception {
        String rel = e.get("file").getAsString();
        if (e.get("expect").getAsString().equals("rejected")) {
            Exception ex = null;
            try {
                if (e.has("stage") && e.get("stage").getAsString().equals("numbers")) {
                    DelimitedTable t = DelimitedTable.read(p); // the table itself is fine
                    try {
                        t.toDoubleMatrix();
                    } catch (IllegalArgumentException x) {
                        ex = x;
                    }
                } else {
                    read(e, p);
                }
            } catch (IllegalArgumentException | IOException x) {
                ex = x;
            }
            if (ex == null) {
                fail(rel + " was read; the manifest says it is rejected (" + e.get("message").getAsString() + ")");
            }
            String m = ex.getMessage();
            assertTrue(m.contains(p.toString()), rel + ": the message names the file: " + m);
            assertTrue(m.contains(e.get("message").getAsString()), rel + ": expected '"
                    + e.get("message").getAsString() + "' in: " + m);
            return;
        }
        NpyArray a = read(e, p);
        assertArrayEquals(FileFormatTest.shape(e), a.shape(), rel);
        JsonArray values = e.getAsJsonArray("values");
        assertEquals(values.size(), a.size(), rel);
        for (int i = 0; i < values.size(); i++) {
            assertEquals(value(values.get(i)), a.getDouble(i), 0.0, rel + " element " + i);
        }
        List<String> flags = new ArrayList<>();
        e.getAsJsonArray("flags").forEach(f -> flags.add(f.getAsString()));
        assertEquals(flags.contains("zero-size"), a.size() == 0, rel + " size " + a.size());
        assertEquals(flags.contains("0-d"), a.ndim() == 0, rel + " ndim " + a.ndim());
        boolean nonFinite = false;
        for (int i = 0; i < a.size(); i++) {
            nonFinite |= !Double.isFinite(a.getDouble(i));
        }
        assertEquals(flags.contains("non-finite"), nonFinite, rel);
    }

    /** The corpus covers what the reliability issue lists; a regenerated manifest that lost a family fails here. */
    @Test
    void theCorpusHoldsEveryFamily() throws Exception {
        List<String> files = new ArrayList<>();
        for (JsonElement el : manifest().getAsJsonArray("files")) {
            files.add(el.getAsJsonObject().get("file").getAsString());
        }
        for (String f : new String[] {"csv/ragged.csv", "csv/empty.csv", "csv/hex_float.csv", "csv/bom.csv",
                "csv/crlf.csv", "csv/latin1.csv", "csv/savetxt_nan_inf.csv", "npy/truncated_header.npy",
                "npy/huge_shape.npy", "npy/bad_magic.npy", "npy/complex_dtype.npy", "npy/lowercase_true.npy",
                "npy/zero_d.npy", "npy/zero_size_2_0_4.npy", "npy/double_comma_shape.npy",
                "npy/duplicate_shape_key.npy", "png/truncated_half.png", "png/wrong_signature.png",
                "png/gray16.png", "png/palette.png", "png/rgb.png", "png/huge_dimensions.png"}) {
            assertTrue(files.contains(f), f);
        }
    }
}
