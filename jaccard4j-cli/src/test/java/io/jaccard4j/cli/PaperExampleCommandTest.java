package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** {@code jaccard4j example NAME --format json} for the paper examples: the last line is the agreed JSON object. */
class PaperExampleCommandTest {
    @Test
    void jsonFormatEndsWithTheSummaryLine() {
        CliRun run = CliRun.of("example", "top-n-adaptive", "--steps", "40", "--format", "json");
        assertEquals(0, run.exit, run.toString());
        String[] lines = run.out.trim().split("\\R");
        JsonObject json = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        assertEquals("top-n-adaptive", json.get("example").getAsString());
        assertTrue(json.get("higher_is_better").getAsBoolean());
        assertTrue(json.get("after").getAsDouble() > json.get("before").getAsDouble(), run.out);
        assertTrue(json.has("metric"), run.out);
    }

    @Test
    void textFormatHasNoJsonAndABadFormatExitsWithStatus2() {
        CliRun run = CliRun.of("example", "calibrated-ranking", "--steps", "20");
        assertEquals(0, run.exit, run.toString());
        assertTrue(!run.out.contains("{\"example\""), run.out);
        CliRun bad = CliRun.of("example", "hashing", "--format", "yaml");
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("--format"), bad.err);
    }
}
