package io.jaccard4j.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The percentile rule of {@link BootstrapInterval} against numpy 1.24's {@code np.quantile} (default 'linear') on
 * fixed statistic lists with NaNs, ties and 1 to 1001 values, bit for bit
 * ({@code tools/gen_bootstrap_percentile_reference.py}).
 */
class BootstrapIntervalNumpyTest {
    @Test
    void endsAreNumpysLinearQuantilesBitForBit() throws Exception {
        JsonObject ref;
        try (Reader r = new InputStreamReader(getClass().getResourceAsStream("/reference/bootstrap_percentiles.json"),
                StandardCharsets.UTF_8)) {
            ref = JsonParser.parseReader(r).getAsJsonObject();
        }
        int checked = 0;
        for (JsonElement e : ref.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            var json = c.getAsJsonArray("values");
            double[] values = new double[json.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = json.get(i).isJsonNull() ? Double.NaN : json.get(i).getAsDouble();
            }
            for (JsonElement end : c.getAsJsonArray("ends")) {
                JsonObject x = end.getAsJsonObject();
                double level = x.get("level").getAsDouble();
                BootstrapInterval ci = BootstrapInterval.ofStatistics(values.clone(), level);
                String what = c.get("name").getAsString() + " n=" + values.length + " level=" + level;
                assertEquals(x.get("lower").getAsDouble(), ci.lower(), 0.0, what);
                assertEquals(x.get("upper").getAsDouble(), ci.upper(), 0.0, what);
                checked++;
            }
        }
        assertEquals(693, checked);
    }
}
