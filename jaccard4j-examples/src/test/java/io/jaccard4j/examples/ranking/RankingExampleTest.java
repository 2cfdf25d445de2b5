package io.jaccard4j.examples.ranking;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every ranking loss of the example improves the held-out label ranking loss and coverage of a random start. */
class RankingExampleTest {
    @Test
    void everyLossImprovesHeldOutRanking() {
        for (String loss : RankingExample.LOSSES) {
            RankingExample.Outcome o = RankingExample.run(loss, 150);
            assertTrue(o.rankingLossAfter() < 0.6 * o.rankingLossBefore(), o.toString());
            assertTrue(o.coverageAfter() < o.coverageBefore(), o.toString());
        }
    }
}
