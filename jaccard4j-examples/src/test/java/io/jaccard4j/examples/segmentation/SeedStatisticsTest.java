package io.jaccard4j.examples.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link SeedStatistics} against scipy's Student-t quantiles (tools/gen_t_quantiles.py) and the t-interval's definition. */
class SeedStatisticsTest {
    @Test
    void quantilesMatchScipy() throws Exception {
        JsonObject doc;
        try (InputStreamReader r = new InputStreamReader(getClass().getResourceAsStream("/reference/t_quantiles.json"),
                StandardCharsets.UTF_8)) {
            doc = JsonParser.parseReader(r).getAsJsonObject();
        }
        int n = 0;
        for (JsonElement e : doc.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            double expected = c.get("t").getAsDouble();
            int nu = c.get("nu").getAsInt();
            double got = SeedStatistics.tQuantile(c.get("q").getAsDouble(), nu);
            // scipy's ppf is itself an approximate inverse (its cdf at the ppf is off by up to 4e-10), so
            // quantiles agree to 1e-8 relative, and the distribution functions to 1e-12 (ln Γ of large ν/2 costs digits)
            assertEquals(expected, got, 1e-8 * expected, c.toString());
            assertEquals(c.get("cdf_at_t").getAsDouble(), SeedStatistics.tCdf(expected, nu), 1e-12, c.toString());
            n++;
        }
        assertEquals(102, n);
    }

    @Test
    void halfWidthIsTTimesStandardError() {
        double[] v = {0.81, 0.86, 0.84, 0.79, 0.88};
        double m = (0.81 + 0.86 + 0.84 + 0.79 + 0.88) / 5;
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double expected = SeedStatistics.tQuantile(0.975, 4) * Math.sqrt(ss / 4) / Math.sqrt(5);
        assertEquals(m, SeedStatistics.mean(v), 1e-15);
        assertEquals(expected, SeedStatistics.halfWidth95(v), 1e-15);
        assertTrue(Double.isNaN(SeedStatistics.halfWidth95(new double[] {0.5})));
    }
}
