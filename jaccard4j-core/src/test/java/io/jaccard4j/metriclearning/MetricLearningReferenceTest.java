package io.jaccard4j.metriclearning;

import io.jaccard4j.loss.LossResult;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every composable piece against torch autograd on its definition (tools/gen_metric_learning_reference.py): the
 * miner's tuples exactly, the value to 1e-10 and the gradient to 1e-9.
 */
class MetricLearningReferenceTest {
    static Distance distance(JsonObject d) {
        boolean norm = d.get("normalize").getAsBoolean();
        switch (d.get("kind").getAsString()) {
            case "cosine": return Distance.cosine();
            case "dot": return Distance.dot().normalizeEmbeddings(norm);
            default: return Distance.lp(d.get("p").getAsDouble()).normalizeEmbeddings(norm);
        }
    }

    static Miner miner(JsonObject m) {
        switch (m.get("kind").getAsString()) {
            case "none": return null;
            case "all_pairs": return Miners.allPairs();
            case "all_triplets": return Miners.allTriplets();
            case "batch_hard": return Miners.batchHard();
            case "semihard": return Miners.semiHard(m.get("margin").getAsDouble());
            default: return Miners.multiSimilarity(m.get("epsilon").getAsDouble());
        }
    }

    static Reducer reducer(String r) {
        switch (r) {
            case "mean": return Reducer.mean();
            case "avg_non_zero": return Reducer.avgNonZero();
            default: return Reducer.perAnchor();
        }
    }

    /** The core loss a reference case describes. */
    static MetricLoss loss(JsonObject c) {
        JsonObject p = c.getAsJsonObject("params");
        Distance dist = distance(c.getAsJsonObject("distance"));
        Miner miner = miner(c.getAsJsonObject("miner"));
        Reducer red = reducer(c.get("reducer").getAsString());
        switch (c.get("loss").getAsString()) {
            case "contrastive":
                return ContrastiveLoss.builder().distance(dist).miner(miner).reducer(red)
                        .posMargin(p.get("pos_margin").getAsDouble()).negMargin(p.get("neg_margin").getAsDouble())
                        .build();
            case "triplet":
                return TripletMarginLoss.builder().distance(dist).miner(miner).reducer(red)
                        .margin(p.get("margin").getAsDouble()).build();
            case "multi_similarity":
                return MultiSimilarityLoss.builder().distance(dist).miner(miner).reducer(red)
                        .alpha(p.get("alpha").getAsDouble()).beta(p.get("beta").getAsDouble())
                        .base(p.get("base").getAsDouble()).build();
            case "ntxent":
                return NTXentLoss.builder().distance(dist).miner(miner).reducer(red)
                        .temperature(p.get("temperature").getAsDouble()).build();
            case "supcon":
                return SupConLoss.builder().distance(dist).miner(miner).reducer(red)
                        .temperature(p.get("temperature").getAsDouble()).build();
            default: {
                RecallAtKSurrogateLoss.Builder b = RecallAtKSurrogateLoss.builder().distance(dist).reducer(red)
                        .ks(ReferenceJson.ints(p.get("ks"))).tau1(p.get("tau1").getAsDouble())
                        .tau2(p.get("tau2").getAsDouble());
                if (p.has("mixup") && !p.get("mixup").isJsonNull()) {
                    Map<Long, Double> w = new HashMap<>();
                    for (JsonElement t : p.getAsJsonArray("mixup")) {
                        JsonArray a = t.getAsJsonArray();
                        w.put(((long) a.get(0).getAsInt() << 32) | a.get(1).getAsInt(), a.get(2).getAsDouble());
                    }
                    b.similarityMixup((i, j) -> w.get(((long) i << 32) | j));
                }
                return b.build();
            }
        }
    }

    static Tuples tuples(JsonObject t) {
        if (t.get("type").getAsString().equals("pairs")) {
            return Tuples.pairs(ReferenceJson.ints(t.get("a1")), ReferenceJson.ints(t.get("p")),
                    ReferenceJson.ints(t.get("a2")), ReferenceJson.ints(t.get("n")));
        }
        return Tuples.triplets(ReferenceJson.ints(t.get("a")), ReferenceJson.ints(t.get("p")),
                ReferenceJson.ints(t.get("n")));
    }

    static Iterable<JsonElement> cases() throws Exception {
        return ReferenceJson.load("/reference/metric_learning.json").getAsJsonArray("cases");
    }

    @Test
    void lossesMatchTorchAutograd() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonElement el : cases()) {
            JsonObject c = el.getAsJsonObject();
            String kind = c.get("loss").getAsString();
            if (kind.equals("pce")) {
                continue;
            }
            int n = c.get("n").getAsInt();
            int d = c.get("d").getAsInt();
            int[] y = ReferenceJson.ints(c.get("labels"));
            double[] e = ReferenceJson.doubles(c.get("embeddings"));
            MetricLoss loss = loss(c);
            String what = kind + " / " + loss.distance() + " / " + c.getAsJsonObject("miner").get("kind").getAsString()
                    + " / " + loss.reducer() + " n=" + n;
            LossResult r = loss.compute(e, n, d, y);
            assertEquals(c.get("value").getAsDouble(), r.value(), 1e-10, what + " value");
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), r.gradientAsDouble(), 1e-9, what + " gradient");
            if (c.has("tuples") && !c.get("tuples").isJsonNull()) {
                Tuples expected = tuples(c.getAsJsonObject("tuples"));
                Distance md = loss.miner().distance() == null ? loss.distance() : loss.miner().distance();
                Tuples mined = loss.miner().mine(md.matrix(e, n, d), n, y, md.isSimilarity());
                assertEquals(expected, mined, what + " mined tuples");
                MetricLoss plain = loss(withoutMiner(c));
                LossResult given = plain.compute(e, n, d, y, expected);
                assertEquals(r.value(), given.value(), 1e-12, what + " with the tuples passed in");
            }
            counts.merge(kind, 1, Integer::sum);
        }
        for (String k : new String[] {"contrastive", "triplet", "multi_similarity", "ntxent", "supcon"}) {
            assertTrue(counts.getOrDefault(k, 0) >= 30, k + " cases: " + counts);
        }
        assertTrue(counts.getOrDefault("recall_at_k", 0) >= 15, "recall cases: " + counts);
    }

    static JsonObject withoutMiner(JsonObject c) {
        JsonObject copy = c.deepCopy();
        JsonObject none = new JsonObject();
        none.addProperty("kind", "none");
        copy.add("miner", none);
        return copy;
    }

    @Test
    void pairwiseCrossEntropyMatchesTorch() throws Exception {
        int checked = 0;
        for (JsonElement el : cases()) {
            JsonObject c = el.getAsJsonObject();
            if (!c.get("loss").getAsString().equals("pce")) {
                continue;
            }
            LossResult v = PairwiseCrossEntropyBound
                    .withLambda(c.getAsJsonObject("params").get("lambda").getAsDouble())
                    .compute(ReferenceJson.doubles(c.get("embeddings")), c.get("n").getAsInt(), c.get("d").getAsInt(),
                            ReferenceJson.ints(c.get("labels")));
            assertEquals(c.get("value").getAsDouble(), v.value(), 1e-10);
            assertEquals(c.get("tightness").getAsDouble(), v.part("tightness"), 1e-10);
            assertEquals(c.get("contrast").getAsDouble(), v.part("contrast"), 1e-10);
            assertArrayEquals(ReferenceJson.doubles(c.get("gradient")), v.gradientAsDouble(), 1e-9);
            checked++;
        }
        assertTrue(checked >= 10);
    }
}
