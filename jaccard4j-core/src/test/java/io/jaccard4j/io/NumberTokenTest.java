package io.jaccard4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link DelimitedTable#parseNumber} accepts exactly what numpy's {@code np.loadtxt} reads, with numpy's values
 * (bad-inputs/number_tokens.json, written by tools/gen_bad_inputs.py), and reads back what {@code np.savetxt}
 * writes.
 */
class NumberTokenTest {
    @Test
    void acceptsAndRefusesTokensAsNumpyDoes() throws Exception {
        JsonObject m = io.jaccard4j.ReferenceJson.load("/bad-inputs/number_tokens.json");
        int accepted = 0;
        int refused = 0;
        for (JsonElement el : m.getAsJsonArray("tokens")) {
            JsonObject t = el.getAsJsonObject();
            String token = t.get("token").getAsString();
            if (t.get("value").isJsonNull()) {
                assertFalse(DelimitedTable.isNumber(token), "numpy refuses '" + token + "'");
                NumberFormatException e = assertThrows(NumberFormatException.class,
                        () -> DelimitedTable.parseNumber(token), token);
                assertTrue(e.getMessage().contains("'" + token + "'"), e.getMessage());
                refused++;
            } else {
                assertTrue(DelimitedTable.isNumber(token), "numpy reads '" + token + "'");
                assertEquals(BadInputCorpusTest.value(t.get("value")), DelimitedTable.parseNumber(token), 0.0, token);
                accepted++;
            }
        }
        assertTrue(accepted >= 30 && refused >= 30, accepted + " accepted, " + refused + " refused");
    }

    /** np.savetxt's default format, %.18e, carries 19 significant digits: every double reads back exactly. */
    @Property(tries = 500)
    void readsBackWhatSavetxtWrites(@ForAll double x) {
        String written = Double.isNaN(x) ? "nan" : Double.isInfinite(x) ? (x > 0 ? "inf" : "-inf")
                : String.format(Locale.ROOT, "%.18e", x);
        assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(DelimitedTable.parseNumber(written)),
                written);
    }
}
