import io.jaccard4j.calibration.ConfidenceBins;
import io.jaccard4j.examples.segmentation.AmbiguousScenes;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.util.Locale;

/**
 * Reference points of the ambiguous task (docs/evidence.md): the scores of the oracle that predicts the generator's
 * own posterior P(· | t) at every pixel (it knows each object's hue and exact outline, which no trained model
 * does), on the test split of each seed of {@code demo --task ambiguous} (64 scenes of 32×32, scene seeds
 * seed·100000 + 50000 + k): dataset mIoU of its arg max against the sampled test labels (core's
 * {@link SegmentationIoU}), and its 15-bin ECE (core's {@link ConfidenceBins}, as the demo scores models). Its ECE
 * differs from 0 only by the sampling of the test labels. Run from the repository root after building the jar:
 * {@code java -cp jaccard4j-cli/target/jaccard4j.jar docs/evidence/AmbiguousTaskOracle.java}
 */
public final class AmbiguousTaskOracle {
    public static void main(String[] args) {
        int size = 32;
        int images = 64;
        int c = AmbiguousScenes.CLASSES;
        int p = size * size;
        double sumMiou = 0;
        double sumEce = 0;
        int seeds = 10;
        System.out.println("seed    oracle mIoU  oracle ECE");
        for (int j = 0; j < seeds; j++) {
            long seed = 7 + 1000L * j;
            SegmentationIoU iou = SegmentationIoU.of(c);
            ConfidenceBins bins = ConfidenceBins.of(15);
            for (int k = 0; k < images; k++) {
                AmbiguousScenes.Scene s = AmbiguousScenes.generate(seed * 100_000 + 50_000 + k, size, size);
                int[] pred = new int[p];
                for (int i = 0; i < p; i++) {
                    int best = 0;
                    for (int q = 1; q < c; q++) {
                        if (s.posterior[q * p + i] > s.posterior[best * p + i]) {
                            best = q;
                        }
                    }
                    pred[i] = best;
                    bins.add(s.posterior[best * p + i], best == s.mask[i]);
                }
                iou.update(s.mask, pred);
            }
            System.out.printf(Locale.ROOT, "%-7d %11.4f %11.4f%n", seed, iou.datasetMeanIoU(), bins.ece());
            if (j < 5) {
                sumMiou += iou.datasetMeanIoU();
                sumEce += bins.ece();
            }
        }
        System.out.printf(Locale.ROOT, "mean of seeds 7..4007: mIoU %.4f, ECE %.4f%n", sumMiou / 5, sumEce / 5);
    }
}
