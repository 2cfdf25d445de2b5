package io.jaccard4j.examples.papers;

import java.io.PrintWriter;
import java.util.List;

/** The issue-21 paper examples by name: each trains on built-in data and returns its before/after figure. */
public final class PaperExamples {
    /** The example names, in the order the docs list them. */
    public static final List<String> NAMES = List.of("top-n-adaptive", "calibrated-ranking", "hashing", "box-supervised", "m3g");

    private PaperExamples() {
    }

    /**
     * Runs the named example, printing its text report to {@code out}; {@code steps} overrides its default number
     * of training steps when not null.
     *
     * @throws IllegalArgumentException for an unknown name or steps &lt; 1
     */
    public static ExampleOutcome run(String name, PrintWriter out, Integer steps) {
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1; got " + steps);
        }
        return switch (name) {
            case "top-n-adaptive" -> TopNAdaptiveExample.print(out, steps == null ? 300 : steps);
            case "calibrated-ranking" -> CalibratedRankingExample.print(out, steps == null ? 600 : steps);
            case "hashing" -> HashingExample.print(out, steps == null ? 400 : steps);
            case "box-supervised" -> BoxSupervisedExample.print(out, steps == null ? 200 : steps);
            case "m3g" -> M3gExample.print(out, steps == null ? 8 : steps);
            default -> throw new IllegalArgumentException("unknown paper example '" + name + "'; available: "
                    + String.join(", ", NAMES));
        };
    }
}
