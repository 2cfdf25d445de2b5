package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.NpyDtype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jaccard4j metric-loss} end to end against pytorch-metric-learning 2.9.0's own output (the core test
 * resource {@code reference/pml-2.9.0.json}): every pair/triplet loss case goes through the command line as NPY
 * files and must print PML's value and write PML's gradient (1e-12 relative); bad input exits 2 with one line.
 */
class MetricLossCommandTest {
    static final Path PML = Path.of("..", "jaccard4j-core", "src", "test", "resources", "reference", "pml-2.9.0.json");
    static final Map<String, String> LOSSES = Map.of("ContrastiveLoss", "contrastive", "TripletMarginLoss",
            "triplet-margin", "MultiSimilarityLoss", "multi-similarity", "NTXentLoss", "ntxent", "SupConLoss", "supcon",
            "ProxyAnchorLoss", "proxy-anchor", "ProxyNCALoss", "proxy-nca", "NormalizedSoftmaxLoss",
            "normalized-softmax", "ArcFaceLoss", "arcface", "CosFaceLoss", "cosface");
    static final Map<String, String[]> DISTANCES = Map.of(
            "LpDistance()", new String[] {"--distance", "lp"},
            "LpDistance(normalize_embeddings=False)", new String[] {"--distance", "lp", "--normalize", "false"},
            "LpDistance(p=1)", new String[] {"--distance", "lp", "--p", "1"},
            "LpDistance(p=3)", new String[] {"--distance", "lp", "--p", "3"},
            "CosineSimilarity()", new String[] {"--distance", "cosine"},
            "DotProductSimilarity()", new String[] {"--distance", "dot"},
            "DotProductSimilarity(normalize_embeddings=False)", new String[] {"--distance", "dot", "--normalize", "false"});
    static final Map<String, String> MINERS = Map.of("BatchHardMiner()", "batch-hard", "MultiSimilarityMiner()",
            "multi-similarity", "PairMarginMiner()", "pair-margin", "TripletMarginMiner(all)", "triplet-margin:all",
            "TripletMarginMiner(hard)", "triplet-margin:hard", "TripletMarginMiner(semihard)", "triplet-margin:semihard");
    static final Map<String, String> REDUCERS = Map.of("MeanReducer()", "mean", "AvgNonZeroReducer()", "avg-non-zero",
            "ThresholdReducer(low=0.1)", "threshold:0.1,", "DoNothingReducer()", "none");

    @TempDir
    Path dir;

    static double[] flat(JsonElement e) {
        List<Double> out = new ArrayList<>();
        flatten(e, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void flatten(JsonElement e, List<Double> out) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                flatten(x, out);
            }
        } else {
            out.add(e.getAsDouble());
        }
    }

    @Test
    void everyPmlLossCaseThroughTheCommandLine() throws IOException {
        JsonObject ref = JsonParser.parseString(Files.readString(PML)).getAsJsonObject();
        int replayed = 0;
        for (JsonElement el : ref.getAsJsonArray("loss_cases")) {
            JsonObject c = el.getAsJsonObject();
            JsonObject l = c.getAsJsonObject("loss");
            String loss = LOSSES.get(l.get("name").getAsString());
            if (loss == null) {
                continue;
            }
            JsonObject miner = c.get("miner").isJsonNull() ? null : c.getAsJsonObject("miner");
            if (miner != null && c.get("group").getAsString().equals("edge:zero_embedding")
                    && miner.get("name").getAsString().equals("BatchHardMiner")) {
                continue; // a zero embedding ties its hardest negatives; PML's pick depends on torch's rounding
            }
            String id = c.get("id").getAsString();
            double[] e = flat(c.get("embeddings"));
            int n = c.getAsJsonArray("labels").size();
            int d = e.length / n;
            long[] y = new long[n];
            for (int i = 0; i < n; i++) {
                y[i] = c.getAsJsonArray("labels").get(i).getAsLong();
            }
            Path ep = dir.resolve(id + "-e.npy");
            Path yp = dir.resolve(id + "-y.npy");
            Path gp = dir.resolve(id + "-g.npy");
            Npy.write(ep, NpyArray.of(e, n, d));
            Npy.write(yp, NpyArray.of(y, n));
            List<String> args = new ArrayList<>(List.of("metric-loss", "--embeddings", ep.toString(), "--labels",
                    yp.toString(), "--loss", loss, "--format", "json"));
            JsonElement ds = c.getAsJsonObject("distance").get("spec");
            if (!ds.isJsonNull()) {
                args.addAll(List.of(DISTANCES.get(ds.getAsString())));
            }
            if (miner != null) {
                args.addAll(List.of("--miner", MINERS.get(miner.get("spec").getAsString())));
            }
            JsonElement rs = c.getAsJsonObject("reducer").get("spec");
            boolean elements = false;
            if (!rs.isJsonNull()) {
                args.addAll(List.of("--reducer", REDUCERS.get(rs.getAsString())));
                elements = rs.getAsString().equals("DoNothingReducer()");
            }
            Path wp = dir.resolve(id + "-w.npy");
            Path gw = dir.resolve(id + "-gw.npy");
            JsonObject proxies = c.has("proxies") && c.get("proxies").isJsonObject() ? c.getAsJsonObject("proxies")
                    : null;
            if (proxies != null) {
                int r = proxies.getAsJsonArray("shape").get(0).getAsInt();
                int k = proxies.getAsJsonArray("shape").get(1).getAsInt();
                Npy.write(wp, NpyArray.of(flat(proxies.get("values")), r, k));
                args.addAll(List.of("--proxies", wp.toString()));
            }
            for (Map.Entry<String, JsonElement> kw : l.getAsJsonObject("kwargs").entrySet()) {
                if (kw.getKey().equals("num_classes") || kw.getKey().equals("embedding_size")) {
                    continue; // read from the shape of --proxies
                }
                args.add("--" + kw.getKey().replace('_', '-'));
                args.add(kw.getValue().getAsString().toLowerCase(Locale.ROOT));
            }
            if (!elements) {
                args.addAll(List.of("--grad-out", gp.toString()));
                if (proxies != null) {
                    args.addAll(List.of("--proxy-grad-out", gw.toString()));
                }
            }
            CliRun run = CliRun.of(args.toArray(new String[0]));
            if (!c.get("error").isJsonNull()) {
                assertEquals(2, run.exit, id + " is rejected by PML: " + run);
                assertTrue(run.err.contains("requires the distance to be cosine"), id + ": " + run.err);
                replayed++;
                continue;
            }
            assertEquals(0, run.exit, id + " " + args + ": " + run);
            JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
            assertEquals(loss, o.get("loss").getAsString());
            JsonObject result = c.getAsJsonObject("result");
            if (elements) {
                JsonObject got = o.getAsJsonObject("elements");
                for (Map.Entry<String, JsonElement> sub : result.getAsJsonObject("per_element").entrySet()) {
                    JsonObject want = sub.getValue().getAsJsonObject();
                    double[] wl = want.get("losses").isJsonArray() ? flat(want.get("losses")) : new double[0];
                    double[] gl = flat(got.getAsJsonObject(sub.getKey()).get("losses"));
                    if (want.get("losses").isJsonArray()) {
                        close(wl, gl, id + " " + sub.getKey());
                    } else {
                        assertTrue(gl.length <= 1 && (gl.length == 0 || gl[0] == 0), id + " " + sub.getKey());
                    }
                }
            } else {
                double want = result.get("loss").getAsDouble();
                double got = o.get("value").getAsDouble();
                assertTrue(Math.abs(want - got) <= 1e-12 * Math.abs(want), id + ": PML " + want + ", cli " + got);
                NpyArray g = Npy.read(gp);
                assertEquals(NpyDtype.FLOAT64, g.dtype(), id + " gradient dtype");
                assertEquals(List.of(n, d), List.of(g.shape()[0], g.shape()[1]), id + " gradient shape");
                close(flat(result.get("grad_embeddings")), g.toDoubleArray(), id + " gradient");
                if (proxies != null) {
                    NpyArray gwa = Npy.read(gw);
                    assertEquals(List.of(proxies.getAsJsonArray("shape").get(0).getAsInt(),
                            proxies.getAsJsonArray("shape").get(1).getAsInt()), List.of(gwa.shape()[0],
                            gwa.shape()[1]), id + " proxy gradient shape");
                    close(flat(result.get("grad_proxies")), gwa.toDoubleArray(), id + " proxy gradient");
                }
            }
            replayed++;
        }
        assertTrue(replayed >= 220, "replayed " + replayed);
    }

    static void close(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what + " length");
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= 1e-12 * scale, what + " [" + i + "]: PML " + want[i] + ", cli "
                    + got[i]);
        }
    }

    private Path[] smallBatch() throws IOException {
        Path e = dir.resolve("e.npy");
        Path y = dir.resolve("y.npy");
        Npy.write(e, NpyArray.of(new double[] {1, 0, 0, 1, 1, 1, -1, 2}, 4, 2));
        Npy.write(y, NpyArray.of(new long[] {0, 0, 1, 1}, 4));
        return new Path[] {e, y};
    }

    private void assertUsageError(String expectedPart, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exit, run.toString());
        assertTrue(run.err.contains(expectedPart), "stderr should mention '" + expectedPart + "': " + run);
        assertEquals(1, run.err.trim().split("\n").length, "one stderr line: " + run);
    }

    @Test
    void badInputExitsTwoWithOneClearLine() throws IOException {
        Path[] b = smallBatch();
        String e = b[0].toString();
        String y = b[1].toString();
        assertUsageError("unknown metric loss 'arcfaces'", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "arcfaces");
        assertUsageError("unknown distance 'manhattan'", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "contrastive", "--distance", "manhattan");
        assertUsageError("unknown miner 'triplet-margin:medium'", "metric-loss", "--embeddings", e, "--labels", y,
                "--loss", "contrastive", "--miner", "triplet-margin:medium");
        assertUsageError("unknown reducer 'threshold:0.1'", "metric-loss", "--embeddings", e, "--labels", y,
                "--loss", "contrastive", "--reducer", "threshold:0.1");
        assertUsageError("temperature does not apply to loss contrastive", "metric-loss", "--embeddings", e,
                "--labels", y, "--loss", "contrastive", "--temperature", "0.1");
        assertUsageError("margin is 'abc'", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "triplet-margin", "--margin", "abc");
        assertUsageError("swap is 'yes'", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "triplet-margin", "--swap", "yes");
        assertUsageError("--normalize is 'maybe'", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "contrastive", "--distance", "lp", "--normalize", "maybe");
        assertUsageError("temperature is -1.0", "metric-loss", "--embeddings", e, "--labels", y, "--loss", "ntxent",
                "--temperature", "-1");
        // shapes and values
        Path y3 = dir.resolve("y3.npy");
        Npy.write(y3, NpyArray.of(new long[] {0, 0, 1}, 3));
        assertUsageError("--labels must hold one label per embedding row", "metric-loss", "--embeddings", e,
                "--labels", y3.toString(), "--loss", "contrastive");
        Path yf = dir.resolve("yf.npy");
        Npy.write(yf, NpyArray.of(new double[] {0, 0.5, 1, 1}, 4));
        assertUsageError("--labels value 1 is 0.5", "metric-loss", "--embeddings", e, "--labels", yf.toString(),
                "--loss", "contrastive");
        Path e1 = dir.resolve("e1.npy");
        Npy.write(e1, NpyArray.of(new double[] {1, 2, 3, 4}, 4));
        assertUsageError("--embeddings must be an n x d matrix", "metric-loss", "--embeddings", e1.toString(),
                "--labels", y, "--loss", "contrastive");
        Path en = dir.resolve("en.npy");
        Npy.write(en, NpyArray.of(new double[] {1, 0, Double.NaN, 1, 1, 1, -1, 2}, 4, 2));
        assertUsageError("NaN", "metric-loss", "--embeddings", en.toString(), "--labels", y, "--loss", "contrastive");
        // files: missing, not NPY, truncated
        assertUsageError("missing.npy", "metric-loss", "--embeddings", dir.resolve("missing.npy").toString(),
                "--labels", y, "--loss", "contrastive");
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "this is not an NPY file");
        CliRun run = CliRun.of("metric-loss", "--embeddings", junk.toString(), "--labels", y, "--loss", "contrastive");
        assertEquals(2, run.exit, run.toString());
        Path cut = dir.resolve("cut.npy");
        byte[] whole = Files.readAllBytes(b[0]);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 9));
        run = CliRun.of("metric-loss", "--embeddings", cut.toString(), "--labels", y, "--loss", "contrastive");
        assertEquals(2, run.exit, run.toString());
        assertUsageError("needs --proxies", "metric-loss", "--embeddings", e, "--labels", y, "--loss", "arcface");
        assertUsageError("apply to the proxy losses", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "contrastive", "--proxies", e);
        Path w = dir.resolve("w.npy");
        Npy.write(w, NpyArray.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2));
        assertUsageError("--proxies has shape [3, 2]", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "arcface", "--proxies", w.toString());
        Npy.write(w, NpyArray.of(new double[] {1, 0, 0, 1}, 2, 2));
        Path y5 = dir.resolve("y5.npy");
        Npy.write(y5, NpyArray.of(new long[] {0, 0, 1, 5}, 4));
        assertUsageError("label 3 is 5", "metric-loss", "--embeddings", e, "--labels", y5.toString(), "--loss",
                "proxy-anchor", "--proxies", w.toString());
        assertUsageError("requires the distance to be cosine", "metric-loss", "--embeddings", e, "--labels", y,
                "--loss", "cosface", "--proxies", w.toString(), "--distance", "dot");
        assertUsageError("--grad-out needs a reducer", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "contrastive", "--reducer", "none", "--grad-out", dir.resolve("g.npy").toString());
    }

    static final Path XBM = Path.of("..", "jaccard4j-core", "src", "test", "resources", "reference",
            "pml-2.9.0-xbm.json");

    private static String[] distanceArgs(JsonElement spec) {
        if (spec.isJsonNull()) {
            return new String[0];
        }
        JsonObject s = spec.getAsJsonObject();
        switch (s.get("name").getAsString()) {
            case "CosineSimilarity": return new String[] {"--distance", "cosine"};
            case "LpDistance": return new String[] {"--distance", "lp", "--p", s.get("p").getAsString(), "--normalize",
                String.valueOf(s.get("normalize_embeddings").getAsBoolean())};
            case "DotProductSimilarity": return new String[] {"--distance", "dot", "--normalize",
                String.valueOf(s.get("normalize_embeddings").getAsBoolean())};
            default: throw new AssertionError(s);
        }
    }

    private static String minerArg(JsonObject m) {
        switch (m.get("name").getAsString()) {
            case "BatchHardMiner": return "batch-hard";
            case "MultiSimilarityMiner": return "multi-similarity";
            case "PairMarginMiner": return "pair-margin";
            case "TripletMarginMiner":
                return "triplet-margin:" + m.getAsJsonObject("kwargs").get("type_of_triplets").getAsString();
            default: throw new AssertionError(m);
        }
    }

    /** {@code reference/pml-2.9.0-xbm.json}'s ref_emb cases, PML 2.9.0's own output, through the command line. */
    @Test
    void referenceSetCasesThroughTheCommandLine() throws IOException {
        JsonObject ref = JsonParser.parseString(Files.readString(XBM)).getAsJsonObject();
        int replayed = 0;
        int elementCases = 0;
        for (JsonElement el : ref.getAsJsonArray("ref_cases")) {
            JsonObject c = el.getAsJsonObject();
            String id = c.get("id").getAsString();
            List<String> args = new ArrayList<>(List.of("metric-loss", "--format", "json"));
            JsonObject l = c.getAsJsonObject("loss");
            args.addAll(List.of("--loss", LOSSES.get(l.get("name").getAsString())));
            if (l.has("kwargs")) {
                for (Map.Entry<String, JsonElement> kw : l.getAsJsonObject("kwargs").entrySet()) {
                    args.add("--" + kw.getKey().replace('_', '-'));
                    args.add(kw.getValue().getAsString().toLowerCase(Locale.ROOT));
                }
            }
            args.addAll(List.of(distanceArgs(c.get("distance"))));
            if (!c.get("miner").isJsonNull()) {
                args.addAll(List.of("--miner", minerArg(c.getAsJsonObject("miner"))));
            }
            if (!c.get("reducer").isJsonNull()) {
                JsonObject r = c.getAsJsonObject("reducer");
                switch (r.get("name").getAsString()) {
                    case "MeanReducer": args.addAll(List.of("--reducer", "mean")); break;
                    case "ThresholdReducer": args.addAll(List.of("--reducer", "threshold:" + r.get("low").getAsString()
                            + "," + r.get("high").getAsString())); break;
                    default: continue; // class weights are a library-only reducer
                }
            }
            double[] e = flat(c.get("embeddings"));
            double[] re = flat(c.get("ref_emb"));
            int n = c.getAsJsonArray("labels").size();
            int nr = c.getAsJsonArray("ref_labels").size();
            Path pe = dir.resolve(id + "-e.npy");
            Path py = dir.resolve(id + "-y.npy");
            Path pr = dir.resolve(id + "-r.npy");
            Path pry = dir.resolve(id + "-ry.npy");
            Path g = dir.resolve(id + "-g.npy");
            Path gr = dir.resolve(id + "-gr.npy");
            Npy.write(pe, NpyArray.of(e, n, e.length / n));
            Npy.write(pr, NpyArray.of(re, nr, re.length / nr));
            Npy.write(py, NpyArray.of(toLongs(flat(c.get("labels"))), n));
            Npy.write(pry, NpyArray.of(toLongs(flat(c.get("ref_labels"))), nr));
            args.addAll(List.of("--embeddings", pe.toString(), "--labels", py.toString(), "--ref-embeddings",
                    pr.toString(), "--ref-labels", pry.toString(), "--grad-out", g.toString(), "--ref-grad-out",
                    gr.toString()));
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(0, run.exit, id + " " + args + ": " + run);
            JsonObject o = JsonParser.parseString(run.out.trim()).getAsJsonObject();
            JsonObject x = c.getAsJsonObject("expected");
            double want = x.get("value").getAsDouble();
            double got = o.get("value").getAsDouble();
            assertTrue(Math.abs(want - got) <= 1e-12 * Math.abs(want), id + ": PML " + want + ", cli " + got);
            close(flat(x.get("grad")), Npy.read(g).toDoubleArray(), id + " gradient");
            close(flat(x.get("ref_grad")), Npy.read(gr).toDoubleArray(), id + " reference gradient");
            if (x.has("elements") && c.get("miner").isJsonNull()) {
                // --reducer none: PML's loss dict of the same call (all pairs, so PML's order is index order)
                List<String> ea = new ArrayList<>(args.subList(0, args.indexOf("--grad-out")));
                int ri = ea.indexOf("--reducer");
                if (ri >= 0) {
                    ea.subList(ri, ri + 2).clear();
                }
                ea.addAll(List.of("--reducer", "none"));
                CliRun er = CliRun.of(ea.toArray(new String[0]));
                assertEquals(0, er.exit, id + " elements: " + er);
                JsonObject ge = JsonParser.parseString(er.out.trim()).getAsJsonObject().getAsJsonObject("elements");
                for (Map.Entry<String, JsonElement> sub : x.getAsJsonObject("elements").entrySet()) {
                    JsonObject w = sub.getValue().getAsJsonObject();
                    JsonObject gs = ge.getAsJsonObject(sub.getKey());
                    assertEquals(w.get("reduction_type").getAsString(), gs.get("reduction_type").getAsString(), id);
                    close(flat(w.get("losses")), flat(gs.get("losses")), id + " " + sub.getKey() + " losses");
                    assertEquals(w.get("indices"), gs.get("indices"), id + " " + sub.getKey() + " indices");
                }
                elementCases++;
            }
            replayed++;
        }
        assertTrue(replayed >= 20, "replayed " + replayed);
        assertEquals(10, elementCases);
    }

    private static long[] toLongs(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (long) v[i];
        }
        return out;
    }

    @Test
    void badReferenceSetsExitTwoWithOneClearLine() throws IOException {
        Path[] b = smallBatch();
        String e = b[0].toString();
        String y = b[1].toString();
        Path r3 = dir.resolve("r3.npy");
        Npy.write(r3, NpyArray.of(new double[] {1, 0, 0, 1, 1, 1, -1, 2, 0}, 3, 3));
        Path r = dir.resolve("r.npy");
        Npy.write(r, NpyArray.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2));
        Path ry = dir.resolve("ry.npy");
        Npy.write(ry, NpyArray.of(new long[] {0, 1, 1}, 3));
        Path ry2 = dir.resolve("ry2.npy");
        Npy.write(ry2, NpyArray.of(new long[] {0, 1}, 2));
        assertUsageError("--ref-embeddings has shape [3, 3]; expected nr x 2", "metric-loss", "--embeddings", e,
                "--labels", y, "--loss", "contrastive", "--ref-embeddings", r3.toString(), "--ref-labels",
                ry.toString());
        assertUsageError("--ref-labels must hold one label per --ref-embeddings row", "metric-loss", "--embeddings",
                e, "--labels", y, "--loss", "contrastive", "--ref-embeddings", r.toString(), "--ref-labels",
                ry2.toString());
        assertUsageError("go together", "metric-loss", "--embeddings", e, "--labels", y, "--loss", "contrastive",
                "--ref-embeddings", r.toString());
        assertUsageError("not to the proxy loss", "metric-loss", "--embeddings", e, "--labels", y, "--loss",
                "arcface", "--proxies", r.toString(), "--ref-embeddings", r.toString(), "--ref-labels", ry.toString());
        assertUsageError("swap", "metric-loss", "--embeddings", e, "--labels", y, "--loss", "triplet-margin",
                "--swap", "true", "--ref-embeddings", r.toString(), "--ref-labels", ry.toString());
        assertUsageError("--ref-grad-out needs a reference set", "metric-loss", "--embeddings", e, "--labels", y,
                "--loss", "contrastive", "--ref-grad-out", dir.resolve("gr.npy").toString());
        Path junk = dir.resolve("junk-r.npy");
        Files.writeString(junk, "this is not an NPY file");
        CliRun run = CliRun.of("metric-loss", "--embeddings", e, "--labels", y, "--loss", "contrastive",
                "--ref-embeddings", junk.toString(), "--ref-labels", ry.toString());
        assertEquals(2, run.exit, run.toString());
        assertEquals(1, run.err.trim().split("\n").length, "one stderr line: " + run);
        Path rn = dir.resolve("rn.npy");
        Npy.write(rn, NpyArray.of(new double[] {1, 0, Double.NaN, 1, 1, 1}, 3, 2));
        assertUsageError("reference embedding value 2 (row 1) is NaN", "metric-loss", "--embeddings", e, "--labels",
                y, "--loss", "contrastive", "--ref-embeddings", rn.toString(), "--ref-labels", ry.toString());
    }

    @Test
    void textFormatNamesTheConfiguration() throws IOException {
        Path[] b = smallBatch();
        CliRun run = CliRun.of("metric-loss", "--embeddings", b[0].toString(), "--labels", b[1].toString(), "--loss",
                "triplet-margin", "--miner", "batch-hard", "--reducer", "mean");
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("triplet margin loss") && run.out.contains("value = "), run.out);
    }
}
