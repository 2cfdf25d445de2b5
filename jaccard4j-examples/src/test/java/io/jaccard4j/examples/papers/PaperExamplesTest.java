package io.jaccard4j.examples.papers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Every paper example trains (its metric improves) and its JSON line has the agreed fields. */
class PaperExamplesTest {
    static ExampleOutcome run(String name, int steps) {
        StringWriter text = new StringWriter();
        ExampleOutcome o = PaperExamples.run(name, new PrintWriter(text, true), steps);
        assertTrue(text.toString().length() > 0, name);
        JsonObject json = JsonParser.parseString(o.json()).getAsJsonObject();
        assertEquals(name, json.get("example").getAsString());
        assertEquals(o.before(), json.get("before").getAsDouble());
        assertEquals(o.after(), json.get("after").getAsDouble());
        assertEquals(o.higherIsBetter(), json.get("higher_is_better").getAsBoolean());
        assertTrue(o.higherIsBetter() ? o.after() > o.before() : o.after() < o.before(), name + ": " + o);
        return o;
    }

    @Test
    void topNAdaptiveImprovesNdcg() {
        run("top-n-adaptive", 60);
    }

    @Test
    void calibratedRankingLowersLogLoss() {
        run("calibrated-ranking", 150);
    }

    @Test
    void hashingRaisesMap() {
        run("hashing", 60);
    }

    @Test
    void boxSupervisedRaisesMaskIou() {
        run("box-supervised", 40);
    }

    @Test
    void m3gRaisesCrossViewMatching() {
        run("m3g", 3); // each step solves a 48^4 coupling (streamed): a few seconds
    }

    @Test
    void unknownNamesAndStepsAreRejected() {
        PrintWriter out = new PrintWriter(new StringWriter());
        assertThrows(IllegalArgumentException.class, () -> PaperExamples.run("nope", out, null));
        assertThrows(IllegalArgumentException.class, () -> PaperExamples.run("top-n-adaptive", out, 0));
    }
}
