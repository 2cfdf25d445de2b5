package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.SklearnCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the scikit-learn reference cases through the command's parsing path: each case is written as CSV
 * files, scored with {@code jaccard4j score --format json}, and the printed JSON compared to scikit-learn's
 * value (1e-12). Expected errors must exit with status 2, a message on stderr and nothing on stdout.
 */
class ScoreReferenceCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"/reference/sklearn_examples.json", "/reference/sklearn_scores.json"})
    void commandMatchesScikitLearn(String resource, @TempDir Path dir) throws Exception {
        List<SklearnCase> cases = SklearnCase.load(resource);
        assertTrue(cases.size() >= 100, "expected at least 100 cases, found " + cases.size());
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        for (SklearnCase c : cases) {
            if (c.yTrue.getAsJsonArray().size() == 0) {
                continue; // an empty CSV file holds no samples: the command rejects it by design
            }
            String problem = check(c, dir);
            replayed++;
            if (problem != null) {
                failures.add(c + ": " + problem);
            }
        }
        assertTrue(replayed >= cases.size() * 9 / 10, "replayed only " + replayed + " of " + cases.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + replayed + " cases differ through the CLI:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    private static String check(SklearnCase c, Path dir) throws IOException {
        Path t = dir.resolve("t" + c.id + ".csv");
        Path p = dir.resolve("p" + c.id + ".csv");
        Files.write(t, SklearnCase.csvLines(c.yTrue));
        Files.write(p, SklearnCase.csvLines(c.yPred));
        List<String> args = new ArrayList<>(List.of("score", "--y-true", t.toString(), "--y-pred", p.toString(),
                "--metric", c.metric.id(), "--average", c.average.id(), "--zero-division", c.zeroDivision.toString(),
                "--pos-label", String.valueOf(c.posLabel), "--format", "json"));
        if (c.kind.equals("multilabel")) {
            args.add("--task");
            args.add("multilabel");
        }
        if (c.labels != null) {
            StringBuilder sb = new StringBuilder();
            for (Object l : c.labels) {
                sb.append(sb.length() == 0 ? "" : ",").append(l);
            }
            args.add("--labels");
            args.add(sb.toString());
        }
        if (c.sampleWeight != null) {
            Path w = dir.resolve("w" + c.id + ".csv");
            List<String> lines = new ArrayList<>();
            for (double x : c.sampleWeight) {
                lines.add(Double.toString(x));
            }
            Files.write(w, lines);
            args.add("--sample-weight");
            args.add(w.toString());
        }
        CliRun run = CliRun.of(args.toArray(new String[0]));
        if (c.expectedError != null) {
            if (run.exit != 2 || run.err.isBlank() || !run.out.isBlank() || run.err.contains("\tat ")) {
                return "expected a clean error exit for '" + c.expectedError + "', got " + run;
            }
            return null;
        }
        if (run.exit != 0) {
            return "unexpected failure: " + run;
        }
        JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        if (c.expectedPerLabel != null) {
            if (c.average != Average.NONE) {
                return "per-label expectation for average " + c.average;
            }
            var arr = o.getAsJsonArray("score");
            if (arr.size() != c.expectedPerLabel.length) {
                return "expected " + c.expectedPerLabel.length + " scores, got " + run.out;
            }
            for (int i = 0; i < arr.size(); i++) {
                if (!SklearnCase.close(c.expectedPerLabel[i], value(arr.get(i)))) {
                    return "score[" + i + "] expected " + c.expectedPerLabel[i] + " got " + run.out;
                }
            }
        } else if (!SklearnCase.close(c.expectedScore, value(o.get("score")))) {
            return "expected " + c.expectedScore + " got " + run.out;
        }
        boolean warned = run.err.contains("ill-defined");
        if (warned != c.expectedWarning) {
            return "expected warning=" + c.expectedWarning + ", stderr: " + run.err;
        }
        return null;
    }

    private static double value(JsonElement e) {
        return e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
