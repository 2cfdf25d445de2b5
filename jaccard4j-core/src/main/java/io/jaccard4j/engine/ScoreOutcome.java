package io.jaccard4j.engine;

import io.jaccard4j.io.Json;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.segmentation.SegmentationIoU;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;

/**
 * What scoring produced — a scikit-learn style {@link ScoreResult}, or per-image IoU counts
 * ({@link SegmentationIoU}) — and the one way every front end prints it: a per-label table or one JSON object on
 * {@code out}, scikit-learn's warnings as {@code warning: ...} lines on {@code err}. The local command and the
 * Spark job print through {@link #write}, so the same result gives the same bytes.
 */
public final class ScoreOutcome {
    private final ScoreResult result;
    private final SegmentationIoU perImage;
    private final String metric;
    private final double value;
    private final Map<String, Object> fields;
    private final List<String> warnings;
    private final String[] document;
    private double[] values;

    private ScoreOutcome(ScoreResult result, SegmentationIoU perImage) {
        this(result, perImage, null, Double.NaN, new LinkedHashMap<>(), List.of());
    }

    private ScoreOutcome(String text, String json, List<String> warnings) {
        this.result = null;
        this.perImage = null;
        this.metric = null;
        this.value = Double.NaN;
        this.fields = Map.of();
        this.warnings = warnings;
        this.document = new String[] {text, json};
    }

    private ScoreOutcome(ScoreResult result, SegmentationIoU perImage, String metric, double value,
            Map<String, Object> fields, List<String> warnings) {
        this.result = result;
        this.perImage = perImage;
        this.metric = metric;
        this.value = value;
        this.fields = fields;
        this.warnings = warnings;
        this.document = null;
    }

    /**
     * One named value, for metrics that are a single number with optional extra fields (accuracy, Hausdorff
     * distance, ...): JSON {@code {"metric": name, "score": value, <fields in order>}}; text
     * {@code name = value} followed by one {@code key: value} line a field. Add fields with {@link #with}.
     */
    public static ScoreOutcome value(String metric, double value) {
        return new ScoreOutcome(null, null, Objects.requireNonNull(metric, "metric"), value, new LinkedHashMap<>(),
                new ArrayList<>());
    }

    /**
     * One value a class (e.g. torchmetrics' {@code average="none"}): as {@link #value}, with JSON {@code "score"} the
     * list and text {@code name = [v0, v1, ...]}; {@link #score()} is NaN.
     */
    public static ScoreOutcome values(String metric, double[] scores) {
        ScoreOutcome o = value(metric, Double.NaN);
        o.values = scores.clone();
        return o;
    }

    /**
     * Adds a field to a {@link #value} outcome or a scikit-learn style result (a number, string, list,
     * {@code double[]} or {@code long[]}), printed after the score (e.g. {@code ci} of {@code --ci}); returns this.
     */
    public ScoreOutcome with(String key, Object fieldValue) {
        if (metric == null && result == null) {
            throw new IllegalStateException("fields are added to value outcomes and scikit-learn results only");
        }
        fields.put(key, fieldValue);
        return this;
    }

    /** A field added by {@link #with} (e.g. {@code reliability_accuracy} of {@code ece}), or null. */
    public Object field(String key) {
        return fields.get(key);
    }

    /** Adds a warning line (printed on stderr as {@code warning: ...}) to a {@link #value} outcome; returns this. */
    public ScoreOutcome warn(String warning) {
        if (metric == null) {
            throw new IllegalStateException("warnings are added to value outcomes only");
        }
        warnings.add(warning);
        return this;
    }

    /**
     * A document formatted by core (e.g. scikit-learn's {@code classification_report}): {@code text} is printed
     * as it is (it ends with a newline), {@code json} as one line; the warnings go to stderr.
     */
    public static ScoreOutcome document(String text, String json, List<String> warnings) {
        return new ScoreOutcome(Objects.requireNonNull(text, "text"), Objects.requireNonNull(json, "json"),
                new ArrayList<>(warnings));
    }

    /** A scikit-learn style result. */
    public static ScoreOutcome of(ScoreResult r) {
        return new ScoreOutcome(Objects.requireNonNull(r, "result"), null);
    }

    /** A per-image IoU summary. */
    public static ScoreOutcome perImage(SegmentationIoU s) {
        return new ScoreOutcome(null, Objects.requireNonNull(s, "perImage"));
    }

    /** The scikit-learn style result, or null for a per-image summary. */
    public ScoreResult result() {
        return result;
    }

    /** The per-image state, or null for a scikit-learn style result. */
    public SegmentationIoU perImageState() {
        return perImage;
    }

    /** The headline number: the averaged score, the per-image mean IoU, or the named value. */
    public double score() {
        return result != null ? result.score() : perImage != null ? perImage.perImageMeanIoU() : value;
    }

    /** Prints the outcome; returns the exit status 0. */
    public int write(PrintWriter out, PrintWriter err, OutputFormat format) {
        boolean json = format == OutputFormat.JSON;
        if (document != null) {
            for (String w : warnings) {
                err.println("warning: " + w);
            }
            if (json) {
                out.println(document[1]);
            } else {
                out.print(document[0]);
            }
            out.flush();
            return 0;
        }
        if (metric != null) {
            writeValue(out, err, json);
            return 0;
        }
        if (perImage != null) {
            writePerImage(out, json);
            return 0;
        }
        ScoreResult r = result;
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
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                j.put(e.getKey(), e.getValue());
            }
            out.println(j);
        } else {
            double[] per = r.perLabel();
            double[] sup = r.support();
            if (per.length > 0) {
                out.println(String.format(Locale.ROOT, "%-16s %12s %12s", "label", r.metric().id(), "support"));
                for (int i = 0; i < per.length; i++) {
                    out.println(String.format(Locale.ROOT, "%-16s %12.6f %12s", r.labels().get(i), per[i],
                            formatCount(sup[i])));
                }
                out.println();
            }
            if (r.average() != Average.NONE) {
                out.println(String.format(Locale.ROOT, "%s (average=%s) = %s", r.metric().id(), r.average().id(),
                        Double.toString(r.score())));
            }
            writeFields(out);
        }
        return 0;
    }

    private void writeValue(PrintWriter out, PrintWriter err, boolean json) {
        for (String w : warnings) {
            err.println("warning: " + w);
        }
        if (json) {
            Json j = new Json().put("metric", metric).put("score", values != null ? values : (Object) value);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                j.put(e.getKey(), e.getValue());
            }
            out.println(j);
            return;
        }
        out.println(metric + " = " + (values != null ? Arrays.toString(values) : Double.toString(value)));
        writeFields(out);
    }

    /** One {@code key: value} line a field. */
    private void writeFields(PrintWriter out) {
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof double[] ? Arrays.toString((double[]) v)
                    : v instanceof long[] ? Arrays.toString((long[]) v) : String.valueOf(v);
            out.println(e.getKey() + ": " + text);
        }
    }

    private void writePerImage(PrintWriter out, boolean json) {
        SegmentationIoU s = perImage;
        double[] perClass = s.perImageClassIoU();
        if (json) {
            List<Object> classes = new ArrayList<>();
            for (long k = 0; k < perClass.length; k++) {
                classes.add(k);
            }
            out.println(new Json().put("metric", "jaccard").put("average", "per-image")
                    .put("score", s.perImageMeanIoU()).put("images", s.images()).put("labels", classes)
                    .put("per_label", perClass).put("mean_of_image_means", s.meanOfImageMeans())
                    .put("dataset_miou", s.datasetMeanIoU()));
            return;
        }
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

    /** A count or summed weight as printed in tables: an integer when it is one, else four decimals. */
    public static String formatCount(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
