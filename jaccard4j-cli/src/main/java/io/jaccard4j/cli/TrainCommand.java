package io.jaccard4j.cli;

import io.jaccard4j.io.Json;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.jaccard4j.djl.CombinedLoss;
import io.jaccard4j.djl.OverlapLoss;
import io.jaccard4j.djl.PixelCrossEntropyLoss;
import io.jaccard4j.djl.data.VocFolders;
import io.jaccard4j.djl.train.SegmentationTrainer;
import io.jaccard4j.recipes.BoundaryLabelSmoothing;
import io.jaccard4j.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaccard4j train}: trains the small U-Net on a user's VOC-style folders with a chosen loss and recipe. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a small U-Net on your own data (JPEGImages/ + SegmentationClass/ palette PNGs,",
            "255 = ignore; splits from ImageSets/Segmentation/{train,val}.txt or 80/20), evaluate on the",
            "validation split after each epoch, save the model and write results.json and report.html."})
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

    private static final int IGNORE = 255;

    @Override
    public Integer call() throws IOException {
        if (epochs < 1 || batch < 1 || size < 4 || size % 4 != 0) {
            throw new IllegalArgumentException("--epochs and --batch must be >= 1 and --size a positive multiple of 4");
        }
        boolean bls = switch (recipe.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> false;
            case "bls" -> true;
            default -> throw new IllegalArgumentException("--recipe must be none or bls; got '" + recipe + "'");
        };
        VocFolders.Split[] splits = VocFolders.load(data, size);
        int classes = Math.max(2, Math.max(splits[0].classes(IGNORE), splits[1].classes(IGNORE)));
        Loss l = loss(loss.trim().toLowerCase(Locale.ROOT), bls);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        err.printf(Locale.ROOT, "jaccard4j train: %d training and %d validation images, %d classes, loss %s%s%n",
                splits[0].count(), splits[1].count(), classes, l.getName(), bls ? " with boundary label smoothing" : "");
        Files.createDirectories(out);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList train = splits[0].toNDList(m);
            NDList val = splits[1].toNDList(m);
            int n = splits[0].count();
            int p = size * size;
            NDArray labels = train.get(1);
            NDArray keep = null;
            if (bls) {
                float[] soft = new float[n * classes * p];
                float[] kept = new float[n * p];
                BoundaryLabelSmoothing s = BoundaryLabelSmoothing.defaults();
                for (int i = 0; i < n; i++) {
                    int[] mask = java.util.Arrays.copyOfRange(splits[0].masks, i * p, (i + 1) * p);
                    System.arraycopy(s.apply(mask, size, size, classes, IGNORE), 0, soft, i * classes * p, classes * p);
                    for (int j = 0; j < p; j++) {
                        kept[i * p + j] = mask[j] == IGNORE ? 0f : 1f;
                    }
                }
                labels = m.create(soft, new Shape(n, classes, size, size));
                keep = m.create(kept, new Shape(n, size, size));
            }
            int b = Math.min(batch, n);
            List<NDList> batches = new ArrayList<>();
            for (int s = 0; s + b <= n; s += b) {
                NDIndex idx = new NDIndex("{}:{}", s, s + b);
                NDList bt = new NDList(train.get(0).get(idx), labels.get(idx));
                if (keep != null) {
                    bt.add(keep.get(idx));
                }
                batches.add(bt);
            }
            try (SegmentationTrainer t = new SegmentationTrainer(classes, 8, l, learningRate, seed,
                    new Shape(b, 3, size, size), IGNORE)) {
                List<SegmentationTrainer.Epoch> curve = t.fit(batches, List.of(val), epochs, err);
                o.println(String.format(Locale.ROOT, "%6s %12s %10s %12s %8s", "epoch", "train loss", "val mIoU",
                        "val img mIoU", "val ECE"));
                StringBuilder json = new StringBuilder("{\"epochs\": [");
                double[] miou = new double[curve.size()];
                double[] lossCurve = new double[curve.size()];
                for (int i = 0; i < curve.size(); i++) {
                    SegmentationTrainer.Epoch e = curve.get(i);
                    o.println(String.format(Locale.ROOT, "%6d %12.5f %10.4f %12.4f %8.4f", e.epoch, e.trainLoss,
                            e.valMeanIoU, e.valPerImageIoU, e.valEce));
                    json.append(i == 0 ? "" : ", ").append(new Json().put("epoch", e.epoch).put("train_loss", e.trainLoss)
                            .put("val_miou", e.valMeanIoU).put("val_miou_image", e.valPerImageIoU).put("val_ece", e.valEce));
                    miou[i] = e.valMeanIoU;
                    lossCurve[i] = e.trainLoss;
                }
                json.append("], \"loss\": \"").append(l.getName()).append("\", \"classes\": ").append(classes).append("}\n");
                Files.writeString(out.resolve("results.json"), json.toString());
                t.save(out.resolve("model"));
                HtmlReport r = new HtmlReport("jaccard4j train: " + l.getName());
                r.paragraph("data " + data + ", " + splits[0].count() + " training / " + splits[1].count()
                        + " validation images at " + size + "x" + size + ", " + classes + " classes")
                        .lineChart("validation mIoU", "mIoU", List.of("val mIoU"), List.of(miou))
                        .lineChart("training loss", "loss", List.of("train loss"), List.of(lossCurve));
                r.write(out.resolve("report.html"));
                o.println("saved the model to " + out.resolve("model") + "; wrote results.json and report.html");
            }
        }
        return 0;
    }

    private static Loss loss(String name, boolean soft) {
        int ig = soft ? io.jaccard4j.loss.Targets.NO_IGNORE : IGNORE;
        switch (name) {
            case "ce": return soft ? PixelCrossEntropyLoss.create() : PixelCrossEntropyLoss.ignoring(IGNORE);
            case "sjl": return OverlapLoss.softJaccard().ignoreIndex(ig).build();
            case "jml": return OverlapLoss.jaccard().ignoreIndex(ig).build();
            case "dice": return OverlapLoss.dice().ignoreIndex(ig).build();
            case "ce+jml":
                if (soft) {
                    return new CombinedLoss("CE+JML", new Loss[] {PixelCrossEntropyLoss.create(),
                        OverlapLoss.jaccard().build()}, new double[] {0.25, 0.75});
                }
                return CombinedLoss.crossEntropyPlusJaccard(IGNORE);
            default:
                throw new IllegalArgumentException("--loss must be ce, sjl, jml, dice or ce+jml; got '" + name + "'");
        }
    }
}
