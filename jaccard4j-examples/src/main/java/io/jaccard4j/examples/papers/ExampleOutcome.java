package io.jaccard4j.examples.papers;

import java.util.Locale;

/**
 * The before/after figure of one paper example: the metric's name, whether higher is better, and its value before
 * and after training. {@link #json()} is the one-line summary {@code jaccard4j example NAME --format json} prints
 * last: {@code {"example": NAME, "metric": M, "higher_is_better": true|false, "before": x, "after": y}}.
 */
public record ExampleOutcome(String example, String metric, boolean higherIsBetter, double before, double after) {
    /** The one-line JSON summary (numbers with 17 significant digits, Locale.ROOT). */
    public String json() {
        return String.format(Locale.ROOT, "{\"example\": \"%s\", \"metric\": \"%s\", \"higher_is_better\": %s, "
                + "\"before\": %.17g, \"after\": %.17g}", example, metric, higherIsBetter, before, after);
    }
}
