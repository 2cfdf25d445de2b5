package io.jaccard4j.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.metrics.Average;
import io.jaccard4j.metrics.ClassCounts;
import io.jaccard4j.metrics.LabelEncoder;
import io.jaccard4j.metrics.Metric;
import io.jaccard4j.metrics.ScoreOptions;
import io.jaccard4j.metrics.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Macro Jaccard over many classes, in process: jaccard4j's O(C) state ({@code ClassCounts.of(C).update(t, p, 0)},
 * then {@code Scorer.score} of its per-class counts, macro Jaccard = mean over the classes present in t or p of
 * tp / (true + pred − tp)) against scikit-learn's {@code jaccard_score(average='macro')} and numpy's
 * {@code bincount} of tp / true / pred ({@code jaccard4j-bench/peers/many_classes.py}), on the same seeded int32
 * labels written as NPY: t uniform over C classes, p = t with probability 0.7, else uniform. jaccard4j counts on
 * {@code --threads} threads (default: all processors, as {@code bin/jaccard4j score} does) and is timed on 1 thread
 * too (numpy and scikit-learn use one); both must give the same score. Each side times its
 * calls after the labels are in memory (medians); the scores must agree within 1e-12. Cases: 2·10⁷ labels over 10⁵
 * and over 10⁶ classes.
 *
 * <pre>
 *   PYTHONPATH=/opt/ref/skl java -cp jaccard4j-bench/target/benchmarks.jar io.jaccard4j.bench.ManyClassesCompare \
 *       [--labels 2e7] [--classes 100000,1000000] [--runs 5] [--sklearn-runs 3] [--python python3] [--repo DIR] \
 *       [--threads T]
 * </pre>
 * (also {@code Compare --only manyclasses ...}). Exit status 1 when a score disagrees.
 */
public final class ManyClassesCompare {
    private ManyClassesCompare() {
    }

    /** Seeded labels: t uniform over {@code classes}, p = t with probability 0.7, else uniform. */
    static int[][] labels(int n, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(classes);
            p[i] = r.nextDouble() < 0.7 ? t[i] : r.nextInt(classes);
        }
        return new int[][] {t, p};
    }

    /** jaccard4j's macro Jaccard of int labels 0 .. classes − 1 through the O(C) state, on up to threads threads. */
    static double macroJaccard(int[] t, int[] p, int classes, int threads) {
        ClassCounts counts = ClassCounts.of(classes).update(t, p, 0, null, threads);
        ScoreOptions o = ScoreOptions.builder().metric(Metric.JACCARD).average(Average.MACRO).build();
        return Scorer.score(counts.labelCounts(), LabelEncoder.range(classes), o).score();
    }

    public static void main(String[] args) throws Exception {
        int n = 20_000_000;
        int[] classList = {100_000, 1_000_000};
        int runs = 5;
        int sklearnRuns = 3;
        int threads = Runtime.getRuntime().availableProcessors();
        String python = "python3";
        Path repo = Paths.get("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--labels" -> n = (int) Double.parseDouble(args[++i]);
                case "--classes" -> classList = Arrays.stream(args[++i].split(",")).mapToInt(
                        s -> (int) Double.parseDouble(s)).toArray();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--sklearn-runs" -> sklearnRuns = Integer.parseInt(args[++i]);
                case "--python" -> python = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--repo" -> repo = Paths.get(args[++i]).toAbsolutePath();
                case "--only" -> i++; // from Compare --only manyclasses
                default -> {
                    System.err.println("ManyClassesCompare: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        while (repo != null && !Files.exists(repo.resolve("jaccard4j-bench/peers/many_classes.py"))) {
            repo = repo.getParent();
        }
        if (repo == null) {
            System.err.println("ManyClassesCompare: no checkout with jaccard4j-bench/peers above the working directory;"
                    + " pass --repo");
            System.exit(2);
        }
        String peer = repo.resolve("jaccard4j-bench/peers/many_classes.py").toString();
        Path dir = Files.createTempDirectory("jaccard4j-many-classes");
        List<String> table = new ArrayList<>();
        boolean ok = true;
        try {
            for (int classes : classList) {
                int[][] tp = labels(n, classes, classes);
                Path tf = dir.resolve("t.npy");
                Path pf = dir.resolve("p.npy");
                Npy.write(tf, NpyArray.of(tp[0], n));
                Npy.write(pf, NpyArray.of(tp[1], n));
                String load = RetrievalCompare.load();
                Object[] y = RetrievalCompare.run(List.of(python, peer, tf.toString(), pf.toString(),
                        Integer.toString(runs), "1", Integer.toString(sklearnRuns)));
                JsonObject peers = JsonParser.parseString((String) y[1]).getAsJsonObject();
                double score = 0;
                double single = 0;
                double[] t = new double[runs];
                double[] t1 = new double[runs];
                for (int w = 0; w < 2; w++) { // warm-up: the JIT compiles the counting loop
                    score = macroJaccard(tp[0], tp[1], classes, threads);
                    single = macroJaccard(tp[0], tp[1], classes, 1);
                }
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    score = macroJaccard(tp[0], tp[1], classes, threads);
                    t[r] = (System.nanoTime() - t0) * 1e-9;
                    t0 = System.nanoTime();
                    single = macroJaccard(tp[0], tp[1], classes, 1);
                    t1[r] = (System.nanoTime() - t0) * 1e-9;
                }
                if (single != score) {
                    ok = false;
                    System.out.println("DISAGREES: 1 thread " + single + " vs " + threads + " threads " + score);
                }
                double ours = RetrievalCompare.median(t);
                double ours1 = RetrievalCompare.median(t1);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "macro Jaccard, %.0e int32 labels, %,d classes: jaccard4j %.3f s (%.0f M labels/s, %d threads;"
                        + " 1 thread %.3f s)", (double) n, classes, ours, n / ours * 1e-6, threads, ours1));
                for (String k : List.of("numpy_bincount", "sklearn")) {
                    if (!peers.has(k)) {
                        continue;
                    }
                    JsonObject r = peers.getAsJsonObject(k);
                    double theirs = r.get("median_s").getAsDouble();
                    double s = r.get("score").getAsDouble();
                    boolean agrees = Math.abs(s - score) <= 1e-12;
                    ok &= agrees;
                    line.append(String.format(Locale.ROOT, "; %s %.3f s (%.1fx, score %s)", k, theirs, theirs / ours,
                            agrees ? "agrees" : "DISAGREES: " + s + " vs " + score));
                }
                line.append(String.format(Locale.ROOT, "; score %.12f; load %s/%s", score, load,
                        RetrievalCompare.load()));
                System.out.println(line);
                table.add(line.toString());
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("medians of " + runs + " in-process runs (scikit-learn: " + sklearnRuns + "):");
        table.forEach(System.out::println);
        if (!ok) {
            System.exit(1);
        }
    }
}
