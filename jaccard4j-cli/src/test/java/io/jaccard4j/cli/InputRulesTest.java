package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.PngMask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of the input rules that now live in core's scoring engine (issue 15's silent wrong results
 * and silent acceptances): every case builds its own malformed input and checks the one-line error, or checks
 * the result against the same data in a form the engine already scored right.
 */
class InputRulesTest {
    @TempDir
    Path dir;

    private Path csv(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    private Path npy(String name, NpyArray a) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    /** Exit 2, nothing on stdout, exactly one stderr line with every fragment, no stack frame. */
    static void assertOneError(CliRun run, String... fragments) {
        assertEquals(2, run.exit, run.toString());
        assertTrue(run.out.isBlank(), "nothing on stdout: " + run.out);
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run.err);
        assertEquals(1, run.err.strip().split("\n").length, "exactly one line on stderr: " + run.err);
        for (String f : fragments) {
            assertTrue(run.err.contains(f), "stderr should mention '" + f + "': " + run.err);
        }
    }

    private static JsonObject json(CliRun run) {
        assertEquals(0, run.exit, run.toString());
        return JsonParser.parseString(run.out.strip()).getAsJsonObject();
    }

    @Test
    void reportHonoursTheIgnoreIndexOnFileInputs() throws IOException {
        byte[] t = {0, 1, 1, (byte) 255, 1, 0, (byte) 255, 1, 0, 1};
        byte[] p = {0, 1, 0, 1, 1, 1, 0, 1, 0, 0};
        Path tp = dir.resolve("t.png");
        Path pp = dir.resolve("p.png");
        PngMask.writePalette(tp, NpyArray.ofUint8(t, 2, 5));
        PngMask.writePalette(pp, NpyArray.ofUint8(p, 2, 5));
        CliRun r = CliRun.of("report", "--y-true", tp.toString(), "--y-pred", pp.toString(), "--ignore-index", "255",
                "--out", dir.resolve("rep").toString());
        assertEquals(0, r.exit, r.toString());
        String html = Files.readString(dir.resolve("rep/report.html"));
        assertFalse(html.contains("<tr><td>255</td>"), "the ignored label has no row");
        assertTrue(html.contains("<tr><td>1</td>"), "label 1 has a row");
        // the dropped pixels are gone from the support, as `score` drops them
        JsonObject s = json(CliRun.of("score", "--y-true", tp.toString(), "--y-pred", pp.toString(),
                "--ignore-index", "255", "--average", "none", "--metric", "precision", "--format", "json"));
        assertEquals(2, s.getAsJsonArray("labels").size(), s.toString());
    }

    @Test
    void equalSizesWithDifferentShapesAreRejected() throws IOException {
        byte[] a = new byte[80];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i % 3);
        }
        Path t = dir.resolve("t.png");
        Path p = dir.resolve("p.png");
        PngMask.writePalette(t, NpyArray.ofUint8(a, 8, 10));
        PngMask.writePalette(p, NpyArray.ofUint8(a, 10, 8));
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--average", "macro"),
                "shape mismatch", "(8, 10)", "(10, 8)");
        long[] b = new long[80];
        Path tn = npy("t.npy", NpyArray.of(b, 8, 10));
        Path pn = npy("p.npy", NpyArray.of(b, 80));
        assertOneError(CliRun.of("score", "--y-true", tn.toString(), "--y-pred", pn.toString(), "--task",
                "multiclass", "--average", "macro"), "shape mismatch", "(8, 10)", "(80,)");
        assertOneError(CliRun.of("report", "--y-true", t.toString(), "--y-pred", p.toString(), "--out",
                dir.resolve("r").toString()), "shape mismatch");
    }

    @Test
    void aScoreColumnIsThresholdedLikeAScoreVector() throws IOException {
        Path t = csv("t.csv", "1", "0", "1", "1", "0");
        Path col = npy("col.npy", NpyArray.of(new double[] {0.9, 0.2, 0.4, 0.7, 0.6}, 5, 1));
        Path vec = npy("vec.npy", NpyArray.of(new double[] {0.9, 0.2, 0.4, 0.7, 0.6}, 5));
        JsonObject a = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", col.toString(), "--format",
                "json"));
        JsonObject b = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", vec.toString(), "--format",
                "json"));
        assertEquals(b, a);
        assertTrue(a.get("score").getAsDouble() > 0, a.toString());
    }

    @Test
    void zeroDimensionalAndEmptyArraysAreRejected() throws IOException {
        Path t = csv("t.csv", "1");
        Path scalar = npy("s.npy", NpyArray.of(new long[] {1}));
        assertOneError(CliRun.of("score", "--y-true", scalar.toString(), "--y-pred", scalar.toString()), "0-d");
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--sample-weight",
                scalar.toString()), "0-d");
        Path empty = npy("e.npy", NpyArray.of(new long[0], 0));
        assertOneError(CliRun.of("score", "--y-true", empty.toString(), "--y-pred", empty.toString()),
                "holds no samples");
        Path zero = npy("z.npy", NpyArray.ofUint8(new byte[0], 2, 0, 4));
        assertOneError(CliRun.of("score", "--y-true", zero.toString(), "--y-pred", zero.toString(), "--average",
                "macro"), "holds no samples");
        Path d1 = Files.createDirectories(dir.resolve("d1"));
        Path d2 = Files.createDirectories(dir.resolve("d2"));
        Npy.write(d1.resolve("a.npy"), NpyArray.ofUint8(new byte[0], 0, 4));
        Npy.write(d2.resolve("a.npy"), NpyArray.ofUint8(new byte[0], 0, 4));
        assertOneError(CliRun.of("score", "--y-true", d1.toString(), "--y-pred", d2.toString(), "--average",
                "macro"), "no pixels");
    }

    @Test
    void aNanThresholdIsRejected() throws IOException {
        Path t = csv("t.csv", "1", "0");
        Path p = csv("p.csv", "0.9", "0.1");
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--threshold", "NaN"),
                "--threshold", "finite");
    }

    @Test
    void ignoreIndexOnAnIndicatorMatrixIsRejected() throws IOException {
        Path t = csv("t.csv", "1,0,1", "0,1,1");
        Path p = csv("p.csv", "1,0,0", "0,1,1");
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--ignore-index", "2",
                "--average", "micro"), "--ignore-index", "multilabel indicator", "--task multiclass");
        // asked for explicitly, the 2-D array is a mask of labels and the ignore index applies
        assertEquals(0, CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--ignore-index", "2",
                "--average", "micro", "--task", "multiclass").exit);
    }

    @Test
    void numpySpellingsOfNanAndInfinityGiveTheRightMessage() throws IOException {
        Path t = csv("t.csv", "1", "0", "1");
        Path p = csv("p.csv", "0.5", "nan", "0.25");
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString()), "line 2", "NaN",
                "finite");
        Path w = csv("w.csv", "1.0", "inf", "2.0");
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--sample-weight",
                w.toString()), "--sample-weight", "line 2", "inf");
        // Java-only spellings are not numbers: a column holding them is string labels, not scores
        Path hex = csv("h.csv", "0x1p0", "0.5f", "1d");
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", hex.toString()),
                "same type");
    }

    @Test
    void numberOptionsTakeDecimalsOnly() throws IOException {
        Path t = csv("t.csv", "1", "0", "1", "1");
        // Java's parser takes these; as option values they are typos, named with the option
        for (String bad : new String[] {"0x1p-1", "0.9d", "0.9f", "9e", "abc", ""}) {
            assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--ci", bad),
                    "--ci", "'" + bad + "' is not a decimal number");
        }
        for (String good : new String[] {"0.9", ".9", "9e-1", "+0.9", "90E-2", " 0.9"}) {
            JsonObject o = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--ci", good,
                    "--format", "json"));
            assertEquals(0.9, o.get("ci_level").getAsDouble(), 1e-15, good);
        }
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--ci", "NaN"),
                "--ci", "(0, 1)", "NaN");
    }

    @Test
    void parseErrorsAreOneLine() throws IOException {
        Path t = csv("t.csv", "1", "0");
        assertOneError(CliRun.of("score", "--y-true", t.toString(), "--y-pred", t.toString(), "--bogus"),
                "Unknown option", "jaccard4j score --help");
        assertOneError(CliRun.of("sweep", "--y-true", dir.toString(), "--scores", t.toString()), "is a directory",
                "a file is expected");
    }

    @Test
    void anOutDirectoryThatIsAFileIsNamed() throws IOException {
        Path t = csv("t.csv", "1", "0", "1");
        Path file = csv("taken", "x");
        assertOneError(CliRun.of("report", "--y-true", t.toString(), "--y-pred", t.toString(), "--out",
                file.toString()), file.toString(), "is a file where a directory is needed");
    }
}
