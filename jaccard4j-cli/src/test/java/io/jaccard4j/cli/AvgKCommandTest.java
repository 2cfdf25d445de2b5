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
}
