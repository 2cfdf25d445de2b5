package io.jaccard4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.jaccard4j.djl.PixelCrossEntropyLoss;
import io.jaccard4j.loss.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints: {@link ResumableAdam} steps exactly as DJL's own Adam (the reference it replaces), and a run resumed
 * from an epoch's checkpoint ends bit-identical to the uninterrupted run (curve, best metric, predictions).
 */
class CheckpointResumeTest {
    private static final Shape IN = new Shape(4, 3, 8, 8);

    /** conv → batch norm (running statistics are parameters too) → conv. */
    private static Block network() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).build());
    }

    private static NDList[] data(NDManager m) {
        m.getEngine().setRandomSeed(5);
        NDList[] out = new NDList[3];
        for (int i = 0; i < 3; i++) {
            NDArray x = m.randomUniform(-0.5f, 0.5f, IN);
            NDArray y = x.get(":, 0, :, :").gt(x.get(":, 1, :, :")).toType(DataType.INT32, false);
            out[i] = new NDList(x, y);
        }
        return out;
    }

    @Test
    void resumableAdamStepsExactlyAsDjlAdam() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList[] d = data(m);
            float[] ours;
            try (SegmentationTrainer t = new SegmentationTrainer(network(), 2, PixelCrossEntropyLoss.create(), 0.05,
                    11, IN, Targets.NO_IGNORE)) {
                for (int i = 0; i < 6; i++) {
                    t.step(d[i % 3].get(0), d[i % 3].get(1));
                }
                ours = t.predict(d[0].get(0)).toFloatArray();
            }
            m.getEngine().setRandomSeed(11);
            try (Model model = Model.newInstance("reference")) {
                model.setBlock(network());
                try (Trainer ref = model.newTrainer(new DefaultTrainingConfig(PixelCrossEntropyLoss.create())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build()))) {
                    ref.initialize(IN);
                    for (int i = 0; i < 6; i++) {
                        try (GradientCollector gc = ref.newGradientCollector()) {
                            NDList preds = ref.forward(new NDList(d[i % 3].get(0)));
                            gc.backward(PixelCrossEntropyLoss.create().evaluate(new NDList(d[i % 3].get(1)), preds));
                        }
                        ref.step();
                    }
                    NDArray logits = model.getBlock().forward(new ai.djl.training.ParameterStore(m, false),
                            new NDList(d[0].get(0)), false).singletonOrThrow();
                    assertArrayEquals(logits.toFloatArray(), ours, "same weights after 6 Adam steps");
                }
            }
        }
    }

    @Test
    void aRunResumedFromACheckpointEndsBitIdenticalToTheUninterruptedRun(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList[] d = data(m);
            List<NDList> train = List.of(d[0], d[1]);
            List<NDList> val = List.of(d[2]);
            Path ckpt = dir.resolve("checkpoint.bin");
            List<SegmentationTrainer.Epoch> full;
            float[] fullLogits;
            try (SegmentationTrainer t = trainer()) {
                t.checkpointEachEpoch(ckpt, Map.of("loss", "ce"));
                full = List.copyOf(t.fit(train, val, 5, null));
                fullLogits = t.predict(d[2].get(0)).toFloatArray();
            }
            // stop after 2 epochs, then continue from that checkpoint in a fresh trainer
            Path early = dir.resolve("early.bin");
            try (SegmentationTrainer t = trainer()) {
                t.checkpointEachEpoch(early, Map.of("loss", "ce"));
                t.fit(train, val, 2, null);
            }
            assertEquals(Map.of("loss", "ce"), SegmentationTrainer.checkpointConfig(early));
            assertFalse(Files.exists(dir.resolve("early.bin.tmp")), "the temporary file was renamed");
            try (SegmentationTrainer t = trainer()) {
                assertEquals(Map.of("loss", "ce"), t.resume(early));
                assertEquals(2, t.curve().size());
                List<SegmentationTrainer.Epoch> resumed = t.fit(train, val, 5, null);
                assertEquals(5, resumed.size());
                for (int e = 0; e < 5; e++) {
                    assertEquals(full.get(e).trainLoss, resumed.get(e).trainLoss, 0.0, "train loss of epoch " + (e + 1));
                    assertEquals(full.get(e).valMeanIoU, resumed.get(e).valMeanIoU, 0.0, "val mIoU of epoch " + (e + 1));
                    assertEquals(full.get(e).valEce, resumed.get(e).valEce, 0.0, "val ECE of epoch " + (e + 1));
                }
                assertArrayEquals(fullLogits, t.predict(d[2].get(0)).toFloatArray());
                double best = full.stream().mapToDouble(e -> e.valMeanIoU).max().getAsDouble();
                assertEquals(best, t.bestMeanIoU(), 0.0);
            }
        }
    }

    @Test
    void rejectsATruncatedOrForeignCheckpointAndAnotherSeed(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList[] d = data(m);
            Path ckpt = dir.resolve("c.bin");
            try (SegmentationTrainer t = trainer()) {
                t.checkpointEachEpoch(ckpt, Map.of());
                t.fit(List.of(d[0]), List.of(d[2]), 1, null);
            }
            byte[] bytes = Files.readAllBytes(ckpt);
            Path cut = dir.resolve("cut.bin");
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            Path foreign = dir.resolve("foreign.bin");
            Files.writeString(foreign, "not a checkpoint at all");
            try (SegmentationTrainer t = trainer()) {
                assertTrue(assertThrows(java.io.IOException.class, () -> t.resume(cut)).getMessage().contains("truncated"));
                assertTrue(assertThrows(java.io.IOException.class, () -> t.resume(foreign)).getMessage()
                        .contains("not a jaccard4j training checkpoint"));
            }
            try (SegmentationTrainer t = new SegmentationTrainer(network(), 2, PixelCrossEntropyLoss.create(), 0.05, 8,
                    IN, Targets.NO_IGNORE)) {
                assertTrue(assertThrows(IllegalArgumentException.class, () -> t.resume(ckpt)).getMessage()
                        .contains("seed 3"));
            }
        }
    }

    @Test
    void rejectsANonPositiveOrNonFiniteLearningRate() {
        for (double lr : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new SegmentationTrainer(network(), 2,
                    PixelCrossEntropyLoss.create(), lr, 3, IN, Targets.NO_IGNORE), "lr " + lr);
        }
    }

    private static SegmentationTrainer trainer() {
        return new SegmentationTrainer(network(), 2, PixelCrossEntropyLoss.create(), 0.05, 3, IN, Targets.NO_IGNORE);
    }
}
