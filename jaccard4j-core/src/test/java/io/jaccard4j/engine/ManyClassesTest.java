package io.jaccard4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.InputArray;
import io.jaccard4j.metrics.ClassCounts;
import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.MulticlassConfusion;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Many classes in O(C) memory: scikit-learn 1.9.1's scores of 20,000 dense and 6,000 sparse (up to 2³¹−2) class
 * ids, replayed through the engine (tools/gen_many_classes_reference.py); and the O(C) state against the C×C
 * matrix it replaces.
 */
class ManyClassesTest {
    private static final Path DIR = Paths.get("src/test/resources/reference/many_classes");

    @Test
    void engineMatchesScikitLearnOnManyClasses() throws IOException {
        JsonObject doc;
        try (Reader r = Files.newBufferedReader(DIR.resolve("cases.json"))) {
            doc = JsonParser.parseReader(r).getAsJsonObject();
        }
        int checked = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String data = c.get("data").getAsString();
            InputArray t = InputArray.read(DIR.resolve(data + "_true.npy"), "--y-true");
            InputArray p = InputArray.read(DIR.resolve(data + "_pred.npy"), "--y-pred");
            ScoreRequest.Builder b = ScoreRequest.builder().metric(c.get("metric").getAsString())
                    .average(c.get("average").getAsString()).zeroDivision("0");
            if (!c.get("labels").isJsonNull()) {
                List<Object> labels = new ArrayList<>();
                for (JsonElement l : c.getAsJsonArray("labels")) {
                    labels.add(l.getAsLong());
                }
                b.labels(labels);
            }
            ScoreResult r = ScoringEngine.score(t, p, null, b.build()).result();
            if (c.get("result").isJsonArray()) {
                JsonArray want = c.getAsJsonArray("result");
                assertEquals(want.size(), r.perLabel().length, c.toString());
                for (int i = 0; i < want.size(); i++) {
                    assertEquals(want.get(i).getAsDouble(), r.perLabel()[i], 1e-12, c.toString());
                }
            } else {
                assertEquals(c.get("result").getAsDouble(), r.score(), 1e-12 * Math.abs(r.score()), c.toString());
            }
            checked++;
        }
        assertEquals(32, checked);
    }

    @Property(tries = 200)
    void classCountsEqualTheMatrixSums(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 6) Integer> t,
            @ForAll @Size(min = 60, max = 60) List<@IntRange(min = 0, max = 6) Integer> p,
            @ForAll boolean weighted) {
        int n = t.size();
        int[] ti = t.stream().mapToInt(Integer::intValue).toArray();
        int[] pi = p.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
        double[] w = null;
        if (weighted) {
            w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = (i % 3) * 0.5;
            }
        }
        LabelCounts a = (weighted ? ClassCounts.weighted(7) : ClassCounts.of(7)).update(ti, pi, w).labelCounts();
        LabelCounts b = (weighted ? MulticlassConfusion.weighted(7) : MulticlassConfusion.of(7)).update(ti, pi, w)
                .labelCounts();
        for (int k = 0; k < 7; k++) {
            assertEquals(b.tp(k), a.tp(k), 1e-12);
            assertEquals(b.predicted(k), a.predicted(k), 1e-12);
            assertEquals(b.support(k), a.support(k), 1e-12);
        }
    }

    @Property(tries = 100)
    void theClassWindowScoresAsTheGeneralPath(
            @ForAll @Size(min = 1, max = 80) List<@IntRange(min = -5, max = 40) Integer> t,
            @ForAll @Size(min = 80, max = 80) List<@IntRange(min = -5, max = 40) Integer> p) {
        int n = t.size();
        long[] tl = t.stream().mapToLong(Integer::longValue).toArray();
        long[] pl = p.subList(0, n).stream().mapToLong(Integer::longValue).toArray();
        String[] ts = new String[n];
        String[] ps = new String[n];
        for (int i = 0; i < n; i++) {
            // a strictly monotone spelling, so that string order is numeric order
            ts[i] = String.format("%03d", tl[i] + 5);
            ps[i] = String.format("%03d", pl[i] + 5);
        }
        for (String avg : new String[] {"micro", "macro", "weighted", "none"}) {
            ScoreRequest req = ScoreRequest.builder().average(avg).zeroDivision("0").build();
            ScoreResult window = ScoringEngine.score(io.jaccard4j.io.InputArray.of(
                    io.jaccard4j.io.NpyArray.of(tl, n), "--y-true"), io.jaccard4j.io.InputArray.of(
                    io.jaccard4j.io.NpyArray.of(pl, n), "--y-pred"), null, req).result();
            ScoreResult general = Scorer.score(LabelVector.of(ts), LabelVector.of(ps), null,
                    ScoreOptions.builder().average(io.jaccard4j.metrics.Average.parse(avg))
                            .zeroDivision(io.jaccard4j.metrics.ZeroDivision.ZERO).build());
            assertArrayEquals(general.perLabel(), window.perLabel(), 0.0, avg);
            assertEquals(general.score(), window.score(), 0.0, avg);
        }
    }

    @Property(tries = 100)
    void theInt32WindowWithAnIgnoreIndexScoresAsTheGeneralPath(
            @ForAll @Size(min = 1, max = 80) List<@IntRange(min = -3, max = 30) Integer> t,
            @ForAll @Size(min = 80, max = 80) List<@IntRange(min = -3, max = 30) Integer> p,
            @ForAll @IntRange(min = -3, max = 30) int ignore) {
        int n = t.size();
        int[] ti = t.stream().mapToInt(Integer::intValue).toArray();
        int[] pi = p.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
        long[] tl = t.stream().mapToLong(Integer::longValue).toArray();
        long[] pl = p.subList(0, n).stream().mapToLong(Integer::longValue).toArray();
        for (String avg : new String[] {"micro", "macro", "weighted", "none"}) {
            ScoreRequest req = ScoreRequest.builder().average(avg).zeroDivision("0").ignoreIndex((long) ignore)
                    .task("multiclass").build();
            ScoreResult ints;
            ScoreResult longs;
            try {
                ints = ScoringEngine.score(io.jaccard4j.io.InputArray.of(io.jaccard4j.io.NpyArray.of(ti, n), "--y-true"),
                        io.jaccard4j.io.InputArray.of(io.jaccard4j.io.NpyArray.of(pi, n), "--y-pred"), null, req).result();
            } catch (IllegalArgumentException e) {
                // every sample ignored: the general path must refuse it with the same message
                IllegalArgumentException general = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> ScoringEngine.score(
                        io.jaccard4j.io.InputArray.of(io.jaccard4j.io.NpyArray.of(tl, n), "--y-true"),
                        io.jaccard4j.io.InputArray.of(io.jaccard4j.io.NpyArray.of(pl, n), "--y-pred"), null, req));
                assertEquals(general.getMessage(), e.getMessage());
                continue;
            }
            longs = ScoringEngine.score(io.jaccard4j.io.InputArray.of(io.jaccard4j.io.NpyArray.of(tl, n), "--y-true"),
                    io.jaccard4j.io.InputArray.of(io.jaccard4j.io.NpyArray.of(pl, n), "--y-pred"), null, req).result();
            assertArrayEquals(longs.perLabel(), ints.perLabel(), 0.0, avg);
            assertEquals(longs.score(), ints.score(), 0.0, avg);
            assertEquals(longs.labels(), ints.labels(), avg);
        }
    }
}
