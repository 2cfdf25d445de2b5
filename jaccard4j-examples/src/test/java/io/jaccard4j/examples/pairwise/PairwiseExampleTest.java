package io.jaccard4j.examples.pairwise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.examples.pairwise.PairwiseExample.Outcome;
import org.junit.jupiter.api.Test;

/** The pairwise example (behind {@code jaccard4j example pairwise}): every loss improves held-out retrieval of the linear embedding. */
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
}
