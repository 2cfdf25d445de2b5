package io.jaccard4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replays pytorch-metric-learning 2.9.0's own output ({@code reference/pml-2.9.0.json}, copied from
 * {@code shared/reference/}; see tools/README.md): every loss case whose loss, distance, miner and reducer jaccard4j
 * has must give PML's value and autograd gradient to 10<sup>−12</sup> relative (float64), its miner PML's tuples, and,
 * with PML's {@code DoNothingReducer}, PML's unreduced element losses and indices.
 */
class PmlReplayTest {
    static final double REL = 1e-12;
    static final Set<String> PAIR_LOSSES = Set.of("ContrastiveLoss", "TripletMarginLoss", "MultiSimilarityLoss",
            "NTXentLoss", "SupConLoss");

    static JsonObject reference() throws Exception {
        return ReferenceJson.load("/reference/pml-2.9.0.json");
    }

    /** The numbers of a nested JSON array, flattened in row-major order. */
    static double[] matrix(JsonElement rows) {
        List<Double> out = new ArrayList<>();
        flatten(rows, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonElement e, List<Double> out) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                flatten(x, out);
            }
        } else {
            out.add(ReferenceJson.number(e));
        }
    }

    /** The distance PML actually used ({@code resolved}). */
    static Distance distance(JsonObject resolved) {
        boolean norm = resolved.get("normalize_embeddings").getAsBoolean();
        double power = resolved.get("power").getAsDouble();
        switch (resolved.get("name").getAsString()) {
            case "LpDistance": {
                Distance d = Distance.lp(resolved.get("p").getAsDouble()).normalizeEmbeddings(norm);
                return power == 1 ? d : d.withPower(power);
            }
            case "CosineSimilarity": return Distance.cosine();
            case "DotProductSimilarity": return Distance.dot().normalizeEmbeddings(norm);
            default: throw new AssertionError("distance " + resolved);
        }
    }

    static Reducer reducer(JsonElement spec) {
        if (spec.isJsonNull()) {
            return null;
        }
        switch (spec.getAsString()) {
            case "MeanReducer()": return Reducer.mean();
            case "AvgNonZeroReducer()": return Reducer.avgNonZero();
            case "ThresholdReducer(low=0.1)": return Reducer.threshold(0.1, Double.NaN);
            case "DoNothingReducer()": return Reducer.doNothing();
            default: throw new AssertionError("reducer " + spec);
        }
    }

    static Miner miner(JsonObject m) {
        JsonObject kw = m.getAsJsonObject("kwargs");
        JsonObject params = m.getAsJsonObject("params");
        Distance d = distance(m.getAsJsonObject("distance"));
        switch (m.get("name").getAsString()) {
            case "BatchHardMiner": return Miners.batchHard(d);
            case "MultiSimilarityMiner": return Miners.multiSimilarity(params.get("epsilon").getAsDouble(), d);
            case "PairMarginMiner":
                return Miners.pairMargin(params.get("pos_margin").getAsDouble(), params.get("neg_margin").getAsDouble(), d);
            case "TripletMarginMiner":
                return Miners.tripletMargin(kw.get("margin").getAsDouble(), Miners.TripletType.valueOf(
                        kw.get("type_of_triplets").getAsString().toUpperCase(java.util.Locale.ROOT)), d);
            default: throw new AssertionError("miner " + m);
        }
    }

    static MetricLoss loss(JsonObject c) {
        JsonObject l = c.getAsJsonObject("loss");
        JsonObject p = l.getAsJsonObject("params");
        Distance dist = distance(c.getAsJsonObject("distance").getAsJsonObject("resolved"));
        Reducer red = reducer(c.getAsJsonObject("reducer").get("spec"));
        MetricLoss.Builder<?> b;
        switch (l.get("name").getAsString()) {
            case "ContrastiveLoss":
                b = ContrastiveLoss.builder().posMargin(p.get("pos_margin").getAsDouble())
                        .negMargin(p.get("neg_margin").getAsDouble());
                break;
            case "TripletMarginLoss": {
                assertEquals("all", p.get("triplets_per_anchor").getAsString());
                b = TripletMarginLoss.builder().margin(p.get("margin").getAsDouble()).swap(p.get("swap").getAsBoolean())
                        .smoothLoss(p.get("smooth_loss").getAsBoolean());
                break;
            }
            case "MultiSimilarityLoss":
                b = MultiSimilarityLoss.builder().alpha(p.get("alpha").getAsDouble()).beta(p.get("beta").getAsDouble())
                        .base(p.get("base").getAsDouble());
                break;
            case "NTXentLoss":
                b = NTXentLoss.builder().temperature(p.get("temperature").getAsDouble());
                break;
            case "SupConLoss":
                b = SupConLoss.builder().temperature(p.get("temperature").getAsDouble());
                break;
            default: throw new AssertionError(l);
        }
        b.distance(dist);
        if (red != null) {
            b.reducer(red);
        }
        return build(b);
    }

    static MetricLoss build(MetricLoss.Builder<?> b) {
        if (b instanceof ContrastiveLoss.Builder) {
            return ((ContrastiveLoss.Builder) b).build();
        }
        if (b instanceof TripletMarginLoss.Builder) {
            return ((TripletMarginLoss.Builder) b).build();
        }
        if (b instanceof MultiSimilarityLoss.Builder) {
            return ((MultiSimilarityLoss.Builder) b).build();
        }
        if (b instanceof NTXentLoss.Builder) {
            return ((NTXentLoss.Builder) b).build();
        }
        return ((SupConLoss.Builder) b).build();
    }

    static Tuples tuples(JsonObject it) {
        JsonArray t = it.getAsJsonArray("tuple");
        if (it.get("kind").getAsString().equals("pairs")) {
            return Tuples.pairs(ReferenceJson.ints(t.get(0)), ReferenceJson.ints(t.get(1)), ReferenceJson.ints(t.get(2)),
                    ReferenceJson.ints(t.get(3)));
        }
        return Tuples.triplets(ReferenceJson.ints(t.get(0)), ReferenceJson.ints(t.get(1)), ReferenceJson.ints(t.get(2)));
    }

    static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(expected - actual) <= REL * Math.abs(expected),
                what + ": PML " + expected + ", jaccard4j " + actual);
    }

    /** Each entry within 10⁻¹² of the largest |entry| of PML's array. */
    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= REL * scale)) {
                fail(what + " [" + i + "]: PML " + expected[i] + ", jaccard4j " + actual[i] + " (scale " + scale + ")");
            }
        }
    }

    @Test
    void everyPairAndTripletLossCaseMatchesPml() throws Exception {
        Map<String, Integer> replayed = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (JsonElement el : reference().getAsJsonArray("loss_cases")) {
            JsonObject c = el.getAsJsonObject();
            String name = c.getAsJsonObject("loss").get("name").getAsString();
            if (!PAIR_LOSSES.contains(name)) {
                continue;
            }
            String what = c.get("id").getAsString() + " " + name + " " + c.getAsJsonObject("distance").get("spec")
                    + " " + c.get("miner") .toString().replaceAll("\\{.*\"spec\":(\"[^\"]*\").*", "$1") + " "
                    + c.getAsJsonObject("reducer").get("spec") + " (" + c.get("group").getAsString() + ")";
            try {
                replayCase(c, what);
            } catch (AssertionError | RuntimeException ex) {
                failures.add(ex.getMessage());
            }
            replayed.merge(name, 1, Integer::sum);
        }
        assertTrue(failures.isEmpty(), failures.size() + " cases differ from PML:\n" + String.join("\n", failures));
        for (String l : PAIR_LOSSES) {
            assertTrue(replayed.getOrDefault(l, 0) >= 20, l + ": " + replayed);
        }
    }

    static void replayCase(JsonObject c, String what) {
        {
            double[] e = matrix(c.get("embeddings"));
            int[] y = ReferenceJson.ints(c.get("labels"));
            int n = y.length;
            int d = e.length / n;
            MetricLoss loss = loss(c);
            Tuples given = null;
            if (!c.get("miner").isJsonNull()) {
                given = tuples(c.getAsJsonObject("indices_tuple"));
                Miner miner = miner(c.getAsJsonObject("miner"));
                Distance md = miner.distance();
                double[] mm = md.matrix(e, n, d);
                Tuples mined = miner.mine(mm, n, y, md.isSimilarity());
                if (!sorted(given).equals(sorted(mined))) {
                    assertNearTie(given, mined, mm, n, what);
                }
            }
            JsonObject result = c.getAsJsonObject("result");
            assertNotNull(result, what);
            if (result.has("per_element")) {
                replayElements(result.getAsJsonObject("per_element"), loss.elements(e, n, d, y, given), what);
            } else {
                LossResult r = loss.compute(e, n, d, y, given);
                assertClose(ReferenceJson.number(result.get("loss")), r.value(), what + " value");
                assertClose(matrix(result.get("grad_embeddings")), r.gradientAsDouble(), what + " gradient");
            }
        }
    }

    static final Set<String> PROXY_LOSSES = Set.of("ProxyAnchorLoss", "ProxyNCALoss", "NormalizedSoftmaxLoss",
            "ArcFaceLoss", "CosFaceLoss");

    /** The proxy loss a case names; the distance as PML was asked for it ({@code spec}), its default when absent. */
    static ProxyLoss proxyLoss(JsonObject c) {
        JsonObject l = c.getAsJsonObject("loss");
        // a rejected configuration has no parameters read back: PML's defaults
        JsonObject p = l.has("params") && l.get("params").isJsonObject() ? l.getAsJsonObject("params")
                : defaultsOf(l.get("name").getAsString());
        int classes = l.getAsJsonObject("kwargs").get("num_classes").getAsInt();
        ProxyLoss.Builder<?> b;
        switch (l.get("name").getAsString()) {
            case "ProxyAnchorLoss":
                b = ProxyAnchorLoss.builder(classes).margin(p.get("margin").getAsDouble())
                        .alpha(p.get("alpha").getAsDouble());
                break;
            case "ProxyNCALoss":
                b = ProxyNCALoss.builder(classes).softmaxScale(p.get("softmax_scale").getAsDouble());
                break;
            case "NormalizedSoftmaxLoss":
                b = NormalizedSoftmaxLoss.builder(classes).temperature(p.get("temperature").getAsDouble());
                break;
            case "ArcFaceLoss":
                b = ArcFaceLoss.builder(classes).scale(p.get("scale").getAsDouble());
                break;
            default:
                b = CosFaceLoss.builder(classes).margin(p.get("margin").getAsDouble()).scale(p.get("scale").getAsDouble());
        }
        JsonObject dist = c.getAsJsonObject("distance");
        if (!dist.get("spec").isJsonNull()) {
            String spec = dist.get("spec").getAsString();
            // PML's ArcFace/CosFace accept only a CosineSimilarity object: name-level rule of MetricLossRegistry
            String pmlName = l.get("name").getAsString();
            if (pmlName.equals("ArcFaceLoss") || pmlName.equals("CosFaceLoss")) {
                MetricLossRegistry.requireCosineForMarginLosses(pmlName.equals("ArcFaceLoss") ? "arcface" : "cosface",
                        spec.startsWith("Dot") ? "dot" : spec.startsWith("Lp") ? "lp" : "cosine");
            }
            b.distance(distance(dist.getAsJsonObject("resolved")));
        } else {
            assertEquals(distance(dist.getAsJsonObject("resolved")), b.distance, "default distance");
        }
        Reducer red = reducer(c.getAsJsonObject("reducer").get("spec"));
        if (red != null) {
            b.reducer(red);
        }
        ProxyLoss loss = b.build();
        if (loss instanceof ArcFaceLoss) {
            assertClose(p.get("margin").getAsDouble(), ((ArcFaceLoss) loss).marginRadians(), "ArcFace margin");
        }
        return loss;
    }

    static JsonObject defaultsOf(String pmlName) {
        JsonObject p = new JsonObject();
        p.addProperty("scale", 64);
        p.addProperty("margin", pmlName.equals("ArcFaceLoss") ? Math.toRadians(28.6) : 0.35);
        return p;
    }

    @Test
    void everyProxyAndClassifierLossCaseMatchesPml() throws Exception {
        Map<String, Integer> replayed = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (JsonElement el : reference().getAsJsonArray("loss_cases")) {
            JsonObject c = el.getAsJsonObject();
            String name = c.getAsJsonObject("loss").get("name").getAsString();
            if (!PROXY_LOSSES.contains(name)) {
                continue;
            }
            String what = c.get("id").getAsString() + " " + name + " " + c.getAsJsonObject("distance").get("spec")
                    + " " + c.getAsJsonObject("reducer").get("spec") + " (" + c.get("group").getAsString() + ")";
            try {
                replayProxyCase(c, what);
            } catch (AssertionError | RuntimeException ex) {
                failures.add(what + ": " + ex);
            }
            replayed.merge(name, 1, Integer::sum);
        }
        assertTrue(failures.isEmpty(), failures.size() + " cases differ from PML:\n" + String.join("\n", failures));
        for (String l : PROXY_LOSSES) {
            assertTrue(replayed.getOrDefault(l, 0) >= 20, l + ": " + replayed);
        }
    }

    static void replayProxyCase(JsonObject c, String what) {
        if (!c.get("error").isJsonNull()) {
            JsonObject err = c.getAsJsonObject("error");
            IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> proxyLoss(c), what);
            // PML: "ArcFaceLoss requires the distance metric to be CosineSimilarity"
            assertTrue(err.get("message").getAsString().contains("requires the distance metric to be CosineSimilarity")
                    && ex.getMessage().contains("requires the distance to be cosine"), what + ": " + ex.getMessage());
            return;
        }
        ProxyLoss loss = proxyLoss(c);
        double[] e = matrix(c.get("embeddings"));
        int[] y = ReferenceJson.ints(c.get("labels"));
        int n = y.length;
        int d = e.length / n;
        double[] w = matrix(c.getAsJsonObject("proxies").get("values"));
        Tuples given = c.get("miner").isJsonNull() ? null : tuples(c.getAsJsonObject("indices_tuple"));
        JsonObject result = c.getAsJsonObject("result");
        if (result.has("per_element")) {
            replayElements(result.getAsJsonObject("per_element"), loss.elements(e, n, d, y, w, given), what);
            return;
        }
        LossResult r = loss.compute(e, n, d, y, w, given);
        assertClose(ReferenceJson.number(result.get("loss")), r.value(), what + " value");
        assertClose(matrix(result.get("grad_embeddings")), r.gradientAsDouble(), what + " gradient");
        assertClose(matrix(result.get("grad_proxies")), r.gradient(ProxyLoss.WEIGHTS), what + " weights gradient");
    }

    static void replayElements(JsonObject expected, List<MetricLoss.Elements> got, String what) {
        assertEquals(expected.keySet().size(), got.size(), what + " sub-losses " + expected.keySet());
        for (MetricLoss.Elements g : got) {
            JsonObject x = expected.getAsJsonObject(g.name());
            assertNotNull(x, what + " sub-loss " + g.name());
            String type = x.get("reduction_type").getAsString();
            JsonElement losses = x.get("losses");
            if (losses.isJsonArray()) {
                assertEquals(type, g.type().pmlName(), what + " " + g.name() + " reduction type");
                assertClose(matrix(losses), g.losses(), what + " " + g.name() + " losses");
                JsonArray idx = x.getAsJsonArray("indices");
                int[][] gi = g.indices();
                if (type.equals("element")) {
                                        assertEquals(java.util.Arrays.toString(ReferenceJson.ints(idx)), java.util.Arrays.toString(gi[0]),
                            what + " element indices");
                } else {
                    for (int k = 0; k < idx.size(); k++) {
                        assertEquals(java.util.Arrays.toString(ReferenceJson.ints(idx.get(k))),
                                java.util.Arrays.toString(gi[k]), what + " " + g.name() + " indices " + k);
                    }
                }
            } else {
                // PML's scalar 0: nothing to compute for this sub-loss (already_reduced, or an empty pair list)
                assertEquals(0.0, ReferenceJson.number(losses), what);
                assertEquals(0.0, java.util.Arrays.stream(g.losses()).map(Math::abs).sum(), what + " " + g.name());
                if (type.equals("already_reduced")) {
                    assertEquals(Reducer.ReductionType.ALREADY_REDUCED, g.type(), what + " " + g.name());
                }
            }
        }
    }

    /**
     * Batch-hard tuples that differ from PML's only where the two choices are equally hard within 10⁻¹² (a zero
     * embedding is at distance 1 from every normalised one; which of those PML's torch.min picks depends on
     * last-bit rounding inside torch.cdist).
     */
    static void assertNearTie(Tuples pml, Tuples ours, double[] m, int n, String what) {
        assertTrue(pml.isTriplets() && ours.isTriplets() && pml.size() == ours.size(),
                what + ": mined tuples " + sorted(pml) + " vs " + sorted(ours));
        for (int i = 0; i < pml.size(); i++) {
            int a = pml.anchorsPos()[i];
            assertEquals(a, ours.anchorsPos()[i], what + ": anchors");
            double dp = m[a * n + pml.positives()[i]] - m[a * n + ours.positives()[i]];
            double dn = m[a * n + pml.negatives()[i]] - m[a * n + ours.negatives()[i]];
            assertTrue(Math.abs(dp) <= REL && Math.abs(dn) <= REL, what + ": anchor " + a + " mined ("
                    + ours.positives()[i] + ", " + ours.negatives()[i] + "), PML (" + pml.positives()[i] + ", "
                    + pml.negatives()[i] + "), not a tie");
        }
    }

    static List<String> sorted(Tuples t) {
        List<String> out = new ArrayList<>();
        if (t.isTriplets()) {
            for (int i = 0; i < t.size(); i++) {
                out.add(t.anchorsPos()[i] + "," + t.positives()[i] + "," + t.negatives()[i]);
            }
        } else {
            for (int i = 0; i < t.anchorsPos().length; i++) {
                out.add("+" + t.anchorsPos()[i] + "," + t.positives()[i]);
            }
            for (int i = 0; i < t.anchorsNeg().length; i++) {
                out.add("-" + t.anchorsNeg()[i] + "," + t.negatives()[i]);
            }
        }
        java.util.Collections.sort(out);
        return out;
    }
}
