package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.avgk.AverageK;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvgKCommandTest {
    @Test
    void printsLambdaAccuracyAndSetSize(@TempDir Path dir) throws Exception {
        Random r = new Random(1);
        int n = 50;
        int c = 6;
        double[] p = new double[n * c];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                p[i * c + j] = r.nextDouble();
                s += p[i * c + j];
            }
            for (int j = 0; j < c; j++) {
                p[i * c + j] /= s;
            }
            y[i] = r.nextInt(c);
        }
        Path pp = dir.resolve("p.npy");
        Path yy = dir.resolve("y.npy");
        Npy.write(pp, NpyArray.of(p, n, c));
        Npy.write(yy, NpyArray.of(y, n));
        CliRun run = CliRun.of("avgk", "--probs", pp.toString(), "--labels", yy.toString(), "--k", "2", "--format",
                "json");
        assertEquals(0, run.exit, run.toString());
        JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        double lambda = AverageK.threshold(p, n, c, 2);
        assertEquals(lambda, o.get("lambda").getAsDouble(), 0.0);
        assertEquals(AverageK.evaluate(p, y, n, c, lambda).accuracy, o.get("accuracy").getAsDouble(), 0.0);
        assertEquals(2.0, o.get("mean_set_size").getAsDouble(), 1e-12);
        CliRun cal = CliRun.of("avgk", "--probs", pp.toString(), "--labels", yy.toString(), "--k", "3",
                "--calibrate-on", pp.toString(), "--calibrate-labels", yy.toString(), "--format", "json");
        assertEquals(0, cal.exit, cal.toString());
        CliRun bad = CliRun.of("avgk", "--probs", pp.toString(), "--labels", yy.toString(), "--k", "6");
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("K"), bad.err);
    }

    /** Defect 12: non-probabilities and out-of-range calibration labels exit 2 with one line naming row / sample. */
    @Test
    void rejectsNonProbabilitiesAndOutOfRangeCalibrationLabels(@TempDir Path dir) throws Exception {
        int n = 6;
        int c = 5;
        double[] good = new double[n * c];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                good[i * c + j] = j == i % c ? 0.6 : 0.1;
            }
            y[i] = i % c;
        }
        Path pp = dir.resolve("good.npy");
        Path yy = dir.resolve("y.npy");
        Npy.write(pp, NpyArray.of(good, n, c));
        Npy.write(yy, NpyArray.of(y, n));
        Object[][] cases = {
            {"inf", 3, Double.POSITIVE_INFINITY, "row 4, column 2"},
            {"negative", 2, -0.1, "row 3, column 2 is -0.1"},
            {"unnormalised", 4, 0.6, "row 5 sums to 1.5"},
        };
        for (Object[] k : cases) {
            double[] p = good.clone();
            p[(int) k[1] * c + 1] = (double) k[2];
            Path bad = dir.resolve(k[0] + ".npy");
            Npy.write(bad, NpyArray.of(p, n, c));
            for (String[] args : new String[][] {
                {"avgk", "--probs", bad.toString(), "--labels", yy.toString(), "--k", "2"},
                {"avgk", "--probs", pp.toString(), "--labels", yy.toString(), "--k", "2", "--calibrate-on",
                    bad.toString(), "--calibrate-labels", yy.toString()}}) {
                CliRun run = CliRun.of(args);
                assertEquals(2, run.exit, k[0] + ": " + run);
                assertTrue(run.err.contains(String.valueOf(k[3])), k[0] + ": " + run.err);
                assertEquals(1, run.err.strip().lines().count(), run.err);
            }
        }
        int[] wrong = y.clone();
        wrong[4] = 99;
        Path ww = dir.resolve("wrong.npy");
        Npy.write(ww, NpyArray.of(wrong, n));
        CliRun cal = CliRun.of("avgk", "--probs", pp.toString(), "--labels", yy.toString(), "--k", "2",
                "--calibrate-on", pp.toString(), "--calibrate-labels", ww.toString());
        assertEquals(2, cal.exit, cal.toString());
        assertTrue(cal.err.contains("--calibrate-labels label 99 of sample 5 is outside 0..4"), cal.err);
        CliRun lab = CliRun.of("avgk", "--probs", pp.toString(), "--labels", ww.toString(), "--k", "2");
        assertEquals(2, lab.exit, lab.toString());
        assertTrue(lab.err.contains("--labels label 99"), lab.err);
    }
}
