package io.jaccard4j.metriclearning;

import static io.jaccard4j.metriclearning.PmlReplayTest.assertClose;
import static io.jaccard4j.metriclearning.PmlReplayTest.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.loss.LossResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Replays pytorch-metric-learning 2.9.0's own output ({@code reference/pml-2.9.0-xbm.json}, written by
 * {@code tools/gen_pml_xbm.py}; see tools/README.md): the losses scored against a separate reference set (PML's
 * {@code ref_emb}, {@code ref_labels}) with PML's value and autograd gradients for both sets, and
 * {@code CrossBatchMemory} over sequences of batches (miners, enqueue masks, wrap-around, reset) with PML's value,
 * batch gradient and queue state, all to 10<sup>−12</sup> relative. Two corner cases where PML's code departs from its
 * definition (a batch of one row, an empty enqueue) and one PML bug ({@code ClassWeightedReducer} on
 * {@code MultiSimilarityLoss}, which PML reduces to mean(l)·mean(w<sub>y</sub>)) are checked against the definition,
 * computed from PML's own pieces, and shown to differ from PML's output.
 */
class CrossBatchMemoryReplayTest {
    static JsonObject reference() throws Exception {
        return ReferenceJson.load("/reference/pml-2.9.0-xbm.json");
    }

    static Distance distance(JsonElement spec) {
        if (spec == null || spec.isJsonNull()) {
            return null;
        }
        JsonObject s = spec.getAsJsonObject();
        switch (s.get("name").getAsString()) {
            case "LpDistance":
                return Distance.lp(s.get("p").getAsDouble())
                        .normalizeEmbeddings(s.get("normalize_embeddings").getAsBoolean());
            case "CosineSimilarity": return Distance.cosine();
            case "DotProductSimilarity":
                return Distance.dot().normalizeEmbeddings(s.get("normalize_embeddings").getAsBoolean());
            default: throw new AssertionError("distance " + s);
        }
    }

    static Reducer reducer(JsonElement spec) {
        if (spec == null || spec.isJsonNull()) {
            return null;
        }
        JsonObject s = spec.getAsJsonObject();
        switch (s.get("name").getAsString()) {
            case "MeanReducer": return Reducer.mean();
            case "AvgNonZeroReducer": return Reducer.avgNonZero();
            case "ThresholdReducer":
                return Reducer.threshold(bound(s, "low"), bound(s, "high"));
            case "ClassWeightedReducer": return Reducer.classWeighted(ReferenceJson.doubles(s.get("weights")));
            default: throw new AssertionError("reducer " + s);
        }
    }

    private static double bound(JsonObject s, String name) {
        return s.has(name) && !s.get(name).isJsonNull() ? s.get(name).getAsDouble() : Double.NaN;
    }

    static Miner miner(JsonElement spec) {
        if (spec == null || spec.isJsonNull()) {
            return null;
        }
        JsonObject s = spec.getAsJsonObject();
        JsonObject kw = s.has("kwargs") ? s.getAsJsonObject("kwargs") : new JsonObject();
        switch (s.get("name").getAsString()) {
            case "BatchHardMiner": return Miners.batchHard();
            case "MultiSimilarityMiner": return Miners.multiSimilarity(kw.get("epsilon").getAsDouble());
            case "TripletMarginMiner":
                return Miners.tripletMargin(kw.get("margin").getAsDouble(), Miners.TripletType.valueOf(
                        kw.get("type_of_triplets").getAsString().toUpperCase(java.util.Locale.ROOT)));
            case "PairMarginMiner":
                return Miners.pairMargin(kw.get("pos_margin").getAsDouble(), kw.get("neg_margin").getAsDouble());
            default: throw new AssertionError("miner " + s);
        }
    }

    private static void set(JsonObject kw, String key, java.util.function.DoubleConsumer setter) {
        if (kw.has(key)) {
            setter.accept(kw.get(key).getAsDouble());
        }
    }

    static MetricLoss loss(JsonObject c) {
        JsonObject spec = c.getAsJsonObject("loss");
        JsonObject kw = spec.has("kwargs") ? spec.getAsJsonObject("kwargs") : new JsonObject();
        MetricLoss.Builder<?> b;
        switch (spec.get("name").getAsString()) {
            case "ContrastiveLoss": {
                ContrastiveLoss.Builder x = ContrastiveLoss.builder();
                set(kw, "pos_margin", x::posMargin);
                set(kw, "neg_margin", x::negMargin);
                b = x;
                break;
            }
            case "TripletMarginLoss": {
                TripletMarginLoss.Builder x = TripletMarginLoss.builder();
                set(kw, "margin", x::margin);
                if (kw.has("smooth_loss")) {
                    x.smoothLoss(kw.get("smooth_loss").getAsBoolean());
                }
                b = x;
                break;
            }
            case "MultiSimilarityLoss": {
                MultiSimilarityLoss.Builder x = MultiSimilarityLoss.builder();
                set(kw, "alpha", x::alpha);
                set(kw, "beta", x::beta);
                set(kw, "base", x::base);
                b = x;
                break;
            }
            case "NTXentLoss": {
                NTXentLoss.Builder x = NTXentLoss.builder();
                set(kw, "temperature", x::temperature);
                b = x;
                break;
            }
            case "SupConLoss": {
                SupConLoss.Builder x = SupConLoss.builder();
                set(kw, "temperature", x::temperature);
                b = x;
                break;
            }
            default: throw new AssertionError("loss " + spec);
        }
        Distance dist = distance(c.get("distance"));
        if (dist != null) {
            b.distance(dist);
        }
        Reducer red = reducer(c.get("reducer"));
        if (red != null) {
            b.reducer(red);
        }
        return b.build();
    }

    /** A reference-set case's inputs, and the tuples its miner (if any) mines against the reference set. */
    static final class RefCase {
        final double[] e;
        final double[] r;
        final int[] y;
        final int[] ry;
        final int d;
        final Miner miner;

        RefCase(JsonObject c) {
            e = matrix(c.get("embeddings"));
            r = matrix(c.get("ref_emb"));
            y = ReferenceJson.ints(c.get("labels"));
            ry = ReferenceJson.ints(c.get("ref_labels"));
            d = e.length / y.length;
            miner = miner(c.get("miner"));
        }

        Tuples mined() {
            if (miner == null) {
                return null;
            }
            Distance md = miner.distance();
            return miner.mine(md.matrix(e, y.length, r, ry.length, d), y, ry, md.isSimilarity());
        }
    }

    @Test
    void lossesAgainstASeparateReferenceSetMatchPml() throws Exception {
        int replayed = 0;
        int deviations = 0;
        for (JsonElement el : reference().getAsJsonArray("ref_cases")) {
            JsonObject c = el.getAsJsonObject();
            String id = c.get("id").getAsString();
            MetricLoss loss = loss(c);
            RefCase rc = new RefCase(c);
            LossResult res = loss.compute(rc.e, rc.y.length, rc.y, rc.r, rc.ry.length, rc.ry, rc.d, rc.mined());
            JsonObject x = c.getAsJsonObject("expected");
            assertClose(x.get("value").getAsDouble(), res.value(), id + " value");
            assertClose(matrix(x.get("grad")), res.gradientAsDouble(), id + " grad");
            assertClose(matrix(x.get("ref_grad")), res.gradient(MetricLoss.REF_EMBEDDINGS), id + " ref grad");
            if (c.has("deviation")) {
                assertNotEquals(c.getAsJsonObject("pml").get("value").getAsDouble(), res.value(),
                        id + ": PML's own output should differ here");
                deviations++;
            }
            replayed++;
        }
        assertEquals(23, replayed);
        assertEquals(1, deviations);
    }

    /** Element losses sorted by their indices, as "i,j[,k]=loss" strings, so miner order does not matter. */
    static List<String> keyed(double[] losses, int[][] indices) {
        List<String> out = new ArrayList<>();
        for (int e = 0; e < losses.length; e++) {
            StringBuilder k = new StringBuilder();
            for (int[] role : indices) {
                k.append(String.format(Locale.ROOT, "%04d,", role[e]));
            }
            out.add(k + "=" + e);
        }
        out.sort(null);
        return out;
    }

    @Test
    void elementLossesAgainstASeparateReferenceSetMatchPml() throws Exception {
        int replayed = 0;
        for (JsonElement el : reference().getAsJsonArray("ref_cases")) {
            JsonObject c = el.getAsJsonObject();
            JsonObject x = c.getAsJsonObject("expected");
            if (!x.has("elements")) {
                continue;
            }
            String id = c.get("id").getAsString();
            MetricLoss loss = loss(c);
            RefCase rc = new RefCase(c);
            List<MetricLoss.Elements> ours = loss.elements(rc.e, rc.y.length, rc.y, rc.r, rc.ry.length, rc.ry, rc.d,
                    rc.mined());
            JsonObject want = x.getAsJsonObject("elements");
            assertEquals(want.size(), ours.size(), id + " sub-losses");
            for (MetricLoss.Elements got : ours) {
                JsonObject w = want.getAsJsonObject(got.name());
                String what = id + " " + got.name();
                assertEquals(w.get("reduction_type").getAsString(), got.type().pmlName(), what + " type");
                double[] wl = matrix(w.get("losses"));
                if (w.get("indices").isJsonNull()) {
                    assertArrayEquals(wl, got.losses(), what + " already reduced");
                    continue;
                }
                int[][] wi = new int[w.getAsJsonArray("indices").size()][];
                for (int k = 0; k < wi.length; k++) {
                    wi[k] = ReferenceJson.ints(w.getAsJsonArray("indices").get(k));
                }
                assertEquals(wl.length, got.losses().length, what + " count");
                List<String> wk = keyed(wl, wi);
                List<String> gk = keyed(got.losses(), got.indices());
                for (int k = 0; k < wk.size(); k++) {
                    String[] a = wk.get(k).split("=");
                    String[] b = gk.get(k).split("=");
                    assertEquals(a[0], b[0], what + " indices");
                    assertClose(wl[Integer.parseInt(a[1])], got.losses()[Integer.parseInt(b[1])], what + " " + a[0]);
                }
            }
            replayed++;
        }
        assertEquals(20, replayed);
    }

    @Test
    void aLossWithItsOwnMinerMinesAgainstTheReferenceSet() throws Exception {
        // the loss's miner gives the same tuples as mining by hand, so the same PML value
        for (JsonElement el : reference().getAsJsonArray("ref_cases")) {
            JsonObject c = el.getAsJsonObject();
            Miner miner = miner(c.get("miner"));
            if (miner == null) {
                continue;
            }
            MetricLoss plain = loss(c);
            MetricLoss mined = rebuildWithMiner(plain, miner);
            RefCase rc = new RefCase(c);
            LossResult res = mined.compute(rc.e, rc.y.length, rc.y, rc.r, rc.ry.length, rc.ry, rc.d, null);
            assertClose(c.getAsJsonObject("expected").get("value").getAsDouble(), res.value(), c.get("id") + " value");
        }
    }

    private static MetricLoss rebuildWithMiner(MetricLoss l, Miner miner) {
        if (l instanceof ContrastiveLoss) {
            ContrastiveLoss x = (ContrastiveLoss) l;
            return ContrastiveLoss.builder().posMargin(x.posMargin()).negMargin(x.negMargin()).distance(x.distance())
                    .reducer(x.reducer()).miner(miner).build();
        }
        if (l instanceof TripletMarginLoss) {
            TripletMarginLoss x = (TripletMarginLoss) l;
            return TripletMarginLoss.builder().margin(x.margin()).smoothLoss(x.smoothLoss()).distance(x.distance())
                    .reducer(x.reducer()).miner(miner).build();
        }
        if (l instanceof MultiSimilarityLoss) {
            MultiSimilarityLoss x = (MultiSimilarityLoss) l;
            return MultiSimilarityLoss.builder().alpha(x.alpha()).beta(x.beta()).base(x.base()).distance(x.distance())
                    .reducer(x.reducer()).miner(miner).build();
        }
        if (l instanceof NTXentLoss) {
            NTXentLoss x = (NTXentLoss) l;
            return NTXentLoss.builder().temperature(x.temperature()).distance(x.distance()).reducer(x.reducer())
                    .miner(miner).build();
        }
        SupConLoss x = (SupConLoss) l;
        return SupConLoss.builder().temperature(x.temperature()).distance(x.distance()).reducer(x.reducer())
                .miner(miner).build();
    }

    @Test
    void crossBatchMemoryMatchesPmlOverSequencesOfBatches() throws Exception {
        int steps = 0;
        int deviations = 0;
        for (JsonElement el : reference().getAsJsonArray("xbm_cases")) {
            JsonObject c = el.getAsJsonObject();
            String id = c.get("id").getAsString();
            int d = c.get("embedding_size").getAsInt();
            CrossBatchMemory xbm = new CrossBatchMemory(loss(c), d, c.get("memory_size").getAsInt(),
                    miner(c.get("miner")));
            int k = 0;
            for (JsonElement se : c.getAsJsonArray("steps")) {
                JsonObject s = se.getAsJsonObject();
                String what = id + " step " + k++;
                if (s.get("reset_before").getAsBoolean()) {
                    xbm.resetQueue();
                }
                double[] e = matrix(s.get("embeddings"));
                int[] y = ReferenceJson.ints(s.get("labels"));
                boolean[] mask = null;
                if (!s.get("enqueue_mask").isJsonNull()) {
                    var arr = s.getAsJsonArray("enqueue_mask");
                    mask = new boolean[arr.size()];
                    for (int i = 0; i < mask.length; i++) {
                        mask[i] = arr.get(i).getAsBoolean();
                    }
                }
                LossResult res = xbm.compute(e, y.length, y, mask);
                JsonObject x = s.getAsJsonObject("expected");
                assertClose(x.get("value").getAsDouble(), res.value(), what + " value");
                assertClose(matrix(x.get("grad")), res.gradientAsDouble(), what + " grad");
                assertEquals(x.get("queue_idx").getAsInt(), xbm.queueIndex(), what + " queue index");
                assertArrayEquals(ReferenceJson.ints(x.get("memory_labels")), xbm.memoryLabels(), what + " memory");
                if (s.has("deviation")) {
                    double pml = s.getAsJsonObject("pml").get("value").getAsDouble();
                    assertNotEquals(pml, res.value(), what + ": PML's own output should differ here");
                    deviations++;
                }
                steps++;
            }
        }
        assertEquals(2, deviations);
        assertTrue(steps >= 50, "steps replayed: " + steps);
    }

    @Test
    void badInputFailsWithOneClearSentence() {
        MetricLoss loss = ContrastiveLoss.builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossBatchMemory(loss, 3, 0, null));
        assertTrue(e.getMessage().contains("memorySize is 0"), e.getMessage());
        CrossBatchMemory xbm = new CrossBatchMemory(loss, 3, 4, null);
        e = assertThrows(IllegalArgumentException.class,
                () -> xbm.compute(new double[10], 5, new int[5]));
        assertTrue(e.getMessage().contains("expected n x d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> xbm.compute(new double[15], 5, new int[5]));
        assertTrue(e.getMessage().contains("5 rows to enqueue"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> xbm.compute(new double[4], 2, new int[2]));
        assertTrue(e.getMessage().contains("expected n x d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> xbm.compute(new double[6], 2, new int[2], new boolean[3]));
        assertTrue(e.getMessage().contains("enqueueMask has 3 entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CrossBatchMemory(
                TripletMarginLoss.builder().swap(true).build(), 3, 4, null));
        assertThrows(IllegalArgumentException.class, () -> new CrossBatchMemory(
                ContrastiveLoss.builder().miner(Miners.batchHard()).build(), 3, 4, null));
        e = assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[6], 2, new int[2],
                new double[8], 2, new int[2], 3, null));
        assertTrue(e.getMessage().contains("reference embeddings have 8 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> loss.compute(new double[6], 2, new int[2],
                new double[6], 2, new int[3], 3, null));
        assertTrue(e.getMessage().contains("reference labels have 3 entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TripletMarginLoss.builder().swap(true).build()
                .compute(new double[] {1, 0, 0, 1}, 2, new int[] {0, 1}, new double[] {1, 0, 0, 1}, 2,
                        new int[] {0, 1}, 2, null));
    }

    @Test
    void resetEmptiesTheQueue() {
        CrossBatchMemory xbm = new CrossBatchMemory(MultiSimilarityLoss.builder().build(), 2, 3, null);
        xbm.compute(new double[] {1, 0, 0, 1}, 2, new int[] {0, 1});
        assertEquals(2, xbm.size());
        xbm.resetQueue();
        assertEquals(0, xbm.size());
        assertEquals(0, xbm.queueIndex());
        assertEquals(0, xbm.memoryEmbeddings().length);
    }
}
