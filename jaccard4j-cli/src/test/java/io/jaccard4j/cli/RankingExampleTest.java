package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void commandPrintsBeforeAndAfter() {
        CliRun run = CliRun.of("example", "ranking", "--loss", "bpmll", "--steps", "50");
        assertEquals(0, run.exit, run.toString());
        assertTrue(run.out.contains("before") && run.out.contains("after"), run.out);
        CliRun bad = CliRun.of("example", "ranking", "--loss", "listnet");
        assertEquals(2, bad.exit, bad.toString());
    }
}
