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
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code score --metric jaccard|f1 --ci} on directories of masks: the command prints what core's engine computes
 * (the interval itself is checked against a brute-force bootstrap in core's OverlapBootstrapTest), as JSON and as
 * text, and refuses bad levels and --average none with one line and exit status 2.
 */
class ScoreOverlapBootstrapTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String T = ROOT.resolve("examples/masks/true").toString();
    private static final String P = ROOT.resolve("examples/masks/pred").toString();

    @Test
    void jsonAndTextCarryTheEngineInterval() throws Exception {
        CliRun run = CliRun.of("score", "--metric", "f1", "--average", "macro", "--y-true", T, "--y-pred", P,
                "--ci", "0.9", "--bootstrap", "300", "--seed", "5", "--format", "json");
        assertEquals(0, run.exit, run.toString());
        JsonObject j = run.json();
        ScoreOutcome o = ScoringEngine.score(Path.of(T), Path.of(P), null, ScoreRequest.builder().metric("f1")
                .average("macro").segmentation(SegmentationRequest.builder().ci(0.9).bootstrap(300).seed(5L).build())
                .build(), ProgressListener.NONE);
        double[] ci = (double[]) o.field("ci");
        JsonArray got = j.getAsJsonArray("ci");
        assertEquals(2, got.size());
        assertEquals(ci[0], got.get(0).getAsDouble(), 1e-15);
        assertEquals(ci[1], got.get(1).getAsDouble(), 1e-15);
        assertEquals(o.score(), j.get("score").getAsDouble(), 1e-15);
        CliRun text = CliRun.of("score", "--metric", "f1", "--average", "macro", "--y-true", T, "--y-pred", P,
                "--ci", "0.9", "--bootstrap", "300", "--seed", "5");
        assertEquals(0, text.exit, text.toString());
        assertTrue(text.out.contains("ci: [" + ci[0] + ", " + ci[1] + "]"), text.out);
    }

    @Test
    void badLevelAndAverageNoneExitTwo() {
        InputRulesTest.assertOneError(CliRun.of("score", "--metric", "jaccard", "--average", "macro", "--y-true", T,
                "--y-pred", P, "--ci", "1.5"), "--ci", "1.5");
        String t = ROOT.resolve("examples/multiclass/y_true.csv").toString();
        String p = ROOT.resolve("examples/multiclass/y_pred.csv").toString();
        InputRulesTest.assertOneError(CliRun.of("score", "--metric", "jaccard", "--average", "none", "--y-true", t,
                "--y-pred", p, "--ci", "0.9"), "--average none");
    }
}
