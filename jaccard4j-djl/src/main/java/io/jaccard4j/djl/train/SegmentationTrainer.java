package io.jaccard4j.djl.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.jaccard4j.djl.ExpectedCalibrationError;
import io.jaccard4j.djl.MeanIoUEvaluator;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains any segmentation network (a DJL {@link Block} mapping N × 3 × H × W images to N × C × H × W logits) with
 * any DJL {@link Loss} by Adam at a fixed learning rate on in-memory batches, with seeds, a progress line on
 * stderr (only when stderr is a terminal or {@code JACCARD4J_PROGRESS=1}), checkpoints, held-out evaluation after
 * each epoch (dataset mIoU = mean over classes of TP / (TP + FP + FN) summed over the split, per-image mIoU and
 * 15-bin ECE, through the jaccard4j evaluators) and the training curve recorded per epoch.
 */
public final class SegmentationTrainer implements AutoCloseable {
    /** One epoch of the training curve. */
    public static final class Epoch {
        public final int epoch;
        public final double trainLoss;
        public final double valMeanIoU;
        public final double valPerImageIoU;
        public final double valEce;

        Epoch(int epoch, double trainLoss, double valMeanIoU, double valPerImageIoU, double valEce) {
            this.epoch = epoch;
            this.trainLoss = trainLoss;
            this.valMeanIoU = valMeanIoU;
            this.valPerImageIoU = valPerImageIoU;
            this.valEce = valEce;
        }
    }

    /** The checkpoint's file prefix (the name it had when the trainer built only the U-Net, so old checkpoints load). */
    private static final String CHECKPOINT = "jaccard4j-unet";

    private final Model model;
    private final Trainer trainer;
    private final int classes;
    private final int ignoreIndex;
    private final Loss loss;
    private final List<Epoch> curve = new ArrayList<>();

    /**
     * @param network the block to train; its parameters are initialised here, after the engine is seeded
     * @param classes the number of classes C of the logits (for the evaluators)
     * @param inputShape one batch's input shape N × 3 × H × W
     * @param ignoreIndex label skipped by the evaluators (or Integer.MIN_VALUE)
     */
    public SegmentationTrainer(Block network, int classes, Loss loss, double learningRate, long seed,
            Shape inputShape, int ignoreIndex) {
        Engine.getInstance().setRandomSeed((int) seed);
        this.classes = classes;
        this.ignoreIndex = ignoreIndex;
        this.loss = loss;
        this.model = Model.newInstance(CHECKPOINT);
        model.setBlock(network);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build());
        this.trainer = model.newTrainer(config);
        trainer.initialize(inputShape);
    }

    /** The manager of the model's arrays. */
    public NDManager manager() {
        return trainer.getManager();
    }

    /** One optimisation step on a batch; returns its loss. */
    public double step(NDArray images, NDArray labels) {
        return step(images, new NDList(labels));
    }

    /**
     * One optimisation step on a batch whose loss takes several label arrays (soft labels, keep-masks). Every
     * intermediate array of the step lives in a sub-manager closed at its end, so memory stays flat over steps.
     */
    public double step(NDArray images, NDList labels) {
        try (NDManager sub = manager().newSubManager()) {
            NDList inputs = new NDList(images);
            inputs.tempAttach(sub);
            labels.tempAttach(sub);
            double value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList preds = trainer.forward(inputs);
                NDArray l = loss.evaluate(labels, preds);
                value = l.getFloat();
                gc.backward(l);
            }
            trainer.step();
            return value;
        }
    }

    /**
     * Logits of a batch in inference mode, read from the block's current parameters (a fresh parameter store, so
     * that parameters loaded from a checkpoint take effect). The result belongs to the images' manager; the
     * activations computed on the way are freed.
     */
    public NDArray predict(NDArray images) {
        NDManager owner = images.getManager();
        try (NDManager sub = owner.newSubManager()) {
            images.tempAttach(sub);
            ParameterStore store = new ParameterStore(sub, false);
            NDArray out = model.getBlock().forward(store, new NDList(images), false).singletonOrThrow();
            out.attach(owner);
            return out;
        }
    }

    /** Dataset / per-image IoU and ECE of the predictions on held-out batches (images, labels pairs). */
    public double[] evaluate(List<NDList> batches) {
        MeanIoUEvaluator miou = new MeanIoUEvaluator("mIoU", classes, ignoreIndex, MeanIoUEvaluator.Mode.DATASET);
        ExpectedCalibrationError ece = new ExpectedCalibrationError("ECE", 15, ignoreIndex);
        miou.addAccumulator("val");
        ece.addAccumulator("val");
        for (NDList b : batches) {
            try (NDManager sub = b.get(0).getManager().newSubManager()) {
                NDArray logits = predict(b.get(0));
                logits.attach(sub);
                NDList preds = new NDList(logits);
                NDList labels = new NDList(b.get(1));
                labels.tempAttach(sub);
                miou.updateAccumulator("val", labels, preds);
                ece.updateAccumulator("val", labels, preds);
            }
        }
        SegmentationIoU s = miou.state("val");
        return new double[] {s.datasetMeanIoU(), s.perImageMeanIoU(), ece.getAccumulator("val")};
    }

    /**
     * Trains for {@code epochs} over the training batches (images first, then the loss's label arrays),
     * evaluating on the validation batches (images, hard labels) after each epoch.
     */
    public List<Epoch> fit(List<NDList> train, List<NDList> validation, int epochs, PrintWriter progress) {
        boolean show = progress != null && (System.console() != null || "1".equals(System.getenv("JACCARD4J_PROGRESS")));
        for (int e = 1; e <= epochs; e++) {
            double sum = 0;
            int k = 0;
            for (NDList b : train) {
                sum += step(b.get(0), b.subNDList(1));
                k++;
                if (show) {
                    progress.print(String.format(Locale.ROOT, "\repoch %d/%d [%-20s] loss %.4f", e, epochs,
                            "#".repeat(20 * k / train.size()), sum / k));
                    progress.flush();
                }
            }
            double[] v = validation.isEmpty() ? new double[] {Double.NaN, Double.NaN, Double.NaN} : evaluate(validation);
            curve.add(new Epoch(e, sum / Math.max(k, 1), v[0], v[1], v[2]));
        }
        if (show) {
            progress.print("\r" + " ".repeat(60) + "\r");
            progress.flush();
        }
        return curve;
    }

    /** The recorded training curve. */
    public List<Epoch> curve() {
        return curve;
    }

    /** Saves the parameters to {@code dir} (a checkpoint). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        model.save(dir, CHECKPOINT);
    }

    /** Loads parameters saved by {@link #save}. */
    public void load(Path dir) throws IOException {
        try {
            model.load(dir, CHECKPOINT);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("cannot load checkpoint from " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
