package io.jaccard4j.cli;

import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code jaccard4j score} (and the Spark job) prints: a scikit-learn style result as a per-label table or
 * one JSON object, or a per-image IoU summary; warnings go to stderr.
 */
public final class ScoreReport {
    private ScoreReport() {
    }

    /** What the command prints: a scikit-learn style result, or a per-image IoU summary. */
    public static final class Outcome {
        final ScoreResult result;
        final SegmentationIoU perImage;

        private Outcome(ScoreResult result, SegmentationIoU perImage) {
            this.result = result;
            this.perImage = perImage;
        }

        public static Outcome of(ScoreResult r) {
            return new Outcome(r, null);
        }

        public static Outcome perImage(SegmentationIoU s) {
            return new Outcome(null, s);
        }
    }

    /** Prints an outcome as text (a per-label table) or as one JSON object; returns the exit status 0. */
    public static int print(PrintWriter out, PrintWriter err, boolean json, Outcome o) {
        if (o.perImage != null) {
            SegmentationIoU s = o.perImage;
            double[] perClass = s.perImageClassIoU();
            List<Object> classes = new ArrayList<>();
            for (long k = 0; k < perClass.length; k++) {
                classes.add(k);
            }
            if (json) {
                out.println(new Json().put("metric", "jaccard").put("average", "per-image")
                        .put("score", s.perImageMeanIoU()).put("images", s.images()).put("labels", classes)
                        .put("per_label", perClass).put("mean_of_image_means", s.meanOfImageMeans())
                        .put("dataset_miou", s.datasetMeanIoU()));
            } else {
                out.println(String.format(Locale.ROOT, "%-12s %10s %10s", "label", "iou", "images"));
                long[] imgs = s.classImageCounts();
                for (int k = 0; k < perClass.length; k++) {
                    if (imgs[k] == 0) {
                        continue;
                    }
                    out.println(String.format(Locale.ROOT, "%-12s %10.6f %10d", k, perClass[k], imgs[k]));
                }
                out.println();
                out.println(String.format(Locale.ROOT, "per-image mean IoU   %.10f  (%d images)", s.perImageMeanIoU(),
                        s.images()));
                out.println(String.format(Locale.ROOT, "dataset mean IoU     %.10f", s.datasetMeanIoU()));
            }
            return 0;
        }
        ScoreResult r = o.result;
        for (String w : r.warnings()) {
            err.println("warning: " + w);
        }
        if (json) {
            Json j = new Json().put("metric", r.metric().id()).put("average", r.average().id());
            if (r.average() == Average.NONE) {
                j.put("score", r.perLabel()).put("labels", r.labels());
            } else {
                j.put("score", r.score());
                if (!r.labels().isEmpty()) {
                    j.put("labels", r.labels()).put("per_label", r.perLabel());
                }
            }
            j.put("support", r.labels().isEmpty() ? null : r.support());
            out.println(j);
        } else {
            double[] per = r.perLabel();
            double[] sup = r.support();
            if (per.length > 0) {
                out.println(String.format(Locale.ROOT, "%-16s %12s %12s", "label", r.metric().id(), "support"));
                for (int i = 0; i < per.length; i++) {
                    out.println(String.format(Locale.ROOT, "%-16s %12.6f %12s", r.labels().get(i), per[i],
                            ScoreCommand.formatCount(sup[i])));
                }
                out.println();
            }
            if (r.average() != Average.NONE) {
                out.println(String.format(Locale.ROOT, "%s (average=%s) = %s", r.metric().id(), r.average().id(),
                        Double.toString(r.score())));
            }
        }
        return 0;
    }

}
