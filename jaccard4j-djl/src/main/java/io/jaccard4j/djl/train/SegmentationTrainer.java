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
import io.jaccard4j.djl.ExpectedCalibrationError;
import io.jaccard4j.djl.MeanIoUEvaluator;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains any segmentation network (a DJL {@link Block} mapping N × 3 × H × W images to N × C × H × W logits) with
 * any DJL {@link Loss} by Adam at a fixed learning rate on in-memory batches, with seeds, a progress line on
 * stderr (only when stderr is a terminal or {@code JACCARD4J_PROGRESS=1}), checkpoints, held-out evaluation after
 * each epoch (dataset mIoU = mean over classes of TP / (TP + FP + FN) summed over the split, per-image mIoU and
 * 15-bin ECE, through the jaccard4j evaluators) and the training curve recorded per epoch.
 *
 * <p>Checkpoints ({@link #checkpointEachEpoch}, {@link #resume}): after every epoch one file holds the parameters,
 * the optimiser state ({@link ResumableAdam}'s moments m, v and step counts), the epoch, the seed, the best
 * validation mIoU so far with its epoch, the curve so far and the caller's configuration. It is written to a
 * temporary file, forced to disk and renamed over the previous one atomically, so a kill leaves either the old or
 * the new checkpoint, never a torn one. Randomness after initialisation is a pure function of (seed, epoch): the
 * engine is re-seeded with {@link #epochSeed} at the start of every epoch, and the batches are taken in the order
 * given, so a resumed run replays exactly what an uninterrupted one would do.
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
    /** The first bytes of a training checkpoint file (format version 1). */
    private static final byte[] MAGIC = "JACCARD4J-CKPT-1".getBytes(StandardCharsets.US_ASCII);

    private final Model model;
    private final Trainer trainer;
    private final int classes;
    private final int ignoreIndex;
    private final Loss loss;
    private final long seed;
    private final ResumableAdam adam;
    private final List<Epoch> curve = new ArrayList<>();
    private double bestMeanIoU = Double.NaN;
    private int bestEpoch;
    private Path checkpointFile;
    private Map<String, String> checkpointConfig = Map.of();

    /**
     * @param network the block to train; its parameters are initialised here, after the engine is seeded
     * @param classes the number of classes C of the logits (for the evaluators)
     * @param inputShape one batch's input shape N × 3 × H × W
     * @param ignoreIndex label skipped by the evaluators (or Integer.MIN_VALUE)
     */
    public SegmentationTrainer(Block network, int classes, Loss loss, double learningRate, long seed,
            Shape inputShape, int ignoreIndex) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be finite and > 0; got " + learningRate);
        }
        Engine.getInstance().setRandomSeed((int) seed);
        this.classes = classes;
        this.ignoreIndex = ignoreIndex;
        this.loss = loss;
        this.seed = seed;
        this.model = Model.newInstance(CHECKPOINT);
        model.setBlock(network);
        this.adam = new ResumableAdam((float) learningRate, model.getNDManager());
        this.trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(adam));
        trainer.initialize(inputShape);
    }

    /**
     * The engine seed of epoch e (1-based) of a run seeded with s: the low 31 bits of a SplitMix64 mix of s and e,
     * so every epoch's randomness is a pure function of (seed, epoch).
     */
    public static int epochSeed(long s, int e) {
        long z = s + 0x9E3779B97F4A7C15L * e;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 0x7FFFFFFF);
    }

    /** The model being trained. */
    public Model model() {
        return model;
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
            try {
                trainer.step();
            } catch (IllegalStateException e) {
                if (String.valueOf(e.getMessage()).startsWith("Gradient values are all zeros")) {
                    throw new IllegalArgumentException("the first training batch gives an all-zero gradient, which "
                            + "DJL refuses: are all its pixels ignored? Put images with labelled pixels first", e);
                }
                throw e;
            }
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
        for (int e = curve.size() + 1; e <= epochs; e++) {
            Engine.getInstance().setRandomSeed(epochSeed(seed, e));
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
            if (v[0] > bestMeanIoU || (Double.isNaN(bestMeanIoU) && !Double.isNaN(v[0]))) {
                bestMeanIoU = v[0];
                bestEpoch = e;
            }
            if (checkpointFile != null) {
                try {
                    writeCheckpoint(checkpointFile);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
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

    /** The highest validation mIoU so far (NaN before the first evaluated epoch). */
    public double bestMeanIoU() {
        return bestMeanIoU;
    }

    /** The epoch of {@link #bestMeanIoU} (0 before the first evaluated epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * Makes {@link #fit} write a checkpoint to {@code file} after every epoch, with {@code config} (the caller's
     * run configuration, e.g. flags, checked on resume) stored alongside.
     */
    public void checkpointEachEpoch(Path file, Map<String, String> config) {
        this.checkpointFile = file;
        this.checkpointConfig = new LinkedHashMap<>(config);
    }

    /**
     * Writes the checkpoint (see the class comment) to {@code file}: a temporary sibling is written, forced to disk
     * and renamed over {@code file} atomically.
     */
    public void writeCheckpoint(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream os = java.nio.channels.Channels.newOutputStream(ch);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
            out.write(MAGIC);
            writeMeta(out);
            NDList params = new NDList();
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getBlock().getParameters()) {
                NDArray a = p.getValue().getArray();
                a.setName(p.getKey());
                params.add(a);
            }
            byte[] encoded = params.encode();
            out.writeInt(encoded.length);
            out.write(encoded);
            byte[] state = adam.state(parameterNames(true)).encode();
            out.writeInt(state.length);
            out.write(state);
            out.flush();
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
        }
        // make the rename itself durable (a power cut, not only a kill); not every platform can sync a directory
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the rename is still atomic; only its durability across a power cut is not guaranteed here
        }
    }

    private void writeMeta(DataOutputStream out) throws IOException {
        out.writeLong(seed);
        out.writeInt(curve.size());
        for (Epoch e : curve) {
            out.writeInt(e.epoch);
            out.writeDouble(e.trainLoss);
            out.writeDouble(e.valMeanIoU);
            out.writeDouble(e.valPerImageIoU);
            out.writeDouble(e.valEce);
        }
        out.writeDouble(bestMeanIoU);
        out.writeInt(bestEpoch);
        Map<String, Integer> steps = adam.steps(parameterNames(true));
        out.writeInt(steps.size());
        for (Map.Entry<String, Integer> s : steps.entrySet()) {
            out.writeUTF(s.getKey());
            out.writeInt(s.getValue());
        }
        out.writeInt(checkpointConfig.size());
        for (Map.Entry<String, String> c : checkpointConfig.entrySet()) {
            out.writeUTF(c.getKey());
            out.writeUTF(c.getValue());
        }
    }

    /**
     * The block's parameter names (their paths in the block, stable across instances) by the parameters' unique
     * ids (which the optimiser sees, different in every instance), or the reverse.
     */
    private Map<String, String> parameterNames(boolean byId) {
        Map<String, String> out = new TreeMap<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getBlock().getParameters()) {
            String id = p.getValue().getId();
            out.put(byId ? id : p.getKey(), byId ? p.getKey() : id);
        }
        return out;
    }

    /** The configuration stored in a checkpoint written by {@link #writeCheckpoint} (read without a model). */
    public static Map<String, String> checkpointConfig(Path file) throws IOException {
        try (DataInputStream in = openCheckpoint(file)) {
            in.readLong();
            int n = in.readInt();
            in.skipNBytes(n * (4L + 4 * 8));
            in.readDouble();
            in.readInt();
            int s = in.readInt();
            for (int i = 0; i < s; i++) {
                in.readUTF();
                in.readInt();
            }
            return readConfig(in);
        }
    }

    private static Map<String, String> readConfig(DataInputStream in) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        int c = in.readInt();
        for (int i = 0; i < c; i++) {
            config.put(in.readUTF(), in.readUTF());
        }
        return config;
    }

    private static DataInputStream openCheckpoint(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw));
        byte[] magic = new byte[MAGIC.length];
        try {
            in.readFully(magic);
        } catch (java.io.EOFException e) {
            in.close();
            throw new IOException(file + " is not a jaccard4j training checkpoint (too short)", e);
        }
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            in.close();
            throw new IOException(file + " is not a jaccard4j training checkpoint (wrong header)");
        }
        return in;
    }

    /**
     * Restores parameters, optimiser state, curve, best metric and seed from a checkpoint written by
     * {@link #writeCheckpoint}, so that {@link #fit} continues with the next epoch. Returns the stored
     * configuration.
     *
     * @throws IOException if the file is not a checkpoint, is truncated, or holds another seed or network
     */
    public Map<String, String> resume(Path file) throws IOException {
        try (DataInputStream in = openCheckpoint(file)) {
            long s = in.readLong();
            if (s != seed) {
                throw new IllegalArgumentException("checkpoint " + file + " was written with seed " + s + ", not " + seed);
            }
            curve.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                curve.add(new Epoch(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
            }
            bestMeanIoU = in.readDouble();
            bestEpoch = in.readInt();
            Map<String, Integer> steps = new TreeMap<>();
            int k = in.readInt();
            for (int i = 0; i < k; i++) {
                steps.put(in.readUTF(), in.readInt());
            }
            Map<String, String> config = readConfig(in);
            byte[] params = new byte[in.readInt()];
            in.readFully(params);
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            try (NDManager tmp = manager().newSubManager()) {
                Map<String, NDArray> saved = new TreeMap<>();
                for (NDArray a : NDList.decode(tmp, params)) {
                    saved.put(a.getName(), a);
                }
                for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.getBlock().getParameters()) {
                    NDArray target = p.getValue().getArray();
                    NDArray value = saved.get(p.getKey());
                    if (value == null || !value.getShape().equals(target.getShape())) {
                        throw new IOException("checkpoint " + file + " does not fit this network: parameter "
                                + p.getKey() + (value == null ? " is missing" : " has shape " + value.getShape()
                                + ", expected " + target.getShape()));
                    }
                    target.set(value.toByteBuffer());
                }
                adam.restore(NDList.decode(tmp, state), steps, parameterNames(false));
            }
            return config;
        } catch (java.io.EOFException e) {
            throw new IOException("checkpoint " + file + " is truncated", e);
        }
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
