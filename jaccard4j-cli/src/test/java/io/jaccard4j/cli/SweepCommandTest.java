package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ThresholdCurve;
import io.jaccard4j.metrics.ThresholdSweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonCurveEqualsTheLibraryCurve() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path t = root.resolve("examples/binary/y_true.csv");
        Path s = root.resolve("examples/binary/scores.csv");
        CliRun run = CliRun.of("sweep", "--y-true", t.toString(), "--scores", s.toString(), "--metric", "f1",
                "--format", "json");
        assertEquals(0, run.exit, run.toString());
        JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        List<String> tl = Files.readAllLines(t);
        List<String> sl = Files.readAllLines(s);
        boolean[] truth = new boolean[tl.size()];
        double[] scores = new double[sl.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = tl.get(i).trim().equals("1");
            scores[i] = Double.parseDouble(sl.get(i));
        }
        ThresholdCurve c = ThresholdSweep.sweep(truth, scores);
        assertEquals(c.bestThreshold(Metric.F1), o.get("best_threshold").getAsDouble(), 0.0);
        assertEquals(c.bestScore(Metric.F1), o.get("best_score").getAsDouble(), 0.0);
        assertEquals(c.size(), o.getAsJsonArray("thresholds").size());
    }

    @Test
    void multilabelSweepsEachLabelAndBadInputFails() throws IOException {
        Path t = dir.resolve("t.csv");
        Path s = dir.resolve("s.csv");
        Files.write(t, List.of("1,0", "0,1", "1,1"));
        Files.write(s, List.of("0.9,0.2", "0.1,0.8", "0.7,0.4"));
        CliRun run = CliRun.of("sweep", "--y-true", t.toString(), "--scores", s.toString(), "--format", "json");
        assertEquals(0, run.exit, run.toString());
        JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        assertEquals(2, o.getAsJsonArray("labels").size());
        assertEquals(1.0, o.getAsJsonArray("labels").get(0).getAsJsonObject().get("best_score").getAsDouble(), 0.0);
        Files.write(s, List.of("0.9,0.2", "nan,0.8", "0.7,0.4"));
        CliRun bad = CliRun.of("sweep", "--y-true", t.toString(), "--scores", s.toString());
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("line 2") && bad.err.contains("NaN"), bad.err);
        Files.write(t, List.of("0", "1", "2"));
        Files.write(s, List.of("0.1", "0.2", "0.3"));
        CliRun multi = CliRun.of("sweep", "--y-true", t.toString(), "--scores", s.toString());
        assertEquals(2, multi.exit);
        assertTrue(multi.err.contains("binary"), multi.err);
    }

    /**
     * Defect 18: {@code sweep} never writes a threshold as null. Infinite scores are refused by the reader (exit 2,
     * naming the file, line and value), so no threshold is infinite; a library curve over infinite scores writes
     * ±∞ as the strings "Infinity" / "-Infinity", which read back by Double.parseDouble (and Python's float()).
     */
    @Test
    void infiniteScoresAreRefusedAndInfiniteThresholdsAreWrittenAsStrings() throws IOException {
        Path t = dir.resolve("t.csv");
        Path s = dir.resolve("s.csv");
        Files.writeString(t, "0\n1\n1\n0\n");
        Files.writeString(s, "0.1\n0.5\ninf\n0.2\n");
        CliRun run = CliRun.of("sweep", "--y-true", t.toString(), "--scores", s.toString(), "--format", "json");
        assertEquals(2, run.exit, run.toString());
        assertTrue(run.err.contains(s.toString()) && run.err.contains("line 3"), run.err);
        ThresholdCurve c = ThresholdSweep.sweep(new boolean[] {false, true, true, false},
                new double[] {Double.NEGATIVE_INFINITY, 0.5, Double.POSITIVE_INFINITY, 0.2});
        double[] expected = c.thresholds();
        List<Object> json = c.jsonThresholds();
        assertEquals(expected.length, json.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Double.parseDouble(String.valueOf(json.get(i))), 0.0);
        }
        assertEquals("-Infinity", json.get(0));
        assertEquals("Infinity", json.get(expected.length - 1));
        assertEquals("[\"-Infinity\", 0.2, 0.5, \"Infinity\"]",
                new io.jaccard4j.io.Json().put("t", json).toString().replace("{\"t\": ", "").replace("}", ""));
    }
}
