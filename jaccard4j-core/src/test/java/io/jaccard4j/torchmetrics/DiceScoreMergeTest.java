package io.jaccard4j.torchmetrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Accumulators split over partitions and merged give the scores of one accumulator over all images. */
class DiceScoreMergeTest {
    @Test
    void mergedPartitionsEqualOneAccumulator() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int classes = 1 + rnd.nextInt(4);
            boolean bg = rnd.nextBoolean();
            int images = 1 + rnd.nextInt(6);
            int split = rnd.nextInt(images + 1);
            DiceScore all = DiceScore.of(classes, bg);
            DiceScore a = DiceScore.of(classes, bg);
            DiceScore b = DiceScore.of(classes, bg);
            SegmentationIoU iouAll = SegmentationIoU.of(classes);
            SegmentationIoU iouA = SegmentationIoU.of(classes);
            SegmentationIoU iouB = SegmentationIoU.of(classes);
            for (int i = 0; i < images; i++) {
                int[] t = new int[12];
                int[] p = new int[12];
                for (int k = 0; k < t.length; k++) {
                    t[k] = rnd.nextInt(classes);
                    p[k] = rnd.nextInt(classes);
                }
                all.update(t, p);
                iouAll.update(t, p);
                (i < split ? a : b).update(t, p);
                (i < split ? iouA : iouB).update(t, p);
            }
            a.merge(b);
            iouA.merge(iouB);
            for (Average avg : new Average[] {Average.MICRO, Average.MACRO, Average.WEIGHTED, Average.NONE}) {
                for (DiceScore.AggregationLevel level : DiceScore.AggregationLevel.values()) {
                    assertArrayEquals(all.compute(avg, level), a.compute(avg, level), 1e-12, avg + " " + level);
                }
            }
            assertArrayEquals(new double[] {iouAll.meanIoU(bg)}, new double[] {iouA.meanIoU(bg)}, 1e-12);
            assertArrayEquals(iouAll.meanIoUPerClass(bg), iouA.meanIoUPerClass(bg), 1e-12);
        }
    }
}
