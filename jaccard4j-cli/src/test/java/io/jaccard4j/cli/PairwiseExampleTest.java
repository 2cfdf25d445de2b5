package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.cli.PairwiseExample.Outcome;
import org.junit.jupiter.api.Test;

/** {@code jaccard4j example pairwise}: every loss improves held-out retrieval of the linear embedding. */
class PairwiseExampleTest {
    @Test
    void everyLossImprovesMapAtRAndNoneLosesRecallAt1() {
        for (String loss : PairwiseExample.LOSSES) {
            Outcome o = PairwiseExample.run(loss, 100, PairwiseExample.defaultLearningRate(loss), 7);
            assertTrue(o.lastLoss() < o.firstLoss(), loss + ": " + o);
            assertTrue(o.after().mapAtR() > o.before().mapAtR() + 0.05, loss + ": " + o);
            assertTrue(o.after().recallAt1() >= o.before().recallAt1(), loss + ": " + o);
        }
    }

    @Test
    void commandPrintsBeforeAndAfter() {
        CliRun run = CliRun.of("example", "pairwise", "--loss", "supcon", "--steps", "60");
        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.contains("Recall@1") && run.out.contains("MAP@R"), run.out);
        String[] before = line(run.out, "before");
        String[] after = line(run.out, "after");
        assertTrue(Double.parseDouble(after[2]) > Double.parseDouble(before[2]), run.out);
    }

    @Test
    void unknownLossExitsWithStatus2() {
        CliRun run = CliRun.of("example", "pairwise", "--loss", "hinge");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("unknown --loss 'hinge'"), run.err);
    }

    static String[] line(String out, String head) {
        for (String l : out.split("\\R")) {
            if (l.startsWith(head + " ")) {
                return l.trim().split("\\s+");
            }
        }
        throw new AssertionError("no line " + head + " in " + out);
    }
}
