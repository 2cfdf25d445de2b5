package io.jaccard4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import io.jaccard4j.djl.PixelCrossEntropyLoss;
import io.jaccard4j.loss.Targets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer with a network it did not build (a 1×1 convolution): it fits, records one curve entry per epoch, and
 * a checkpoint restores the predictions exactly in a trainer seeded differently.
 */
class SegmentationTrainerTest {
    private static Block pixelClassifier(int classes) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(classes).build();
    }

    @Test
    void trainsAnyBlockAndItsCheckpointRestoresThePredictions(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            NDArray x = m.randomUniform(-0.5f, 0.5f, new Shape(4, 3, 8, 8));
            // the class of a pixel is which of its first two channels is larger: a 1x1 convolution can learn it
            NDArray y = x.get(":, 0, :, :").gt(x.get(":, 1, :, :")).toType(DataType.INT32, false);
            NDList batch = new NDList(x, y);
            try (SegmentationTrainer t = new SegmentationTrainer(pixelClassifier(2), 2, PixelCrossEntropyLoss.create(),
                    0.05, 42, new Shape(4, 3, 8, 8), Targets.NO_IGNORE)) {
                List<SegmentationTrainer.Epoch> curve = t.fit(List.of(batch), List.of(batch), 30, null);
                assertEquals(30, curve.size());
                assertTrue(curve.get(29).trainLoss < curve.get(0).trainLoss, "loss falls: " + curve.get(0).trainLoss
                        + " -> " + curve.get(29).trainLoss);
                float[] before = t.predict(x).toFloatArray();
                t.save(dir);
                try (SegmentationTrainer u = new SegmentationTrainer(pixelClassifier(2), 2,
                        PixelCrossEntropyLoss.create(), 0.05, 1, new Shape(4, 3, 8, 8), Targets.NO_IGNORE)) {
                    u.load(dir);
                    assertArrayEquals(before, u.predict(x).toFloatArray(), 1e-6f);
                }
            }
        }
    }
}
