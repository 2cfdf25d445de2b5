package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code jaccard4j example pairwise|ranking} through the command line: the command parses its flags, runs the
 * example of jaccard4j-examples and prints its table; a bad loss name exits with status 2. (The examples' own
 * learning tests live next to them in jaccard4j-examples.)
 */
class ExampleCommandTest {
    @Test
    void pairwisePrintsBeforeAndAfter() {
        CliRun run = CliRun.of("example", "pairwise", "--loss", "supcon", "--steps", "60");
        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.contains("Recall@1") && run.out.contains("MAP@R"), run.out);
        String[] before = line(run.out, "before");
        String[] after = line(run.out, "after");
        assertTrue(Double.parseDouble(after[2]) > Double.parseDouble(before[2]), run.out);
    }

    @Test
    void pairwiseUnknownLossExitsWithStatus2() {
        CliRun run = CliRun.of("example", "pairwise", "--loss", "hinge");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("unknown --loss 'hinge'"), run.err);
    }

    @Test
    void rankingPrintsBeforeAndAfter() {
        CliRun run = CliRun.of("example", "ranking", "--loss", "bpmll", "--steps", "50");
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("before") && run.out.contains("after"), run.out);
        CliRun bad = CliRun.of("example", "ranking", "--loss", "listnet");
        assertEquals(2, bad.exit, bad.toString());
    }

    @Test
    void aFlagTheExampleDoesNotTakeIsRefusedNotIgnored() {
        // each ran with exit 0 and the flag silently ignored: "logreg --format json" printed no JSON line,
        // "m3g --iterations 5" ran its own 8 steps, "box-supervised --loss triplet" trained its own loss
        String[][] cases = {{"logreg", "--format", "json"}, {"m3g", "--iterations", "5"},
            {"box-supervised", "--loss", "triplet"}, {"hashing", "--quick"}, {"ranking", "--learning-rate", "0.1"},
            {"avgk", "--steps", "3"}, {"logreg", "--loss", "triplet"}};
        for (String[] c : cases) {
            String[] args = new String[c.length + 1];
            args[0] = "example";
            System.arraycopy(c, 0, args, 1, c.length);
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exit, String.join(" ", c) + ": " + run);
            assertEquals(1, run.err.strip().lines().count(), run.err);
            assertTrue(run.err.contains(c[1]) && run.err.contains(c[0]), run.err);
        }
    }

    private static String[] line(String out, String head) {
        for (String l : out.split("\\R")) {
            if (l.startsWith(head + " ")) {
                return l.trim().split("\\s+");
            }
        }
        throw new AssertionError("no line " + head + " in " + out);
    }
}
