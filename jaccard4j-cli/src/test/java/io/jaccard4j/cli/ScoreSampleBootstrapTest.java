package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.jaccard4j.engine.ProgressListener;
import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.engine.ScoreRequest;
import io.jaccard4j.engine.ScoringEngine;
import io.jaccard4j.engine.SegmentationRequest;
import io.jaccard4j.uncertainty.PoissonWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score --ci} on label vectors (classification): the command prints what core's engine computes (the
 * interval itself is checked against a brute-force Poisson bootstrap in core's SampleBootstrapTest), as JSON and
 * as text, and refuses bad levels, resample counts, averages and malformed label files with one line and exit 2.
 */
class ScoreSampleBootstrapTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String MT = ROOT.resolve("examples/multiclass/y_true.csv").toString();
    private static final String MP = ROOT.resolve("examples/multiclass/y_pred.csv").toString();
    private static final String LT = ROOT.resolve("examples/multilabel/y_true.csv").toString();
    private static final String LP = ROOT.resolve("examples/multilabel/y_pred.csv").toString();
    private static final String BT = ROOT.resolve("examples/binary/y_true.csv").toString();
    private static final String BS = ROOT.resolve("examples/binary/scores.csv").toString();

    @TempDir
    Path dir;

    private static void assertEngineInterval(String t, String p, String metric, String average) throws Exception {
        CliRun run = CliRun.of("score", "--metric", metric, "--average", average, "--y-true", t, "--y-pred", p,
                "--ci", "0.95", "--bootstrap", "400", "--seed", "7", "--format", "json");
        assertEquals(0, run.exit, run.toString());
        JsonObject j = run.json();
        ScoreOutcome o = ScoringEngine.score(Path.of(t), Path.of(p), null, ScoreRequest.builder().metric(metric)
                .average(average).segmentation(SegmentationRequest.builder().ci(0.95).bootstrap(400).seed(7L).build())
                .build(), ProgressListener.NONE);
        double[] ci = (double[]) o.field("ci");
        JsonArray got = j.getAsJsonArray("ci");
        assertEquals(2, got.size());
        assertEquals(ci[0], got.get(0).getAsDouble(), 0.0);
        assertEquals(ci[1], got.get(1).getAsDouble(), 0.0);
        assertTrue(ci[0] <= o.score() && o.score() <= ci[1], run.out);
        assertEquals(o.score(), j.get("score").getAsDouble(), 0.0);
        assertEquals(0.95, j.get("ci_level").getAsDouble(), 0.0);
        assertEquals(400, j.get("bootstrap").getAsInt());
        assertEquals(7, j.get("seed").getAsInt());
        CliRun text = CliRun.of("score", "--metric", metric, "--average", average, "--y-true", t, "--y-pred", p,
                "--ci", "0.95", "--bootstrap", "400", "--seed", "7");
        assertEquals(0, text.exit, text.toString());
        assertTrue(text.out.contains("ci: [" + ci[0] + ", " + ci[1] + "]"), text.out);
    }

    @Test
    void multiclassMultilabelAndBinaryPrintTheEngineInterval() throws Exception {
        assertEngineInterval(MT, MP, "jaccard", "macro");
        assertEngineInterval(MT, MP, "f1", "weighted");
        assertEngineInterval(LT, LP, "recall", "samples");
        assertEngineInterval(LT, LP, "jaccard", "micro");
        assertEngineInterval(BT, BS, "precision", "binary");
        CliRun mcc = CliRun.of("score", "--metric", "mcc", "--y-true", MT, "--y-pred", MP, "--ci", "0.8",
                "--bootstrap", "300", "--format", "json");
        assertEquals(0, mcc.exit, mcc.toString());
        ScoreOutcome o = ScoringEngine.score(Path.of(MT), Path.of(MP), null, ScoreRequest.builder().metric("mcc")
                .segmentation(SegmentationRequest.builder().ci(0.8).bootstrap(300).build()).build(),
                ProgressListener.NONE);
        double[] ci = (double[]) o.field("ci");
        assertEquals(ci[0], mcc.json().getAsJsonArray("ci").get(0).getAsDouble(), 0.0);
        assertEquals(ci[1], mcc.json().getAsJsonArray("ci").get(1).getAsDouble(), 0.0);
    }

    @Test
    void theJsonSaysHowManyResamplesWereDefined() throws Exception {
        // one positive sample, never predicted: a resample without it has f1 = 0/0 (NaN with --zero-division nan)
        // and is dropped; with it, f1 = 2tp / (2tp + fp + fn) = 0 is defined
        Path t = Files.write(dir.resolve("t.csv"), List.of("1", "0", "0", "0", "0", "0"));
        Path p = Files.write(dir.resolve("p.csv"), List.of("0", "0", "0", "0", "0", "0"));
        int resamples = 500;
        int defined = 0;
        for (int r = 0; r < resamples; r++) {
            if (PoissonWeights.weight(PoissonWeights.resampleKey(3L, r), 0) > 0) {
                defined++;
            }
        }
        assertTrue(defined > 0 && defined < resamples, "a case that drops some resamples: " + defined);
        CliRun run = CliRun.of("score", "--metric", "f1", "--average", "binary", "--zero-division", "nan",
                "--y-true", t.toString(), "--y-pred", p.toString(), "--ci", "0.9", "--bootstrap",
                String.valueOf(resamples), "--seed", "3", "--format", "json");
        assertEquals(0, run.exit, run.toString());
        assertEquals(resamples, run.json().get("bootstrap").getAsInt());
        assertEquals(defined, run.json().get("resamples_used").getAsInt(), run.out);
        CliRun full = CliRun.of("score", "--metric", "jaccard", "--average", "macro", "--y-true", MT, "--y-pred", MP,
                "--ci", "0.95", "--bootstrap", "400", "--seed", "7", "--format", "json");
        assertEquals(400, full.json().get("resamples_used").getAsInt(), full.out);
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path ragged = Files.write(dir.resolve("ragged.csv"), List.of("1,0", "0", "1,1"));
        Path shorter = Files.write(dir.resolve("short.csv"), List.of("1", "0"));
        Path nan = Files.write(dir.resolve("nan.csv"), List.of("1", "nan", "0"));
        String[] base = {"score", "--metric", "jaccard", "--y-true", MT, "--y-pred", MP};
        InputRulesTest.assertOneError(CliRun.of(with(base, "--average", "macro", "--ci", "1.5")), "--ci", "1.5");
        InputRulesTest.assertOneError(CliRun.of(with(base, "--average", "macro", "--ci", "0")), "--ci", "0");
        InputRulesTest.assertOneError(CliRun.of(with(base, "--average", "macro", "--ci", "0.9", "--bootstrap", "0")),
                "--bootstrap");
        InputRulesTest.assertOneError(CliRun.of(with(base, "--average", "macro", "--ci", "0.9", "--bootstrap",
                "2000000")), "--bootstrap must be at most 1000000");
        InputRulesTest.assertOneError(CliRun.of(with(base, "--average", "none", "--ci", "0.9")), "--average none");
        InputRulesTest.assertOneError(CliRun.of("score", "--report", "--y-true", MT, "--y-pred", MP,
                "--ci", "0.9"), "--ci applies to");
        InputRulesTest.assertOneError(CliRun.of("score", "--metric", "top-k-accuracy", "--y-true", MT, "--y-pred",
                MP, "--ci", "0.9"), "top-k-accuracy");
        InputRulesTest.assertOneError(CliRun.of("score", "--y-true", ragged.toString(), "--y-pred",
                ragged.toString(), "--ci", "0.9"), "ragged.csv");
        InputRulesTest.assertOneError(CliRun.of("score", "--y-true", BT, "--y-pred", shorter.toString(), "--ci",
                "0.9"));
        InputRulesTest.assertOneError(CliRun.of("score", "--y-true", nan.toString(), "--y-pred", nan.toString(),
                "--ci", "0.9"), "nan.csv");
    }

    private static String[] with(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
