package io.jaccard4j.metrics;

import java.util.Collections;
import java.util.List;

/**
 * One named score: the metric's id (e.g. {@code mcc}), its value and the warnings scikit-learn raises on the way
 * (its {@code UndefinedMetricWarning} and {@code UserWarning} texts). A front end prints it as
 * {@code {"metric": id, "score": value}}.
 */
public final class MetricScore {
    private final String metric;
    private final double score;
    private final List<String> warnings;

    MetricScore(String metric, double score, List<String> warnings) {
        this.metric = metric;
        this.score = score;
        this.warnings = Collections.unmodifiableList(warnings);
    }

    /** The metric's id, as on the command line. */
    public String metric() {
        return metric;
    }

    /** The value; may be NaN or ±infinity where scikit-learn returns them. */
    public double score() {
        return score;
    }

    /** Warnings raised while scoring, in order. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return metric + " = " + score;
    }
}
