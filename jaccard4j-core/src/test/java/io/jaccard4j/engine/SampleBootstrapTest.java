package io.jaccard4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.metrics.ClassificationMetric;
import io.jaccard4j.metrics.ClassificationScores;
import io.jaccard4j.metrics.IndicatorMatrix;
import io.jaccard4j.metrics.LabelVector;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.Scorer;
import io.jaccard4j.metrics.Target;
import io.jaccard4j.uncertainty.PoissonWeights;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code --ci} on label vectors and indicator matrices ({@link SampleBootstrap}), checked against a brute-force
 * Poisson bootstrap written here from the definition: the ignored samples dropped and scores thresholded by hand,
 * then for each resample r the whole vectors scored by scikit-learn's ordinary weighted path
 * ({@link Scorer#score(Target, Target, double[], ScoreOptions)}) with sample weights k<sub>r,i</sub>·w<sub>i</sub>
 * (k from {@link PoissonWeights}), resamples whose weights are all zero (which that path rejects) or whose score is
 * NaN dropped, and the linear-interpolation percentile taken here. Intervals must match bit for bit.
 */
class SampleBootstrapTest {
    private static final double LEVEL = 0.9;

    private static ScoreRequest request(long seed, int resamples, Consumer<ScoreRequest.Builder> options) {
        ScoreRequest.Builder b = ScoreRequest.builder();
        options.accept(b);
        return b.segmentation(SegmentationRequest.builder().ci(LEVEL).bootstrap(resamples).seed(seed).build()).build();
    }

    private static ScoreRequest plain(Consumer<ScoreRequest.Builder> options) {
        ScoreRequest.Builder b = ScoreRequest.builder();
        options.accept(b);
        return b.build();
    }

    /** A score of a whole target with sample weights: the plain path the brute force calls for each resample. */
    private interface WeightedScore {
        double score(double[] sampleWeight);
    }

    /** The interval from scratch: each resample is the whole target with weights k·w, scored by the plain path. */
    private static double[] bruteForce(Target t, Target p, double[] w, ScoreOptions o, long seed, int resamples) {
        return bruteForce(t.size(), w, v -> Scorer.score(t, p, v, o).score(), seed, resamples);
    }

    private static double[] bruteForce(int n, double[] w, WeightedScore score, long seed, int resamples) {
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < resamples; r++) {
            double[] v = new double[n];
            boolean any = false;
            for (int i = 0; i < v.length; i++) {
                int k = PoissonWeights.weight(seed, r, i);
                v[i] = w == null ? k : k * w[i];
                any |= v[i] != 0;
            }
            // scikit-learn rejects weights that are all zero ("Sample weights must contain at least one non-zero
            // number."): such a resample is undefined, as is a NaN score
            double s = any ? score.score(v) : Double.NaN;
            if (!Double.isNaN(s)) {
                values.add(s);
            }
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {NumpyPercentile.of(a, (1 - LEVEL) / 2), NumpyPercentile.of(a, (1 + LEVEL) / 2)};
    }

    private static double[] ci(ScoreOutcome o) {
        return (double[]) o.field("ci");
    }

    private static long[] labels(SplittableRandom r, int n, int classes) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(classes);
        }
        return v;
    }

    private static long[] noisy(SplittableRandom r, long[] t, int classes, int percentWrong) {
        long[] p = t.clone();
        for (int i = 0; i < p.length; i++) {
            if (r.nextInt(100) < percentWrong) {
                p[i] = r.nextInt(classes);
            }
        }
        return p;
    }

    private static double[] weights(SplittableRandom r, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(6) == 0 ? 0 : 0.1 + 2 * r.nextDouble();
        }
        return w;
    }

    private static InputArray in(long[] v, String role) {
        return InputArray.of(NpyArray.of(v, v.length), role);
    }

    @Test
    void multiclassMatchesTheBruteForceForEveryAverageAndOption() {
        SplittableRandom rnd = new SplittableRandom(1);
        long[] t = labels(rnd, 60, 5);
        long[] p = noisy(rnd, t, 6, 40);
        double[] w = weights(rnd, 60);
        List<Consumer<ScoreRequest.Builder>> cases = new ArrayList<>();
        for (String metric : List.of("jaccard", "f1", "precision", "recall", "dice")) {
            for (String average : List.of("micro", "macro", "weighted")) {
                cases.add(b -> b.metric(metric).average(average));
            }
        }
        cases.add(b -> b.metric("jaccard").average("macro").labelTexts(List.of("3", "1", "7")).zeroDivision("1"));
        cases.add(b -> b.metric("f1").average("macro").zeroDivision("nan").labelTexts(List.of("5", "2")));
        cases.add(b -> b.metric("recall").average("weighted").zeroDivision("0"));
        for (Consumer<ScoreRequest.Builder> c : cases) {
            for (double[] weight : Arrays.asList(null, w)) {
                ScoreRequest req = request(7, 300, c);
                ScoreOutcome o = ScoringEngine.score(in(t, "--y-true"), in(p, "--y-pred"),
                        weight == null ? null : InputArray.of(NpyArray.of(weight, 60), "--sample-weight"), req);
                double[] want = bruteForce(LabelVector.of(t), LabelVector.of(p), weight, plain(c).options(), 7, 300);
                assertArrayEquals(want, ci(o), req.options() + " weighted=" + (weight != null));
                assertEquals(Scorer.score(LabelVector.of(t), LabelVector.of(p), weight, plain(c).options()).score(),
                        o.score(), "the point estimate is the plain score");
            }
        }
    }

    /** The brute force for the rest of the family: the plain weighted path of {@link ClassificationScores}. */
    private static double[] bruteForceFamily(ClassificationMetric m, Target t, Target p, double[] w, ScoreOptions o,
            long seed, int resamples) {
        return bruteForce(t.size(), w, v -> ClassificationScores.score(m, t, p, v, o).score(), seed, resamples);
    }

    @Test
    void theRestOfTheFamilyMatchesTheBruteForce() {
        SplittableRandom rnd = new SplittableRandom(12);
        long[] t = labels(rnd, 70, 4);
        long[] p = noisy(rnd, t, 4, 35);
        double[] w = weights(rnd, 70);
        List<Consumer<ScoreRequest.Builder>> cases = List.of(b -> b.metric("accuracy"),
                b -> b.metric("accuracy").normalize("false"), b -> b.metric("balanced-accuracy").adjusted(true),
                b -> b.metric("hamming-loss"), b -> b.metric("zero-one-loss"), b -> b.metric("mcc"),
                b -> b.metric("cohen-kappa").kappaWeights("quadratic"));
        for (Consumer<ScoreRequest.Builder> c : cases) {
            for (double[] weight : Arrays.asList(null, w)) {
                ScoreRequest req = request(4, 200, c);
                ScoreOutcome o = ScoringEngine.score(in(t, "--y-true"), in(p, "--y-pred"),
                        weight == null ? null : InputArray.of(NpyArray.of(weight, 70), "--sample-weight"), req);
                ClassificationMetric m = req.classificationMetric();
                assertArrayEquals(bruteForceFamily(m, LabelVector.of(t), LabelVector.of(p), weight,
                        plain(c).options(), 4, 200), ci(o), m.id() + " weighted=" + (weight != null));
                assertEquals(ClassificationScores.score(m, LabelVector.of(t), LabelVector.of(p), weight,
                        plain(c).options()).score(), o.score(), m.id());
            }
        }
        // multilabel: subset accuracy and the Hamming loss of indicator matrices
        int n = 30;
        long[] tl = new long[n * 3];
        long[] pl = new long[n * 3];
        byte[] tb = new byte[n * 3];
        byte[] pb = new byte[n * 3];
        for (int i = 0; i < tl.length; i++) {
            tb[i] = (byte) rnd.nextInt(2);
            pb[i] = (byte) (rnd.nextInt(5) == 0 ? 1 - tb[i] : tb[i]);
            tl[i] = tb[i];
            pl[i] = pb[i];
        }
        for (String metric : List.of("accuracy", "hamming-loss")) {
            Consumer<ScoreRequest.Builder> c = b -> b.metric(metric);
            ScoreOutcome o = ScoringEngine.score(InputArray.of(NpyArray.of(tl, n, 3), "--y-true"),
                    InputArray.of(NpyArray.of(pl, n, 3), "--y-pred"), null, request(6, 200, c));
            assertArrayEquals(bruteForceFamily(ClassificationMetric.parse(metric), IndicatorMatrix.of(tb, n, 3),
                    IndicatorMatrix.of(pb, n, 3), null, plain(c).options(), 6, 200), ci(o), metric);
        }
    }

    @Test
    void ignoreIndexDropsSamplesBeforeResampling() {
        SplittableRandom rnd = new SplittableRandom(2);
        long[] t = labels(rnd, 50, 4);
        long[] p = noisy(rnd, t, 4, 30);
        double[] w = weights(rnd, 50);
        Consumer<ScoreRequest.Builder> c = b -> b.metric("f1").average("macro").ignoreIndex(0L);
        List<Long> kt = new ArrayList<>();
        List<Long> kp = new ArrayList<>();
        List<Double> kw = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0) {
                kt.add(t[i]);
                kp.add(p[i]);
                kw.add(w[i]);
            }
        }
        long[] tt = kt.stream().mapToLong(Long::longValue).toArray();
        long[] pp = kp.stream().mapToLong(Long::longValue).toArray();
        double[] ww = kw.stream().mapToDouble(Double::doubleValue).toArray();
        ScoreOutcome o = ScoringEngine.score(in(t, "--y-true"), in(p, "--y-pred"),
                InputArray.of(NpyArray.of(w, 50), "--sample-weight"), request(3, 250, c));
        Consumer<ScoreRequest.Builder> noIgnore = b -> b.metric("f1").average("macro");
        assertArrayEquals(bruteForce(LabelVector.of(tt), LabelVector.of(pp), ww, plain(noIgnore).options(), 3, 250),
                ci(o));
        assertEquals(tt.length, o.field("samples"));
    }

    @Test
    void binaryStringLabelsWithPosLabelAndThresholdedScores() {
        SplittableRandom rnd = new SplittableRandom(3);
        String[] names = {"cat", "dog"};
        String[] t = new String[40];
        String[] p = new String[40];
        for (int i = 0; i < 40; i++) {
            t[i] = names[rnd.nextInt(2)];
            p[i] = rnd.nextInt(4) == 0 ? names[rnd.nextInt(2)] : t[i];
        }
        Consumer<ScoreRequest.Builder> c = b -> b.metric("precision").average("binary").posLabel("dog");
        ScoreOutcome o = ScoringEngine.score(InputArray.ofStrings(t, "--y-true"), InputArray.ofStrings(p, "--y-pred"),
                null, request(11, 400, c));
        assertArrayEquals(bruteForce(LabelVector.of(t), LabelVector.of(p), null, plain(c).options(), 11, 400), ci(o));

        long[] y = labels(rnd, 45, 2);
        double[] s = new double[45];
        long[] thresholded = new long[45];
        for (int i = 0; i < 45; i++) {
            s[i] = Math.min(1, 0.4 * y[i] + 0.6 * rnd.nextDouble());
            thresholded[i] = s[i] >= 0.35 ? 1 : 0;
        }
        Consumer<ScoreRequest.Builder> j = b -> b.metric("jaccard").threshold(0.35);
        ScoreOutcome scored = ScoringEngine.score(in(y, "--y-true"), InputArray.of(NpyArray.of(s, 45), "--y-pred"),
                null, request(5, 300, j));
        assertArrayEquals(bruteForce(LabelVector.of(y), LabelVector.of(thresholded), null,
                plain(b -> b.metric("jaccard")).options(), 5, 300), ci(scored));
    }

    @Test
    void multilabelMatchesTheBruteForceForEveryAverage() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 35;
        int l = 4;
        byte[] t = new byte[n * l];
        byte[] p = new byte[n * l];
        long[] tl = new long[n * l];
        long[] pl = new long[n * l];
        for (int i = 0; i < t.length; i++) {
            t[i] = (byte) (rnd.nextInt(3) == 0 ? 1 : 0);
            p[i] = (byte) (rnd.nextInt(4) == 0 ? 1 - t[i] : t[i]);
            tl[i] = t[i];
            pl[i] = p[i];
        }
        double[] w = weights(rnd, n);
        List<Consumer<ScoreRequest.Builder>> cases = new ArrayList<>();
        for (String metric : List.of("jaccard", "f1", "precision", "recall")) {
            for (String average : List.of("micro", "macro", "weighted", "samples")) {
                cases.add(b -> b.metric(metric).average(average));
            }
        }
        cases.add(b -> b.metric("jaccard").average("samples").labelTexts(List.of("2", "0")).zeroDivision("1"));
        cases.add(b -> b.metric("f1").average("macro").labelTexts(List.of("3", "1")));
        for (Consumer<ScoreRequest.Builder> c : cases) {
            for (double[] weight : Arrays.asList(null, w)) {
                ScoreOutcome o = ScoringEngine.score(InputArray.of(NpyArray.of(tl, n, l), "--y-true"),
                        InputArray.of(NpyArray.of(pl, n, l), "--y-pred"),
                        weight == null ? null : InputArray.of(NpyArray.of(weight, n), "--sample-weight"),
                        request(9, 250, c));
                assertArrayEquals(bruteForce(IndicatorMatrix.of(t.clone(), n, l), IndicatorMatrix.of(p.clone(), n, l),
                        weight, plain(c).options(), 9, 250), ci(o), plain(c).options() + " " + (weight != null));
            }
        }
    }

    @Test
    void tinySamplesDropTheResamplesWhoseWeightsAreAllZero() {
        long[] t = {0, 1, 1};
        long[] p = {0, 1, 0};
        Consumer<ScoreRequest.Builder> c = b -> b.metric("jaccard").average("macro");
        SampleBootstrap plan = SampleBootstrap.plan(in(t, "--y-true"), in(p, "--y-pred"), null, request(1, 400, c));
        double[] stats = plan.statistics(1);
        long undefined = Arrays.stream(stats).filter(Double::isNaN).count();
        assertTrue(undefined > 0, "with n = 3 about e^-3 of the resamples draw no sample");
        for (int r = 0; r < stats.length; r++) {
            boolean empty = true;
            for (int i = 0; i < 3; i++) {
                empty &= PoissonWeights.weight(1, r, i) == 0;
            }
            assertEquals(empty, Double.isNaN(stats[r]), "resample " + r);
        }
        assertArrayEquals(bruteForce(LabelVector.of(t), LabelVector.of(p), null, plain(c).options(), 1, 400),
                ci(plan.outcome(1)));
    }

    @Test
    void deterministicForASeedWhateverTheThreadsOrSplit() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        long[] t = labels(rnd, 500, 7);
        long[] p = noisy(rnd, t, 7, 35);
        double[] w = weights(rnd, 500);
        Consumer<ScoreRequest.Builder> c = b -> b.metric("jaccard").average("macro");
        SampleBootstrap plan = SampleBootstrap.plan(in(t, "--y-true"), in(p, "--y-pred"),
                InputArray.of(NpyArray.of(w, 500), "--sample-weight"), request(42, 203, c));
        double[] one = plan.statistics(1);
        assertArrayEquals(one, plan.statistics(4));
        assertArrayEquals(one, plan.statistics(3));
        // any split of the resamples (as Spark partitions them), concatenated in order
        for (int parts : new int[] {2, 7, 203}) {
            double[] joined = new double[203];
            for (int k = 0; k < parts; k++) {
                int from = (int) ((long) k * 203 / parts);
                int to = (int) ((long) (k + 1) * 203 / parts);
                System.arraycopy(plan.statistics(from, to), 0, joined, from, to - from);
            }
            assertArrayEquals(one, joined, parts + " parts");
        }
        // and after a trip through serialization (what a Spark executor receives)
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plan);
        }
        SampleBootstrap shipped;
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (SampleBootstrap) in.readObject();
        }
        assertArrayEquals(one, shipped.statistics(0, 203));
        double[] a = ci(plan.outcome(2));
        double[] b = ci(SampleBootstrap.plan(in(t, "--y-true"), in(p, "--y-pred"),
                InputArray.of(NpyArray.of(w, 500), "--sample-weight"), request(42, 203, c)).outcome(1));
        double[] other = ci(SampleBootstrap.plan(in(t, "--y-true"), in(p, "--y-pred"),
                InputArray.of(NpyArray.of(w, 500), "--sample-weight"), request(43, 203, c)).outcome(1));
        assertArrayEquals(a, b);
        assertNotEquals(Arrays.toString(a), Arrays.toString(other));
    }

    @Test
    void intervalHoldsThePointAndShrinksWithMoreSamples() {
        double previous = Double.POSITIVE_INFINITY;
        for (int n : new int[] {100, 1600, 25600}) {
            SplittableRandom rnd = new SplittableRandom(6);
            long[] t = labels(rnd, n, 3);
            long[] p = noisy(rnd, t, 3, 30);
            ScoreOutcome o = ScoringEngine.score(in(t, "--y-true"), in(p, "--y-pred"), null,
                    request(8, 200, b -> b.metric("f1").average("macro")));
            double[] ci = ci(o);
            assertTrue(ci[0] <= o.score() && o.score() <= ci[1], Arrays.toString(ci) + " " + o.score());
            double width = ci[1] - ci[0];
            // the width of a percentile interval falls as 1/sqrt(n): 16 times the samples, about a quarter the width
            assertTrue(width < previous / 2.5, n + ": " + width + " after " + previous);
            previous = width;
        }
    }

    @Test
    void refusesWhatHasNoSingleScoreOrIsNotSamples() {
        long[] t = {0, 1, 2, 1};
        long[] p = {0, 2, 2, 1};
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ScoringEngine.score(
                in(t, "--y-true"), in(p, "--y-pred"), null, request(0, 10, b -> b.average("none"))));
        assertTrue(none.getMessage().contains("--average none"), none.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> ScoringEngine.score(
                in(t, "--y-true"), in(p, "--y-pred"), null,
                request(0, SampleBootstrap.MAX_RESAMPLES + 1, b -> b.average("macro"))));
        assertTrue(many.getMessage().contains("--bootstrap must be at most"), many.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class, () -> ScoringEngine.score(
                InputArray.of(NpyArray.of(new long[] {0, 1, 2, 1, 0, 3}, 2, 3), "--y-true"),
                InputArray.of(NpyArray.of(new long[] {0, 1, 2, 1, 0, 2}, 2, 3), "--y-pred"), null,
                request(0, 10, b -> b.average("macro").task("multiclass"))));
        assertTrue(mask.getMessage().contains("is one mask"), mask.getMessage());
        assertThrows(IllegalArgumentException.class, () -> request(0, 10, b -> b.report(true)));
        IllegalArgumentException topK = assertThrows(IllegalArgumentException.class, () -> ScoringEngine.score(
                in(t, "--y-true"), InputArray.of(NpyArray.of(new double[12], 4, 3), "--y-pred"), null,
                request(0, 10, b -> b.metric("top-k-accuracy"))));
        assertTrue(topK.getMessage().contains("top-k-accuracy"), topK.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentationRequest.builder().bootstrap(0));
    }
}
