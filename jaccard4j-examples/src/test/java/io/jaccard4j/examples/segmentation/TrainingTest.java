package io.jaccard4j.examples.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jaccard4j.djl.OverlapLoss;
import io.jaccard4j.djl.train.SegmentationTrainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real learning: the U-Net overfits a tiny batch with the Jaccard metric loss; checkpoints restore it. */
class TrainingTest {

    @Test
    void syntheticScenesAreDeterministicAndImbalanced() {
        SyntheticScenes.Scene a = SyntheticScenes.generate(7, 32, 32);
        SyntheticScenes.Scene b = SyntheticScenes.generate(7, 32, 32);
        assertArrayEquals(a.image, b.image, 0f);
        assertArrayEquals(a.mask, b.mask);
        long[] counts = new long[SyntheticScenes.CLASSES];
        for (int s = 0; s < 200; s++) {
            for (int v : SyntheticScenes.generate(s, 32, 32).mask) {
                counts[v]++;
            }
        }
        assertTrue(counts[0] > counts[1] && counts[0] > counts[2], "background dominates");
        assertTrue(counts[3] > 0 && counts[3] < counts[1] / 2 && counts[3] < counts[2] / 2, "thin lines are rare");
    }

    @Test
    void overfitsATinyBatchWithJaccardMetricLoss(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList batch = SyntheticScenes.batch(m, 100, 4, 32, 32);
            try (SegmentationTrainer t = new SegmentationTrainer(new SmallUNet(SyntheticScenes.CLASSES, 8),
                    SyntheticScenes.CLASSES, OverlapLoss.jaccard().build(), 0.01, 42, new Shape(4, 3, 32, 32), Integer.MIN_VALUE)) {
                NDArray x = batch.get(0);
                NDArray y = batch.get(1);
                for (int i = 0; i < 150; i++) {
                    t.step(x, y);
                }
                double[] v = t.evaluate(List.of(batch));
                assertTrue(v[0] > 0.95, "training-set mIoU after overfitting: " + v[0]);
                float[] before = t.predict(x).toFloatArray();
                t.save(dir);
                try (SegmentationTrainer u = new SegmentationTrainer(new SmallUNet(SyntheticScenes.CLASSES, 8),
                        SyntheticScenes.CLASSES, OverlapLoss.jaccard().build(), 0.01, 1, new Shape(4, 3, 32, 32), Integer.MIN_VALUE)) {
                    u.load(dir);
                    assertArrayEquals(before, u.predict(x).toFloatArray(), 1e-5f);
                }
            }
        }
    }
}
