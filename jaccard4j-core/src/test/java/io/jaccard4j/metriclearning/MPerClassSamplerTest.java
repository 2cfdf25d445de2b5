package io.jaccard4j.metriclearning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * MPerClassSampler against its definition (PML's structure): lengths, classes per batch, m per class, errors; and
 * against pytorch-metric-learning 2.9.0's own sampler ({@code reference/pml-2.9.0-xbm.json}, {@code sampler_cases},
 * from {@code tools/gen_pml_xbm.py}): its {@code len}, the number of indices one iteration yields, the per-class
 * counts of every batch, and its assertions. Which indices are drawn follows numpy's random stream and is not compared.
 */
class MPerClassSamplerTest {
    @Test
    void structureAndErrorsMatchPml() throws Exception {
        JsonObject ref = ReferenceJson.load("/reference/pml-2.9.0-xbm.json");
        int replayed = 0;
        for (JsonElement el : ref.getAsJsonArray("sampler_cases")) {
            JsonObject c = el.getAsJsonObject();
            int[] labels = ReferenceJson.ints(c.get("labels"));
            int m = c.get("m").getAsInt();
            Integer bs = c.get("batch_size").isJsonNull() ? null : c.get("batch_size").getAsInt();
            int length = c.get("length_before_new_iter").getAsInt();
            String what = "m " + m + ", batch " + bs + ", length " + length;
            JsonObject x = c.getAsJsonObject("expected");
            if (x.has("error")) {
                assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(labels, m, bs, length, 1),
                        what + ": PML asserts " + x.getAsJsonObject("error").get("message").getAsString());
                replayed++;
                continue;
            }
            MPerClassSampler s = new MPerClassSampler(labels, m, bs, length, 1);
            assertEquals(x.get("length").getAsInt(), s.length(), what + " length");
            int[] idx = s.epoch();
            assertEquals(x.get("iter_length").getAsInt(), idx.length, what + " indices per iteration");
            int chunk = bs != null ? bs : m * (int) Arrays.stream(labels).distinct().count();
            JsonArray batches = x.getAsJsonArray("batch_class_counts");
            assertEquals(batches.size(), (idx.length + chunk - 1) / chunk, what + " batches");
            for (int b = 0; b < batches.size(); b++) {
                Map<Integer, Integer> counts = new HashMap<>();
                for (int k = b * chunk; k < Math.min(idx.length, (b + 1) * chunk); k++) {
                    counts.merge(labels[idx[k]], 1, Integer::sum);
                }
                int[] got = counts.values().stream().mapToInt(Integer::intValue).sorted().toArray();
                assertArrayEquals(ReferenceJson.ints(batches.get(b)), got, what + " batch " + b);
            }
            replayed++;
        }
        assertEquals(10, replayed);
    }

    static final int[] LABELS = {0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 4, 5, 5, 5};

    @Test
    void everyBatchHoldsMOfEachOfItsClasses() {
        MPerClassSampler s = new MPerClassSampler(LABELS, 3, 12, 100, 7);
        assertEquals(96, s.length()); // 100 rounded down to a multiple of 12
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] idx = s.epoch();
            assertEquals(96, idx.length);
            for (int b = 0; b < idx.length; b += 12) {
                Map<Integer, Integer> perClass = new HashMap<>();
                for (int k = b; k < b + 12; k++) {
                    perClass.merge(LABELS[idx[k]], 1, Integer::sum);
                }
                assertEquals(4, perClass.size(), "batch " + b + ": " + perClass);
                perClass.values().forEach(v -> assertEquals(3, v));
                // a class with at least m samples contributes distinct samples (no replacement)
                for (int k = b; k < b + 12; k += 3) {
                    int label = LABELS[idx[k]];
                    long size = Arrays.stream(LABELS).filter(l -> l == label).count();
                    Set<Integer> distinct = new HashSet<>();
                    for (int j = k; j < k + 3; j++) {
                        distinct.add(idx[j]);
                    }
                    assertTrue(size < 3 || distinct.size() == 3, "class " + label + " drew " + distinct);
                }
            }
        }
    }

    @Test
    void withoutBatchSizeEveryPassCoversEveryClass() {
        MPerClassSampler s = new MPerClassSampler(LABELS, 2, null, 50, 1);
        assertEquals(48, s.length()); // multiple of m x classes = 12
        int[] idx = s.epoch();
        for (int pass = 0; pass < 48; pass += 12) {
            Set<Integer> classes = new HashSet<>();
            for (int k = pass; k < pass + 12; k++) {
                classes.add(LABELS[idx[k]]);
            }
            assertEquals(6, classes.size());
        }
        assertArrayEquals(new MPerClassSampler(LABELS, 2, null, 50, 1).epoch(), idx, "same seed, same epoch");
    }

    @Test
    void rejectsWhatPmlRejects() {
        assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(LABELS, 4, 6, 100, 0)); // 4 ∤ 6
        assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(LABELS, 2, 14, 100, 0)); // 12 < 14
        assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(LABELS, 2, 12, 10, 0)); // 10 < 12
        assertThrows(IllegalArgumentException.class, () -> new MPerClassSampler(LABELS, 0, null, 10, 0));
    }
}
