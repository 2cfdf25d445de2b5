package io.jaccard4j.engine;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.MaskPair;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.LabelCounts;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.ScoreResult;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.uncertainty.BootstrapInterval;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --ci level} for the classic overlap scores ({@code --metric jaccard|f1|precision|recall|dice} with their
 * {@code --average}, {@code --zero-division}, {@code --labels}, {@code --ignore-index}) on mask inputs: two
 * directories of masks, or NPY stacks {@code (N, H, W, ...)} of N images.
 *
 * <p>Each image i keeps one additive O(C) state: per class c, tp<sub>i,c</sub>, predicted<sub>i,c</sub> and
 * true<sub>i,c</sub> (ignored truth pixels skipped), counted straight from the masks by
 * {@link MaskAccumulator}'s per-pair check and count (no C×C matrix; an image of a stack is read in place). The point estimate is
 * {@code Scorer.score(Σ_i state_i, labels 0..C−1)} with C = 1 + the largest class index over all images — the
 * same call the mask scoring of {@link ScoringEngine} makes on its dataset confusion matrix. A resample
 * {@code rows} (drawn by {@link BootstrapInterval}: a {@link java.util.SplittableRandom} seeded with
 * {@code --seed}, R = {@code --bootstrap} resamples of N image indices with replacement) is scored by the same
 * call on {@code Σ_{k} state_{rows[k]}}, so averages, zero division and label rules are identical; the interval
 * is {@link BootstrapInterval}'s percentile interval. The masks are read once; resamples only add states.
 *
 * <p>Plain label vectors and multilabel indicator matrices (classification) are resampled by sample, with a
 * Poisson bootstrap, in {@link SampleBootstrap}.
 */
public final class OverlapBootstrap {
    private final List<LabelCounts> images = new ArrayList<>();
    private int numClasses;

    private OverlapBootstrap() {
    }

    /** Scores two directories (or any stream) of mask pairs with a bootstrap interval over the pairs. */
    static ScoreOutcome masks(Iterable<MaskPair> pairs, ScoreRequest request) throws IOException {
        check(request, null);
        OverlapBootstrap b = new OverlapBootstrap();
        MaskAccumulator checks = MaskAccumulator.forRequest(request);
        for (MaskPair pair : pairs) {
            b.add(checks.counts(pair.name(), pair.truth(), pair.prediction()));
        }
        return b.outcome(request);
    }

    /** Scores NPY stacks {@code (N, H, W, ...)} of masks with a bootstrap interval over the N images. */
    static ScoreOutcome stack(InputArray t, InputArray p, InputArray w, ScoreRequest request) {
        check(request, t);
        if (w != null) {
            throw new IllegalArgumentException("--sample-weight does not apply with --ci on masks (images are "
                    + "resampled, not weighted)");
        }
        if (!Arrays.equals(t.shape(), p.shape())) {
            throw new IllegalArgumentException("shape mismatch: --y-true is " + t.describeShape()
                    + " but --y-pred is " + p.describeShape());
        }
        if (t.isFloating() || p.isFloating()) {
            throw new IllegalArgumentException((t.isFloating() ? t : p).where()
                    + " holds floating-point values; masks hold class indices");
        }
        int[] tv = t.array().toIntArray();
        int[] pv = p.array().toIntArray();
        int n = t.shape()[0];
        int per = n == 0 ? 0 : tv.length / n;
        OverlapBootstrap b = new OverlapBootstrap();
        MaskAccumulator checks = MaskAccumulator.forRequest(request);
        for (int i = 0; i < n; i++) {
            b.add(checks.counts("image " + i, tv, pv, i * per, (i + 1) * per));
        }
        return b.outcome(request);
    }

    private static void check(ScoreRequest request, InputArray t) {
        if (request.classificationMetric() != null) {
            throw new IllegalArgumentException("--ci with --metric " + request.classificationMetric().id()
                    + " applies to label vectors; on masks it takes --metric jaccard|f1|precision|recall|dice");
        }
        if (request.options().average() == Average.NONE) {
            throw new IllegalArgumentException("--ci needs one score; --average none gives one score a class");
        }
        if (t != null && (t.isStrings() || t.isImage() || t.ndim() < 3)) {
            throw new IllegalArgumentException("--ci with --metric " + request.options().metric().name()
                    .toLowerCase(java.util.Locale.ROOT) + " applies to mask inputs (two directories of masks, or NPY "
                    + "stacks (N, H, W)) and to the segmentation metrics; --y-true is "
                    + (t.isImage() ? "a single PNG image" : t.describeShape()));
        }
    }

    private void add(LabelCounts image) {
        images.add(image);
        numClasses = Math.max(numClasses, image.size());
    }

    /** The score of the images at {@code rows} (with repeats): their summed states, scored as the point is. */
    ScoreResult score(int[] rows, ScoreRequest request) {
        double[] tp = new double[numClasses];
        double[] pred = new double[numClasses];
        double[] sup = new double[numClasses];
        for (int r : rows) {
            LabelCounts c = images.get(r);
            for (int k = 0; k < c.size(); k++) {
                tp[k] += c.tp(k);
                pred[k] += c.predicted(k);
                sup[k] += c.support(k);
            }
        }
        return Scorer.score(LabelCounts.of(tp, pred, sup), LabelEncoder.range(numClasses), request.options());
    }

    /** The score of a resample; NaN (dropped by the bootstrap) when every drawn image's truth was ignored. */
    private double statistic(int[] rows, ScoreRequest request) {
        for (int r : rows) {
            LabelCounts c = images.get(r);
            for (int k = 0; k < c.size(); k++) {
                if (c.support(k) != 0) {
                    return score(rows, request).score();
                }
            }
        }
        return Double.NaN;
    }

    private ScoreOutcome outcome(ScoreRequest request) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no masks to score: the inputs hold no mask pairs");
        }
        int[] all = new int[images.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double kept = 0;
        for (LabelCounts c : images) {
            for (int k = 0; k < c.size(); k++) {
                kept += c.support(k);
            }
        }
        ScoringEngine.requireSamplesLeft(kept, request.ignoreIndex());
        ScoreResult point = score(all, request);
        SegmentationRequest seg = request.segmentation();
        BootstrapInterval ci = BootstrapInterval.of(images.size(), rows -> statistic(rows, request),
                seg.ciLevel(), seg.bootstrap(), seg.seed());
        return ScoreOutcome.of(point).with("images", images.size()).with("ci", ci.bounds())
                .with("ci_level", seg.ciLevel()).with("bootstrap", seg.bootstrap())
                .with("resamples_used", ci.resamplesUsed()).with("seed", seg.seed());
    }
}
