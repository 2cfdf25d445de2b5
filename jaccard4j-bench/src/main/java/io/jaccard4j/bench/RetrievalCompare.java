package io.jaccard4j.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Whole-process retrieval timings: {@code bin/jaccard4j retrieval} against faiss + numpy
 * ({@code jaccard4j-bench/peers/retrieval_faiss.py}: {@code IndexFlatIP} on normalised rows, {@code IndexBinaryFlat}
 * for codes) on the same seeded NPY files, runs alternating between the two; medians of wall time, the ratio
 * jaccard4j / faiss, the load average before each run, and a check that every metric both print agrees (float:
 * within 1e-6, both ranking float32 input by float32 scores, summed in different orders; codes: within 1e-12).
 * Cases: 20k × 128 float32 with 100 classes, 100k × 128 with 1,000 classes, 100k codes of 64 bits with 1,000 classes.
 *
 * <pre>
 *   PYTHONPATH=/opt/ref/faiss:/opt/ref/skl java -cp jaccard4j-bench/target/benchmarks.jar \
 *       io.jaccard4j.bench.RetrievalCompare [--runs 3] [--cases 20k,100k,hamming] [--python python3] [--repo DIR]
 * </pre>
 * (also {@code Compare --only retrieval ...}). Exit status 1 when a metric disagrees.
 */
public final class RetrievalCompare {
    private RetrievalCompare() {
    }

    /** Clustered float32 embeddings: class centres × 0.6 plus unit Gaussian noise. */
    static void writeEmbeddings(Path e, Path l, int n, int d, int classes, long seed) throws IOException {
        Random r = new Random(seed);
        float[][] centres = new float[classes][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) r.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (0.6 * centres[(int) y[i]][j] + r.nextGaussian());
            }
        }
        Npy.write(e, NpyArray.of(x, n, d));
        Npy.write(l, NpyArray.of(y, n));
    }

    /** Packed codes: a class code with 15% of the bits flipped. */
    static void writeCodes(Path c, Path l, int n, int bytes, int classes, long seed) throws IOException {
        Random r = new Random(seed);
        byte[][] centres = new byte[classes][bytes];
        for (byte[] b : centres) {
            r.nextBytes(b);
        }
        byte[] x = new byte[n * bytes];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
            for (int t = 0; t < bytes; t++) {
                int flips = 0;
                for (int b = 0; b < 8; b++) {
                    flips |= r.nextDouble() < 0.15 ? 1 << b : 0;
                }
                x[i * bytes + t] = (byte) (centres[(int) y[i]][t] ^ flips);
            }
        }
        Npy.write(c, NpyArray.ofUint8(x, n, bytes));
        Npy.write(l, NpyArray.of(y, n));
    }

    static String load() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Runs a command; returns {seconds, the last stdout line}. */
    static Object[] run(List<String> cmd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) * 1e-9;
        if (rc != 0) {
            throw new IOException("exit status " + rc + " from " + String.join(" ", cmd) + "\n" + out);
        }
        return new Object[] {s, out.substring(out.lastIndexOf('\n') + 1)};
    }

    static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Checks every metric both sides print; returns the number compared. */
    static int agree(JsonObject ours, JsonObject peer, double tol, String what) {
        int compared = 0;
        for (String k : peer.keySet()) {
            if (k.equals("seconds_after_start") || !ours.has(k)) {
                continue;
            }
            double a = ours.get(k).getAsDouble();
            double b = peer.get(k).getAsDouble();
            if (!(Math.abs(a - b) <= tol)) {
                throw new IllegalStateException(what + ": " + k + " = " + a + " (jaccard4j) vs " + b + " (faiss)");
            }
            compared++;
        }
        return compared;
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        List<String> cases = List.of("20k", "100k", "hamming");
        String python = "python3";
        Path repo = Paths.get("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--cases" -> cases = Arrays.asList(args[++i].split(","));
                case "--python" -> python = args[++i];
                case "--repo" -> repo = Paths.get(args[++i]).toAbsolutePath();
                case "--only" -> i++; // from Compare --only retrieval
                default -> {
                    System.err.println("RetrievalCompare: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        while (repo != null && !Files.exists(repo.resolve("bin/jaccard4j"))) {
            repo = repo.getParent();
        }
        if (repo == null) {
            System.err.println("RetrievalCompare: no checkout with bin/jaccard4j above the working directory; pass --repo");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("jaccard4j-retrieval-bench");
        String bin = repo.resolve("bin/jaccard4j").toString();
        String peer = repo.resolve("jaccard4j-bench/peers/retrieval_faiss.py").toString();
        List<String> table = new ArrayList<>();
        try {
            for (String c : cases) {
                List<String> ours;
                List<String> theirs;
                double tol;
                String what;
                if (c.equals("hamming")) {
                    Path codes = dir.resolve("codes.npy");
                    Path labels = dir.resolve("codes_labels.npy");
                    writeCodes(codes, labels, 100_000, 8, 1000, 3);
                    what = "Hamming, 100k codes of 64 bits, 1,000 classes, mAP@100, P@r<=2";
                    ours = List.of(bin, "retrieval", "--codes", codes.toString(), "--labels", labels.toString(),
                            "--map-at", "100", "--radius", "2", "--format", "json");
                    theirs = List.of(python, peer, "codes", codes.toString(), labels.toString(), "100", "2");
                    tol = 1e-12;
                } else {
                    int n = c.equals("20k") ? 20_000 : 100_000;
                    int classes = c.equals("20k") ? 100 : 1000;
                    Path e = dir.resolve("e" + c + ".npy");
                    Path labels = dir.resolve("l" + c + ".npy");
                    writeEmbeddings(e, labels, n, 128, classes, n);
                    what = String.format(Locale.ROOT, "cosine, %,d x 128 float32, %,d classes", n, classes);
                    ours = List.of(bin, "retrieval", "--embeddings", e.toString(), "--labels", labels.toString(),
                            "--format", "json");
                    theirs = List.of(python, peer, "float", e.toString(), labels.toString(), "cosine");
                    tol = 1e-6;
                }
                double[] a = new double[runs];
                double[] b = new double[runs];
                List<String> loads = new ArrayList<>();
                int compared = 0;
                for (int i = 0; i < runs; i++) {
                    loads.add(load());
                    Object[] x = run(ours);
                    loads.add(load());
                    Object[] y = run(theirs);
                    a[i] = (double) x[0];
                    b[i] = (double) y[0];
                    JsonElement jo = JsonParser.parseString((String) x[1]);
                    JsonElement jp = JsonParser.parseString((String) y[1]);
                    compared = agree(jo.getAsJsonObject(), jp.getAsJsonObject(), tol, what);
                    System.out.printf(Locale.ROOT, "  %s run %d: jaccard4j %.2f s, faiss %.2f s%n", c, i + 1, a[i], b[i]);
                }
                String line = String.format(Locale.ROOT, "%-62s jaccard4j %8.2f s  faiss %8.2f s  ratio %5.2fx  "
                        + "(%d metrics agree; load %s)", what, median(a), median(b), median(a) / median(b), compared,
                        String.join("/", loads));
                System.out.println(line);
                table.add(line);
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("medians of " + runs + " whole-process runs (wall time):");
        table.forEach(System.out::println);
    }
}
