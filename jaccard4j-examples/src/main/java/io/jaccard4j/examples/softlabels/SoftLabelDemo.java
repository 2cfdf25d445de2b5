package io.jaccard4j.examples.softlabels;

import io.jaccard4j.examples.report.HtmlReport;
import io.jaccard4j.io.Json;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.CrossEntropyLoss;
import io.jaccard4j.loss.KlDistillationLoss;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TrainingLoss;
import io.jaccard4j.loss.TverskyLoss;
import io.jaccard4j.recipes.BoundaryLabelSmoothing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The soft-label property of the JML paper, shown exactly: free logits x (no network) are optimised by Adam in
 * double precision, with core's exact gradients, towards a fixed soft target y under each loss — the Jaccard
 * metric loss (JML), the Dice semimetric loss (DML), the soft Jaccard loss (SJL), the soft Dice loss (SDL),
 * cross-entropy (CE) and KL divergence (KL, T = 1). After every step it records the loss value and the distance
 * d = (1/P) &Sigma;<sub>i</sub> &Sigma;<sub>c</sub> |softmax(x)<sub>c,i</sub> &minus; y<sub>c,i</sub>| (mean
 * per-pixel L1 distance, in [0, 2]).
 *
 * <p>JML, DML, CE and KL are minimised exactly at softmax(x) = y, so d goes to 0; SJL and SDL are not (their
 * value at x = y is positive and a sharper x scores lower), so d stays away from 0. The targets:
 * <ul>
 *   <li>smoothed one-hots: y = (1 &minus; &epsilon;)&middot;onehot + &epsilon;/C, &epsilon; = 0.1, C = 4, 64 pixels
 *       with labels drawn from {@code java.util.Random(seed)};</li>
 *   <li>teacher-like distributions: y = softmax(t) with t ~ N(0, 1.5&sup2;) per class, C = 5, 64 pixels;</li>
 *   <li>a boundary-smoothed mask: a 32 &times; 32 mask with a disk and a rectangle (C = 3), soft labels from
 *       {@link BoundaryLabelSmoothing#defaults()} (&epsilon; = 0.5, k = 3).</li>
 * </ul>
 * Adam: &beta; = (0.9, 0.999), &epsilon;<sub>Adam</sub> = 1e-8, learning rate {@code lr} decayed linearly to 0 over
 * the iterations, logits start at 0 (the uniform distribution). Everything is sequential double arithmetic, so the
 * result is the same on every machine.
 */
public final class SoftLabelDemo {
    /** The loss names, in the order they are run and printed. */
    public static final List<String> LOSSES = List.of("JML", "DML", "CE", "KL", "SJL", "SDL");

    /** One fixed soft target: N = 1 image, C classes, P pixels, y in C × P layout. */
    public static final class Problem {
        public final String name;
        public final int classes;
        public final int pixels;
        public final double[] target;

        Problem(String name, int classes, int pixels, double[] target) {
            this.name = name;
            this.classes = classes;
            this.pixels = pixels;
            this.target = target;
        }
    }

    /** One optimisation: the loss value and the distance after every step, and the final probabilities. */
    public static final class Trace {
        public final String problem;
        public final String loss;
        public final double[] value;
        public final double[] distance;
        public final double[] finalProbabilities;
        public final double valueAtTarget;

        Trace(String problem, String loss, double[] value, double[] distance, double[] finalProbabilities,
                double valueAtTarget) {
            this.problem = problem;
            this.loss = loss;
            this.value = value;
            this.distance = distance;
            this.finalProbabilities = finalProbabilities;
            this.valueAtTarget = valueAtTarget;
        }

        /** d after the last step. */
        public double finalDistance() {
            return distance[distance.length - 1];
        }

        /** The loss value after the last step. */
        public double finalValue() {
            return value[value.length - 1];
        }
    }

    private final int iterations;
    private final double learningRate;
    private final long seed;

    /** @param iterations Adam steps per run (&ge; 1); @param learningRate the initial step size (&gt; 0) */
    public SoftLabelDemo(int iterations, double learningRate, long seed) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1; got " + iterations);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite value > 0; got " + learningRate);
        }
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /** The default run: 1500 steps, learning rate 0.1, seed 7. */
    public static SoftLabelDemo defaults() {
        return new SoftLabelDemo(1500, 0.1, 7);
    }

    /** The loss called {@code name} (one of {@link #LOSSES}), single-threaded. */
    public static TrainingLoss loss(String name) {
        switch (name) {
            case "JML": return TverskyLoss.jaccard().threads(1).build();
            case "DML": return TverskyLoss.dice().threads(1).build();
            case "SJL": return TverskyLoss.softJaccard().threads(1).build();
            case "SDL": return TverskyLoss.softDice().threads(1).build();
            case "CE": return CrossEntropyLoss.create().threads(1);
            case "KL": return KlDistillationLoss.withTemperature(1.0);
            default:
                throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of " + LOSSES);
        }
    }

    /** The three fixed targets. */
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        Random r = new Random(seed);
        int c = 4;
        int p = 64;
        double eps = 0.1;
        double[] smoothed = new double[c * p];
        for (int i = 0; i < p; i++) {
            int label = r.nextInt(c);
            for (int k = 0; k < c; k++) {
                smoothed[k * p + i] = (k == label ? 1 - eps : 0) + eps / c;
            }
        }
        out.add(new Problem("smoothed one-hots", c, p, smoothed));
        c = 5;
        double[] teacher = new double[c * p];
        for (int i = 0; i < p; i++) {
            double[] t = new double[c];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                t[k] = 1.5 * r.nextGaussian();
                max = Math.max(max, t[k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                t[k] = Math.exp(t[k] - max);
                sum += t[k];
            }
            for (int k = 0; k < c; k++) {
                teacher[k * p + i] = t[k] / sum;
            }
        }
        out.add(new Problem("teacher-like distributions", c, p, teacher));
        int s = 32;
        int[] mask = new int[s * s];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                if ((x - 10) * (x - 10) + (y - 11) * (y - 11) <= 36) {
                    mask[y * s + x] = 1;
                } else if (x >= 18 && x < 29 && y >= 16 && y < 27) {
                    mask[y * s + x] = 2;
                }
            }
        }
        float[] bls = BoundaryLabelSmoothing.defaults().apply(mask, s, s, 3, Targets.NO_IGNORE);
        double[] mb = new double[bls.length];
        for (int i = 0; i < bls.length; i++) {
            mb[i] = bls[i];
        }
        out.add(new Problem("boundary-smoothed mask", 3, s * s, mb));
        return out;
    }

    /** Optimises free logits towards {@code problem}'s target under {@code lossName}. */
    public Trace optimise(Problem problem, String lossName) {
        TrainingLoss loss = loss(lossName);
        int c = problem.classes;
        int p = problem.pixels;
        int[] shape = {1, c, p};
        Targets y = Targets.soft(problem.target, shape, null);
        double[] x = new double[c * p];
        double[] m = new double[x.length];
        double[] v = new double[x.length];
        double[] value = new double[iterations];
        double[] distance = new double[iterations];
        double b1 = 0.9;
        double b2 = 0.999;
        for (int t = 1; t <= iterations; t++) {
            LossResult res = loss.compute(Predictions.logits(x, shape, Activation.SOFTMAX), y);
            double[] g = res.gradientAsDouble();
            double lr = learningRate * (1.0 - (t - 1.0) / iterations);
            double c1 = 1 - Math.pow(b1, t);
            double c2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < x.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                x[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
            }
            double[] prob = softmax(x, c, p);
            value[t - 1] = loss.compute(Predictions.logits(x, shape, Activation.SOFTMAX), y).value();
            distance[t - 1] = distance(prob, problem.target, c, p);
        }
        double atTarget = loss.compute(Predictions.logits(logOf(problem.target), shape, Activation.SOFTMAX), y)
                .value();
        return new Trace(problem.name, lossName, value, distance, softmax(x, c, p), atTarget);
    }

    /** log y, with log 0 replaced by &minus;700 (softmax of it is y to double precision). */
    private static double[] logOf(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] > 0 ? Math.log(y[i]) : -700;
        }
        return out;
    }

    /** Softmax over the classes of a C × P array. */
    static double[] softmax(double[] x, int c, int p) {
        double[] out = new double[x.length];
        for (int i = 0; i < p; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, x[k * p + i]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                out[k * p + i] = Math.exp(x[k * p + i] - max);
                sum += out[k * p + i];
            }
            for (int k = 0; k < c; k++) {
                out[k * p + i] /= sum;
            }
        }
        return out;
    }

    /** (1/P) &Sigma;<sub>i</sub> &Sigma;<sub>c</sub> |a<sub>c,i</sub> &minus; b<sub>c,i</sub>|. */
    static double distance(double[] a, double[] b, int c, int p) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / p;
    }

    /** Runs every loss on every target. */
    public List<Trace> run() {
        List<Trace> out = new ArrayList<>();
        for (Problem pr : problems()) {
            for (String l : LOSSES) {
                out.add(optimise(pr, l));
            }
        }
        return out;
    }

    /** The table of final distances and loss values. */
    public static String table(List<Trace> traces) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-27s %-5s %12s %14s %14s%n", "target",
                "loss", "final d", "final loss", "loss at y"));
        for (Trace t : traces) {
            sb.append(String.format(Locale.ROOT, "%-27s %-5s %12.3e %14.6f %14.6f%n", t.problem, t.loss,
                    t.finalDistance(), t.finalValue(), t.valueAtTarget));
        }
        return sb.toString();
    }

    /** Writes {@code results.json} (settings and, per run, the final distance and values) to {@code out}. */
    public void writeResults(Path out, List<Trace> traces) throws IOException {
        Files.createDirectories(out);
        List<Json> runs = new ArrayList<>();
        for (Trace t : traces) {
            runs.add(new Json().put("target", t.problem).put("loss", t.loss).put("final_distance", t.finalDistance())
                    .put("final_loss", t.finalValue()).put("loss_at_target", t.valueAtTarget));
        }
        Files.writeString(out.resolve("results.json"), new Json().put("iterations", iterations)
                .put("learning_rate", learningRate).put("seed", seed).put("runs", runs) + "\n");
    }

    /** Adds this demo's section (explanation, table, distance and loss curves, final vs target) to a report. */
    public void addTo(HtmlReport r, List<Trace> traces) {
        r.heading("Soft labels: which losses recover the target");
        r.paragraph(String.format(Locale.ROOT, "Free logits optimised by Adam (%d steps, learning rate %.2g decayed "
                + "linearly to 0, double precision, exact gradients from jaccard4j-core) towards fixed soft targets. "
                + "d = mean over pixels of the L1 distance between softmax(x) and the target. JML, the Dice "
                + "semimetric loss (DML), CE and KL are minimised at the target; the soft Jaccard (SJL) and soft Dice "
                + "(SDL) losses are not: their value at the target ('loss at y') is above the value they reach.",
                iterations, learningRate));
        List<List<Object>> rows = new ArrayList<>();
        for (Trace t : traces) {
            rows.add(List.of(t.problem, t.loss, String.format(Locale.ROOT, "%.3e", t.finalDistance()),
                    t.finalValue(), t.valueAtTarget));
        }
        r.table(List.of("target", "loss", "final d", "final loss", "loss at target"), rows);
        Map<String, List<Trace>> byProblem = new LinkedHashMap<>();
        for (Trace t : traces) {
            byProblem.computeIfAbsent(t.problem, k -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<String, List<Trace>> e : byProblem.entrySet()) {
            List<String> names = new ArrayList<>();
            List<double[]> dist = new ArrayList<>();
            List<double[]> val = new ArrayList<>();
            List<double[][]> points = new ArrayList<>();
            Problem pr = null;
            for (Problem q : problems()) {
                if (q.name.equals(e.getKey())) {
                    pr = q;
                }
            }
            for (Trace t : e.getValue()) {
                names.add(t.loss);
                dist.add(log10(t.distance));
                val.add(t.value);
                points.add(new double[][] {pr.target, t.finalProbabilities});
            }
            r.lineChart(e.getKey() + ": log10 d over the Adam steps", "log10 d", "step", names, dist);
            r.lineChart(e.getKey() + ": loss value over the Adam steps", "loss", "step", names, val);
            r.scatter(e.getKey() + ": final probability against the target probability (diagonal = recovered)",
                    "target y", "softmax(x)", names, points);
        }
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(Math.max(v[i], 1e-12));
        }
        return out;
    }

    /** Runs the demo, writes results.json and report.html to {@code out}, and returns the traces. */
    public List<Trace> runAndWrite(Path out) throws IOException {
        List<Trace> traces = run();
        writeResults(out, traces);
        HtmlReport r = new HtmlReport("jaccard4j demo soft-labels: JML and soft labels");
        addTo(r, traces);
        r.write(out.resolve("report.html"));
        return traces;
    }
}
