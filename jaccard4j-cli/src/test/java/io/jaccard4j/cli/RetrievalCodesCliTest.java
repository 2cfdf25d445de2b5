package io.jaccard4j.cli;

import io.jaccard4j.metriclearning.Distance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.retrieval.EmbeddingBlocks;
import io.jaccard4j.retrieval.HammingCodes;
import io.jaccard4j.retrieval.RetrievalMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retrieval --codes / --binarize / --map-at / --radius}: the command prints the library's numbers (the
 * library is checked against faiss in core), and each bad input gives exit 2 and one stderr line.
 */
class RetrievalCodesCliTest {
    static final int N = 40;

    static int[] labels(Random r) {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(4);
        }
        return y;
    }

    static void assertSameNumbers(Map<String, Double> want, CliRun run) {
        assertEquals(0, run.exit, run.toString());
        JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
        assertEquals(want.keySet(), o.keySet());
        for (String k : want.keySet()) {
            assertEquals(want.get(k), o.get(k).getAsDouble(), 0.0, k);
        }
    }

    @Test
    void packedCodesAndBinarizedEmbeddings(@TempDir Path dir) throws Exception {
        Random r = new Random(21);
        int[] y = labels(r);
        byte[] codes = new byte[N * 2];
        float[] e = new float[N * 16];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) r.nextGaussian();
        }
        Path cp = dir.resolve("c.npy");
        Path ep = dir.resolve("e.npy");
        Path lp = dir.resolve("l.npy");
        Npy.write(cp, NpyArray.ofUint8(codes, N, 2));
        Npy.write(ep, NpyArray.of(e, N, 16));
        Npy.write(lp, NpyArray.of(y, N));
        int[] ks = {1, 2, 4, 8, 16};
        assertSameNumbers(RetrievalMetrics.hamming(HammingCodes.packed(codes, N, 2), y, ks, 10, 3, 512, 1),
                CliRun.of("retrieval", "--codes", cp.toString(), "--labels", lp.toString(), "--map-at", "10",
                        "--radius", "3", "--bits", "16", "--format", "json"));
        assertSameNumbers(RetrievalMetrics.hamming(HammingCodes.binarize(EmbeddingBlocks.of(e, N, 16)), y, ks, 5, -1,
                512, 1), CliRun.of("retrieval", "--embeddings", ep.toString(), "--binarize", "--labels", lp.toString(),
                "--map-at", "5", "--format", "json", "--threads", "2"));
        assertSameNumbers(RetrievalMetrics.compute(EmbeddingBlocks.of(e, N, 16), y, Distance.cosine(),
                ks, 7, 512, 1), CliRun.of("retrieval", "--embeddings", ep.toString(), "--labels", lp.toString(),
                "--map-at", "7", "--format", "json"));
    }

    @Test
    void badInputGivesOneLineAndExit2(@TempDir Path dir) throws Exception {
        Random r = new Random(22);
        int[] y = labels(r);
        Path lp = dir.resolve("l.npy");
        Npy.write(lp, NpyArray.of(y, N));
        Path shortLabels = dir.resolve("short.npy");
        Npy.write(shortLabels, NpyArray.of(java.util.Arrays.copyOf(y, N - 1), N - 1));
        float[] e = new float[N * 12];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) r.nextGaussian();
        }
        Path ep = dir.resolve("e.npy");
        Npy.write(ep, NpyArray.of(e, N, 12));
        float[] bad = e.clone();
        bad[17 * 12 + 5] = Float.NaN;
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, NpyArray.of(bad, N, 12));
        bad[17 * 12 + 5] = Float.POSITIVE_INFINITY;
        Path inf = dir.resolve("inf.npy");
        Npy.write(inf, NpyArray.of(bad, N, 12));
        Path csv = dir.resolve("nan.csv");
        Files.writeString(csv, "1,2\n3,nan\n");
        Path two = dir.resolve("two.npy");
        Npy.write(two, NpyArray.of(new int[] {0, 0}, 2));
        Path cp = dir.resolve("c.npy");
        Npy.write(cp, NpyArray.ofUint8(new byte[N * 2], N, 2));
        Path ints = dir.resolve("ci.npy");
        Npy.write(ints, NpyArray.of(new int[N * 2], N, 2));
        String l = lp.toString();
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--embeddings", nan.toString(), "--labels", l),
                "row 17", "non-finite");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--embeddings", inf.toString(), "--labels", l),
                "row 17", "non-finite");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--embeddings", csv.toString(), "--labels",
                two.toString(), "--k", "1"), "line 2", "finite");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--embeddings", ep.toString(), "--binarize", "--labels",
                l), "12 bits", "multiple of 8");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--codes", cp.toString(), "--bits", "12", "--labels", l),
                "--bits 12", "multiple of 8");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--codes", cp.toString(), "--bits", "24", "--labels", l),
                "--bits 24", "2 bytes");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--codes", ints.toString(), "--labels", l), "uint8");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--embeddings", ep.toString(), "--labels",
                shortLabels.toString()), "39 labels", "40 rows");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--codes", cp.toString(), "--labels",
                shortLabels.toString()), "39 labels", "40 rows");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--embeddings", ep.toString(), "--labels", l, "--k",
                "1,40"), "k = 40", "1 .. 39");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--codes", cp.toString(), "--labels", l, "--map-at",
                "40"), "mAP@k = 40");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--embeddings", ep.toString(), "--labels", l,
                "--radius", "2"), "--radius");
        InputRulesTest.assertOneError(CliRun.of("retrieval", "--labels", l), "exactly one of");
    }
}
