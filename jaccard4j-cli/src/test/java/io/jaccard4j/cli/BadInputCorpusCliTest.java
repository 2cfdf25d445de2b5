package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads a file, over every file of the bad-input corpus (core's
 * {@code src/test/resources/bad-inputs}, written by {@code tools/gen_bad_inputs.py}): a file the corpus marks
 * rejected, or readable but zero-size / 0-d / non-finite, must end in exit status 2 with exactly one stderr line
 * of the documented shape {@code jaccard4j <command>: error: <message>} and no stack frame. A valid file may be
 * scored or refused (it may not fit the command), but a refusal has the same shape. A text file whose fields are
 * not numbers is rejected where numbers are needed, but is a valid file of string labels for {@code score} and
 * {@code report}.
 */
class BadInputCorpusCliTest {
    private static final Path CORPUS = Paths.get("../jaccard4j-core/src/test/resources/bad-inputs");

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyCommandOverEveryFile() throws IOException {
        JsonObject manifest;
        try (Reader r = Files.newBufferedReader(CORPUS.resolve("manifest.json"))) {
            manifest = JsonParser.parseReader(r).getAsJsonObject();
        }
        Path good = dir.resolve("good.csv");
        Files.write(good, List.of("0", "1", "1"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : manifest.getAsJsonArray("files")) {
            JsonObject f = e.getAsJsonObject();
            String file = CORPUS.resolve(f.get("file").getAsString()).toString();
            boolean mustFail = f.get("expect").getAsString().equals("rejected") || f.has("flags")
                    && f.getAsJsonArray("flags").size() > 0;
            String out = dir.resolve("out-" + tests.size()).toString();
            String[][] runs = {
                {"score", "--y-true", file, "--y-pred", file},
                {"score", "--y-true", good.toString(), "--y-pred", file},
                {"sweep", "--y-true", file, "--scores", file},
                {"report", "--y-true", file, "--y-pred", file, "--out", out},
                {"loss", "--logits", file, "--target", file},
                {"avgk", "--probs", file, "--labels", file, "--k", "1"},
                {"retrieval", "--embeddings", file, "--labels", file},
            };
            // a text file whose fields are not numbers is still a valid file of string labels
            boolean stringLabels = f.has("stage") && f.get("stage").getAsString().equals("numbers");
            for (String[] args : runs) {
                boolean labelsOnly = args[0].equals("score") || args[0].equals("report");
                boolean failing = mustFail && !(labelsOnly && stringLabels);
                tests.add(DynamicTest.dynamicTest(args[0] + " " + f.get("file").getAsString(),
                        () -> check(CliRun.of(args), args[0], failing)));
            }
        }
        return tests.stream();
    }

    private static void check(CliRun run, String command, boolean mustFail) {
        if (mustFail) {
            assertEquals(2, run.exit, run.toString());
        } else {
            assertTrue(run.exit == 0 || run.exit == 2, run.toString());
        }
        assertFalse(run.err.contains("\tat "), "no stack frame: " + run.err);
        if (run.exit == 2) {
            String[] lines = run.err.strip().split("\n");
            assertEquals(1, lines.length, "exactly one stderr line: " + run.err);
            assertTrue(lines[0].startsWith("jaccard4j " + command + ": error: "), run.err);
        }
    }
}
