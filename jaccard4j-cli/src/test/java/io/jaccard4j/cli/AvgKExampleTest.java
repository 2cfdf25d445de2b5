package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AvgKExampleTest {
    @Test
    void quickAverageKComparisonRuns() {
        CliRun run = CliRun.of("example", "avgk", "--quick");
        assertEquals(0, run.exit, run.toString());
        String[] lines = run.out.trim().split("\n");
        assertEquals(4, lines.length, run.out);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            double meanSize = Double.parseDouble(f[5]);
            assertTrue(Math.abs(meanSize - Double.parseDouble(f[0])) < 0.5, "calibrated sets hold about K: " + lines[i]);
        }
    }
}
