package io.jaccard4j.command;

import io.jaccard4j.engine.ScoreOutcome;
import io.jaccard4j.engine.ScoringEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j score}: parses the score flags, asks core's {@link ScoringEngine} for the score and prints the
 * {@link ScoreOutcome}. Every rule (target type, thresholds, arg-max, ignore index, validation and its messages)
 * lives in the engine. The {@code jaccard4j} command registers it as its {@code score} subcommand; the Spark
 * job extends its flags.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score predictions against the truth with scikit-learn's semantics (jaccard_score, f1_score,",
            "precision_score, recall_score, accuracy_score, balanced_accuracy_score, hamming_loss, zero_one_loss,",
            "matthews_corrcoef, cohen_kappa_score, top_k_accuracy_score, classification_report), or score",
            "segmentation masks.",
            "",
            "Inputs: CSV/TXT (one sample a line: a label, or a comma-separated 0/1 row for multilabel), NPY",
            "(1-D labels, 2-D indicator matrix or scores, N-D masks), PNG index masks, or two directories of",
            "PNG/NPY masks matched by file name (streamed one pair at a time).",
            "Segmentation metrics (boundary, distance, overlap, calibration, fine-grained, --ci) also read",
            "(N, D, H, W) volumes and NIfTI-1 files; see docs/segmentation-metrics.md."})
public class ScoreCommand extends ScoreFlags implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    protected boolean segmentationMetricsSupported() {
        return true;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScoreOutcome outcome = ScoringEngine.score(yTrue, yPred, sampleWeight, request(), new Progress(err));
        return outcome.write(out, err, outputFormat());
    }
}
