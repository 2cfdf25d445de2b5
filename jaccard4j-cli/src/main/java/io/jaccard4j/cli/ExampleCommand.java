package io.jaccard4j.cli;

import io.jaccard4j.examples.avgk.AverageKDemo;
import io.jaccard4j.examples.logreg.LogisticRegressionExample;
import io.jaccard4j.examples.papers.ExampleOutcome;
import io.jaccard4j.examples.papers.PaperExamples;
import io.jaccard4j.examples.pairwise.PairwiseExample;
import io.jaccard4j.examples.ranking.RankingExample;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jaccard4j example NAME}: parses the flags and runs one of jaccard4j-examples' teaching examples. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Run a teaching example.",
            "  logreg  logistic regression on imbalanced 2-D data trained with log-loss vs the Jaccard metric",
            "          loss by gradient descent; Jaccard at threshold 0.5 and at the best threshold.",
            "  avgk    average-K classification on ambiguous, overlapping and rare classes: softmax",
            "          thresholding vs the two-head loss at K = 2, 3, 5 (DJL, a small MLP).",
            "  pairwise  a linear embedding trained by gradient descent with a pairwise loss (--loss);",
            "          Recall@1 and MAP@R on held-out samples before and after.",
            "  ranking a linear multi-label scorer trained with a ranking loss (--loss ranknet, ranknet-top,",
            "          ranknet-dcg, bpmll, univariate, calibrated); label ranking loss and coverage before/after.",
            "  top-n-adaptive, calibrated-ranking, hashing, box-supervised, m3g  the paper examples (issue 21):",
            "          train on built-in data and print a before/after metric; --format json adds a last line",
            "          {\"example\", \"metric\", \"higher_is_better\", \"before\", \"after\"}."})
final class ExampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "logreg, avgk, pairwise or ranking")
    String name;

    @Option(names = "--quick", description = "avgk: a small, fast run")
    boolean quick;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "2000",
            description = "logreg: gradient-descent steps (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "pairwise: contrastive, triplet, multi-similarity, supcon, ntxent or recall-at-k (default "
                    + "triplet); ranking: ranknet, ranknet-top, ranknet-dcg, bpmll, univariate or calibrated (default "
                    + "ranknet)")
    String loss;

    @Option(names = "--steps", paramLabel = "N",
            description = "pairwise, ranking: gradient-descent steps (default: 150 for pairwise, 300 for ranking)")
    Integer steps;

    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "pairwise: learning rate (default: one per loss)")
    Double learningRate;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "paper examples: text, or json to end with a one-line JSON summary (default: text)")
    String format;

    /** The flags each example reads; any other given flag is refused rather than ignored. */
    private static java.util.Set<String> flagsOf(String name) {
        if (PaperExamples.NAMES.contains(name)) {
            return java.util.Set.of("--steps", "--format");
        }
        switch (name) {
            case "pairwise":
                return java.util.Set.of("--loss", "--steps", "--learning-rate");
            case "ranking":
                return java.util.Set.of("--loss", "--steps");
            case "avgk":
                return java.util.Set.of("--quick");
            case "logreg":
                return java.util.Set.of("--iterations");
            default:
                return java.util.Set.of();
        }
    }

    @Override
    public Integer call() {
        java.util.Set<String> takes = flagsOf(name);
        for (picocli.CommandLine.Model.OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String flag = o.longestName();
            if (!takes.isEmpty() && !takes.contains(flag)) {
                throw new IllegalArgumentException(flag + " does not apply to example " + name + " (it takes "
                        + String.join(", ", new java.util.TreeSet<>(takes)) + ")");
            }
        }
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1; got " + steps);
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json; got '" + format + "'");
        }
        if (PaperExamples.NAMES.contains(name)) {
            ExampleOutcome outcome = PaperExamples.run(name, spec.commandLine().getOut(), steps);
            if (format.equals("json")) {
                spec.commandLine().getOut().println(outcome.json());
            }
            return 0;
        }
        if (name.equals("pairwise")) {
            PairwiseExample.print(spec.commandLine().getOut(), loss == null ? "triplet" : loss,
                    steps == null ? 150 : steps, learningRate);
            return 0;
        }
        if (name.equals("ranking")) {
            RankingExample.print(spec.commandLine().getOut(), loss == null ? "ranknet" : loss,
                    steps == null ? 300 : steps);
            return 0;
        }
        if (name.equals("avgk")) {
            spec.commandLine().getOut().print(AverageKDemo.table(new AverageKDemo(quick, 11).run()));
            return 0;
        }
        if (!name.equals("logreg")) {
            throw new IllegalArgumentException("unknown example '" + name + "'; available: logreg, avgk, pairwise, "
                    + "ranking, " + String.join(", ", PaperExamples.NAMES));
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1; got " + iterations);
        }
        LogisticRegressionExample.print(spec.commandLine().getOut(), iterations);
        return 0;
    }
}
