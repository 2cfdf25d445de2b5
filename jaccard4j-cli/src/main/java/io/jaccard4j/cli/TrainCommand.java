package io.jaccard4j.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import io.jaccard4j.djl.data.VocFolders;
import io.jaccard4j.djl.train.SegmentationTrainer;
import io.jaccard4j.examples.segmentation.SegmentationRecipe;
import io.jaccard4j.loss.Targets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j train}: trains the small U-Net on a user's VOC-style folders with a chosen loss and recipe, by
 * the same {@link SegmentationRecipe} as {@code jaccard4j demo}; this class parses the flags and prints the curve.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a small U-Net on your own data (JPEGImages/ + SegmentationClass/ palette PNGs,",
            "255 = ignore; splits from ImageSets/Segmentation/{train,val}.txt or 80/20), evaluate on the",
            "validation split after each epoch, save the model and write results.json and report.html.",
            "A checkpoint (parameters, Adam state, epoch, best mIoU) is written to OUT/checkpoint.bin after every",
            "epoch (temporary file + atomic rename); --resume OUT continues an interrupted run from it."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "VOC-style data folder")
    Path data;

    @Option(names = "--loss", paramLabel = "L", defaultValue = "ce+jml",
            description = "ce, sjl, jml, dice or ce+jml (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--recipe", paramLabel = "R", defaultValue = "none",
            description = "none or bls (boundary label smoothing, eps 0.5, k 3) (default: ${DEFAULT-VALUE})")
    String recipe;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--size", paramLabel = "S", defaultValue = "64", description = "image side (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "5e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "train-out", description = "output (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run whose --out was DIR from its "
            + "last checkpoint (same data and flags; --epochs may grow); results go to DIR")
    Path resume;

    /** The checkpoint file of a run's output folder. */
    static final String CHECKPOINT_FILE = "checkpoint.bin";

    @Override
    public Integer call() throws IOException {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1; got " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1; got " + batch);
        }
        if (size < 4 || size % 4 != 0) {
            throw new IllegalArgumentException("--size must be a positive multiple of 4; got " + size);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0; got " + learningRate);
        }
        if (resume != null) {
            out = resume;
        }
        Path checkpoint = out.resolve(CHECKPOINT_FILE);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("--loss", loss.trim().toLowerCase(Locale.ROOT));
        config.put("--recipe", recipe.trim().toLowerCase(Locale.ROOT));
        config.put("--size", Integer.toString(size));
        config.put("--batch", Integer.toString(batch));
        config.put("--lr", Double.toString(learningRate));
        config.put("--seed", Long.toString(seed));
        if (resume != null) {
            if (!Files.isRegularFile(checkpoint)) {
                throw new NoSuchFileException(checkpoint + " (--resume needs the checkpoint a train run writes there)");
            }
            Map<String, String> saved = SegmentationTrainer.checkpointConfig(checkpoint);
            for (Map.Entry<String, String> e : config.entrySet()) {
                if (!e.getValue().equals(saved.get(e.getKey()))) {
                    throw new IllegalArgumentException("--resume: " + checkpoint + " was written with " + e.getKey()
                            + " " + saved.get(e.getKey()) + ", not " + e.getValue() + "; pass the interrupted run's flags");
                }
            }
        }
        boolean bls = switch (recipe.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> false;
            case "bls" -> true;
            default -> throw new IllegalArgumentException("--recipe must be none or bls; got '" + recipe + "'");
        };
        // soft labels drop their unlabelled pixels by a keep-mask, so their loss has no ignore index
        Loss l;
        try {
            l = SegmentationRecipe.loss(loss, bls ? Targets.NO_IGNORE : SegmentationRecipe.VOC_IGNORE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--loss: " + e.getMessage(), e);
        }
        VocFolders.Split[] splits = VocFolders.load(data, size);
        int classes = SegmentationRecipe.classes(splits);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        err.printf(Locale.ROOT, "jaccard4j train: %d training and %d validation images, %d classes, loss %s%s%n",
                splits[0].count(), splits[1].count(), classes, l.getName(), bls ? " with boundary label smoothing" : "");
        SegmentationRecipe r = new SegmentationRecipe(classes, size, batch, epochs, learningRate, 8,
                SegmentationRecipe.VOC_IGNORE, err);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList train = splits[0].toNDList(m);
            NDList labels = bls ? r.boundarySmoothing(m, splits[0].masks, splits[0].count()) : new NDList(train.get(1));
            boolean resuming = resume != null;
            try (SegmentationTrainer t = r.train(l, train.get(0), labels, splits[1].toNDList(m), seed, tr -> {
                tr.checkpointEachEpoch(checkpoint, config);
                if (resuming) {
                    try {
                        tr.resume(checkpoint);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    err.printf(Locale.ROOT, "jaccard4j train: resumed from %s after epoch %d%n", checkpoint,
                            tr.curve().size());
                }
            })) {
                List<SegmentationTrainer.Epoch> curve = t.curve();
                o.println(String.format(Locale.ROOT, "%6s %12s %10s %12s %8s", "epoch", "train loss", "val mIoU",
                        "val img mIoU", "val ECE"));
                for (SegmentationTrainer.Epoch e : curve) {
                    o.println(String.format(Locale.ROOT, "%6d %12.5f %10.4f %12.4f %8.4f", e.epoch, e.trainLoss,
                            e.valMeanIoU, e.valPerImageIoU, e.valEce));
                }
                SegmentationRecipe.writeRun(out, "jaccard4j train: " + l.getName(), "data " + data + ", "
                        + splits[0].count() + " training / " + splits[1].count() + " validation images at " + size
                        + "x" + size + ", " + classes + " classes", l.getName(), classes, curve);
                t.save(out.resolve("model"));
                o.println("saved the model to " + out.resolve("model") + "; wrote results.json and report.html");
            }
        }
        return 0;
    }
}
