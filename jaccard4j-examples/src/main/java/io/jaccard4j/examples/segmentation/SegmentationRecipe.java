package io.jaccard4j.examples.segmentation;

import io.jaccard4j.djl.DjlLossFactory;
import io.jaccard4j.loss.Activation;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.djl.data.VocFolders;
import io.jaccard4j.djl.train.SegmentationTrainer;
import io.jaccard4j.examples.report.HtmlReport;
import io.jaccard4j.io.Json;
import io.jaccard4j.recipes.BoundaryLabelSmoothing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one training recipe behind {@code jaccard4j train} and {@code jaccard4j demo}: a {@link SmallUNet} with a
 * given number of base channels, trained by {@link SegmentationTrainer} (Adam at a fixed learning rate, the engine
 * seeded per run) for a number of epochs over batches of a fixed size taken in order (a trailing partial batch is
 * dropped), and evaluated on the held-out split after every epoch (dataset mIoU = mean over classes of
 * TP / (TP + FP + FN) summed over the split, per-image mIoU, 15-bin ECE). It also holds the losses by name
 * ({@link #loss}), boundary label smoothing of the training masks ({@link #boundarySmoothing}) and the
 * {@code results.json} / {@code report.html} of one training run ({@link #writeRun}).
 */
public final class SegmentationRecipe {
    /** The losses the demo and {@code train} compare, in the order the help text lists them. */
    public static final List<String> LOSSES = List.of("ce", "sjl", "jml", "dice", "ce+jml");
    /** The label of unlabelled pixels in VOC masks. */
    public static final int VOC_IGNORE = 255;

    private final int classes;
    private final int size;
    private final int batch;
    private final int epochs;
    private final double learningRate;
    private final int baseChannels;
    private final int ignoreIndex;
    private final PrintWriter log;

    /**
     * @param classes the number of classes C the network predicts
     * @param size the image side (images are size × size)
     * @param batch the batch size (capped at the number of training images)
     * @param learningRate Adam's fixed learning rate
     * @param ignoreIndex the label the evaluators skip ({@code Integer.MIN_VALUE} for none)
     * @param log where each run's progress and "trained" line go, or null
     */
    public SegmentationRecipe(int classes, int size, int batch, int epochs, double learningRate, int baseChannels,
            int ignoreIndex, PrintWriter log) {
        this.classes = classes;
        this.size = size;
        this.batch = batch;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.baseChannels = baseChannels;
        this.ignoreIndex = ignoreIndex;
        this.log = log;
    }

    /**
     * The DJL loss called {@code name} in core's loss registry (case ignored), through {@link DjlLossFactory}:
     * {@code ce} pixel cross-entropy, {@code sjl} the soft Jaccard loss, {@code jml} the Jaccard metric loss,
     * {@code dice} the Dice semimetric loss, {@code ce+jml} 0.25·CE + 0.75·JML, and every other loss the factory
     * maps. Hard labels pass their ignore index; soft labels pass {@code Targets.NO_IGNORE} (their unlabelled
     * pixels are dropped by a keep-mask instead).
     *
     * @throws IllegalArgumentException for a name the registry does not know, listing the known ones
     */
    public static Loss loss(String name, int ignoreIndex) {
        return DjlLossFactory.create(name.strip(), Map.of(), Activation.SOFTMAX, ignoreIndex);
    }

    /** C of VOC splits: one more than the largest class index of either split (255 not counted), at least 2. */
    public static int classes(VocFolders.Split[] splits) {
        return Math.max(2, Math.max(splits[0].classes(VOC_IGNORE), splits[1].classes(VOC_IGNORE)));
    }

    /** 1 where a pixel is labelled (its mask value is not {@code ignoreIndex}), else 0. */
    public static float[] labelledPixels(int[] masks, int ignoreIndex) {
        float[] out = new float[masks.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = masks[i] == ignoreIndex ? 0f : 1f;
        }
        return out;
    }

    /**
     * The soft labels of {@code n} size × size masks by boundary label smoothing (ε = 0.5, k = 3; n × C × S × S)
     * and their keep-mask ({@link #labelledPixels}; n × S × S), the label arrays a soft-label loss trains on.
     */
    public NDList boundarySmoothing(NDManager m, int[] masks, int n) {
        int p = size * size;
        float[] soft = new float[n * classes * p];
        BoundaryLabelSmoothing smoothing = BoundaryLabelSmoothing.defaults();
        for (int i = 0; i < n; i++) {
            int[] mask = java.util.Arrays.copyOfRange(masks, i * p, (i + 1) * p);
            System.arraycopy(smoothing.apply(mask, size, size, classes, ignoreIndex), 0, soft, i * classes * p,
                    classes * p);
        }
        return new NDList(m.create(soft, new Shape(n, classes, size, size)),
                m.create(java.util.Arrays.copyOf(labelledPixels(masks, ignoreIndex), n * p), new Shape(n, size, size)));
    }

    /**
     * Trains a fresh U-Net with {@code loss} on the images (N × 3 × S × S) and the loss's label arrays (each with N
     * rows), evaluating on {@code validation} (images, hard labels) after every epoch. The caller closes the
     * returned trainer; its {@link SegmentationTrainer#curve() curve} holds the epochs.
     */
    public SegmentationTrainer train(Loss loss, NDArray images, NDList labels, NDList validation, long seed) {
        return train(loss, images, labels, validation, seed, t -> { });
    }

    /**
     * {@link #train(Loss, NDArray, NDList, NDList, long)} with {@code setup} applied to the fresh trainer before it
     * fits (e.g. {@link SegmentationTrainer#checkpointEachEpoch} and {@link SegmentationTrainer#resume}).
     */
    public SegmentationTrainer train(Loss loss, NDArray images, NDList labels, NDList validation, long seed,
            java.util.function.Consumer<SegmentationTrainer> setup) {
        int n = (int) images.getShape().get(0);
        int b = Math.min(batch, n);
        SegmentationTrainer t = new SegmentationTrainer(new SmallUNet(classes, baseChannels), classes, loss,
                learningRate, seed, new Shape(b, 3, size, size), ignoreIndex);
        List<NDList> batches = new ArrayList<>();
        for (int s = 0; s + b <= n; s += b) {
            NDIndex idx = new NDIndex("{}:{}", s, s + b);
            NDList one = new NDList(images.get(idx));
            for (NDArray l : labels) {
                one.add(l.get(idx));
            }
            batches.add(one);
        }
        setup.accept(t);
        long start = System.nanoTime();
        t.fit(batches, List.of(validation), epochs, log);
        if (log != null) {
            log.printf(Locale.ROOT, "  trained %-8s %d epochs in %.1f s%n", loss.getName(), epochs,
                    (System.nanoTime() - start) / 1e9);
            log.flush();
        }
        return t;
    }

    /**
     * Writes one training run to {@code out}: {@code results.json} ({"epochs": [{epoch, train_loss, val_miou,
     * val_miou_image, val_ece}, ...], "loss", "classes"}) and {@code report.html} (the validation mIoU and
     * training-loss curves under {@code title} and {@code description}).
     */
    public static void writeRun(Path out, String title, String description, String lossName, int classes,
            List<SegmentationTrainer.Epoch> curve) throws IOException {
        List<Json> epochs = new ArrayList<>();
        double[] miou = new double[curve.size()];
        double[] lossCurve = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            SegmentationTrainer.Epoch e = curve.get(i);
            epochs.add(new Json().put("epoch", e.epoch).put("train_loss", e.trainLoss).put("val_miou", e.valMeanIoU)
                    .put("val_miou_image", e.valPerImageIoU).put("val_ece", e.valEce));
            miou[i] = e.valMeanIoU;
            lossCurve[i] = e.trainLoss;
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"),
                new Json().put("epochs", epochs).put("loss", lossName).put("classes", classes) + "\n");
        new HtmlReport(title).paragraph(description)
                .lineChart("validation mIoU", "mIoU", List.of("val mIoU"), List.of(miou))
                .lineChart("training loss", "loss", List.of("train loss"), List.of(lossCurve))
                .write(out.resolve("report.html"));
    }
}
