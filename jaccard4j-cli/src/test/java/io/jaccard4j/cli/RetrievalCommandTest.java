package io.jaccard4j.cli;

import io.jaccard4j.metriclearning.Distance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.retrieval.RetrievalMetrics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalCommandTest {
    @Test
    void printsTheLibrarysMetricsAsOneJsonObject(@TempDir Path dir) throws Exception {
        Random r = new Random(4);
        int n = 30;
        int d = 4;
        float[] e = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            for (int j = 0; j < d; j++) {
                e[i * d + j] = (float) (y[i] * (j == y[i] ? 2 : 0) + r.nextGaussian());
            }
        }
        Path ep = dir.resolve("e.npy");
        Path lp = dir.resolve("l.npy");
        Npy.write(ep, NpyArray.of(e, n, d));
        Npy.write(lp, NpyArray.of(y, n));
        CliRun run = CliRun.of("retrieval", "--embeddings", ep.toString(), "--labels", lp.toString(), "--format", "json");
        assertEquals(0, run.exit, run.toString());
        JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        Map<String, Double> m = RetrievalMetrics.compute(e, n, d, y, Distance.cosine(),
                new int[] {1, 2, 4, 8, 16});
        assertEquals(m.get("precision_at_1"), o.get("precision_at_1").getAsDouble(), 0.0);
        assertEquals(m.get("r_precision"), o.get("r_precision").getAsDouble(), 0.0);
        assertEquals(m.get("map_at_r"), o.get("map_at_r").getAsDouble(), 0.0);
        CliRun bad = CliRun.of("retrieval", "--embeddings", lp.toString(), "--labels", lp.toString());
        assertEquals(2, bad.exit, bad.toString());
    }

    /** A set larger than one block, streamed from float32 NPY: the same numbers as the plain full-sort definition. */
    @Test
    void largerSetStreamedInBlocksEqualsTheFullSort(@TempDir Path dir) throws Exception {
        Random r = new Random(9);
        int n = 1300;
        int d = 12;
        float[] e = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(40);
            for (int j = 0; j < d; j++) {
                e[i * d + j] = (float) ((j == y[i] % d ? 1.0 : 0) + r.nextGaussian());
            }
        }
        Path ep = dir.resolve("e.npy");
        Path lp = dir.resolve("l.npy");
        Npy.write(ep, NpyArray.of(e, n, d));
        Npy.write(lp, NpyArray.of(y, n));
        for (String dist : new String[] {"cosine", "euclidean"}) {
            Map<String, Double> m = RetrievalMetrics.computeBySorting(e, n, d, y, dist.equals("cosine")
                    ? Distance.cosine() : Distance.euclidean(), new int[] {1, 2, 4, 8, 16});
            for (String block : new String[] {"512", "97"}) {
                CliRun run = CliRun.of("retrieval", "--embeddings", ep.toString(), "--labels", lp.toString(),
                        "--distance", dist, "--block", block, "--format", "json");
                assertEquals(0, run.exit, run.toString());
                JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
                for (Map.Entry<String, Double> en : m.entrySet()) {
                    assertEquals(en.getValue(), o.get(en.getKey()).getAsDouble(), 0.0, en.getKey() + " " + dist);
                }
            }
        }
    }
}
