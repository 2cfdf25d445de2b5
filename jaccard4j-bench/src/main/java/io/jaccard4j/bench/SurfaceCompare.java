package io.jaccard4j.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.segmentation.boundary.Boundaries;
import io.jaccard4j.segmentation.boundary.SurfaceDistances;
import io.jaccard4j.segmentation.boundary.SurfaceMetric;
import io.jaccard4j.segmentation.boundary.SurfaceMetricOptions;
import io.jaccard4j.segmentation.boundary.SurfaceScores;
import io.jaccard4j.segmentation.distance.DistanceMetric;
import io.jaccard4j.segmentation.distance.DistanceTransform;
import io.jaccard4j.segmentation.distance.Grid;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The {@code surface} group of {@link Compare}: HD95 and NSD (surface Dice at tolerance τ) of jaccard4j core,
 * single-threaded, against scipy and torchmetrics on the same masks ({@link SurfaceBenchData}):
 * <ul>
 *   <li>100 label images 512×512 with 21 classes, per (image, class) pair over classes 1..20: jaccard4j
 *       {@link SurfaceScores} against scipy ({@code binary_erosion} surfaces + {@code distance_transform_edt} +
 *       {@code np.percentile}), and against torchmetrics 1.9.0 on the first K classes of image 0 (its
 *       {@code HausdorffDistance} has no percentile and no NSD, so the peer is the call its update makes per pair,
 *       {@code edge_surface_distance(symmetric=True)}, followed by {@code torch.quantile} / a count; jaccard4j is
 *       timed on the same K pairs);</li>
 *   <li>one binary volume 256×256×256: {@link SurfaceDistances} against scipy only (torchmetrics rejects 3-D);
 *       and the transform alone, {@link DistanceTransform#toNearest} of the truth's surface against
 *       {@code distance_transform_edt}, checked voxel by voxel.</li>
 * </ul>
 * Each side is timed in wall time and in CPU time (the JVM thread's, Python's {@code process_time}), so that the
 * ratios can be read on a loaded machine too; every value is checked: scipy per pair to 1e-9, torchmetrics (float32
 * distances) to 1e-5 relative.
 */
final class SurfaceCompare {
    static final int CLASSES = 21;
    static final double PERCENTILE = 95;
    static final double TOLERANCE = 2;

    private final Compare c;
    private final Compare.Options o;
    private static volatile Object sink;

    SurfaceCompare(Compare c, Compare.Options o) {
        this.c = c;
        this.o = o;
    }

    /** Wall and CPU seconds of each timed run. */
    static final class Times {
        final double[] wall;
        final double[] cpu;

        Times(double[] wall, double[] cpu) {
            this.wall = wall;
            this.cpu = cpu;
        }
    }

    Times time(String key, int runs, int warmup, Supplier<Object> f) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            sink = f.get();
        }
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink = f.get();
            wall[i] = (System.nanoTime() - t0) * 1e-9;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
        }
        c.record(key, wall, cpu);
        System.out.printf(Locale.ROOT, "  %-44s median %10.1f ms wall, %10.1f ms CPU%n", key,
                Compare.median(wall) * 1e3, Compare.median(cpu) * 1e3);
        return new Times(wall, cpu);
    }

    void run(Path dir) throws IOException, InterruptedException {
        int n = o.surfaceImages;
        int h = 512;
        int w = 512;
        int vd = o.surfaceVolume;
        long t0 = System.nanoTime();
        byte[][] im = SurfaceBenchData.images(21, n, h, w, CLASSES);
        byte[][] vol = SurfaceBenchData.volume(22, vd, vd, vd);
        Npy.write(dir.resolve("surface_images_t.npy"), NpyArray.ofUint8(im[0], n, h, w));
        Npy.write(dir.resolve("surface_images_p.npy"), NpyArray.ofUint8(im[1], n, h, w));
        Npy.write(dir.resolve("surface_volume_t.npy"), NpyArray.ofUint8(vol[0], vd, vd, vd));
        Npy.write(dir.resolve("surface_volume_p.npy"), NpyArray.ofUint8(vol[1], vd, vd, vd));
        System.out.printf(Locale.ROOT, "data: %d label images %dx%d, C = %d (ellipses, jittered prediction); binary volume"
                + " %d^3; made and written in %.1f s%n", n, h, w, CLASSES, vd, (System.nanoTime() - t0) * 1e-9);
        JsonObject info = new JsonObject();
        info.addProperty("images", n + "x" + h + "x" + w + " uint8, C = " + CLASSES + ", SurfaceBenchData.images(seed 21)");
        info.addProperty("volume", vd + "^3 uint8 0/1, SurfaceBenchData.volume(seed 22)");
        info.addProperty("percentile", PERCENTILE);
        info.addProperty("nsd_tolerance", TOLERANCE);
        c.dataInfo().add("surface", info);

        int[][] ti = new int[n][];
        int[][] pi = new int[n][];
        for (int i = 0; i < n; i++) {
            ti[i] = new int[h * w];
            pi[i] = new int[h * w];
            for (int k = 0; k < h * w; k++) {
                ti[i][k] = im[0][i * h * w + k];
                pi[i][k] = im[1][i * h * w + k];
            }
        }
        boolean[] vt = new boolean[vol[0].length];
        boolean[] vp = new boolean[vol[0].length];
        for (int k = 0; k < vt.length; k++) {
            vt[k] = vol[0][k] != 0;
            vp[k] = vol[1][k] != 0;
        }
        Grid g2 = Grid.of(h, w);
        Grid g3 = Grid.of(vd, vd, vd);
        SurfaceMetricOptions hd95 = SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF).percentile(PERCENTILE)
                .includeBackground(false).threads(1).build();
        SurfaceMetricOptions nsd = SurfaceMetricOptions.builder(SurfaceMetric.NSD).tolerance(TOLERANCE)
                .includeBackground(false).threads(1).build();
        SurfaceMetricOptions hdMax = SurfaceMetricOptions.builder(SurfaceMetric.HAUSDORFF)
                .includeBackground(false).threads(1).build();
        int runs = o.surfaceRuns;
        System.out.println("jaccard4j core: HD95 and NSD (tau = " + TOLERANCE + "), 1 thread");
        double[][] oursHd = scores(hd95, ti, pi, n, g2).values();
        double[][] oursNsd = scores(nsd, ti, pi, n, g2).values();
        Times jHd = time("surface/hd95/images", runs, 1, () -> scores(hd95, ti, pi, n, g2));
        Times jNsd = time("surface/nsd/images", runs, 1, () -> scores(nsd, ti, pi, n, g2));
        SurfaceDistances vd3 = SurfaceDistances.of(vt, vp, g3, DistanceMetric.EUCLIDEAN, 1);
        double oursVolHd = vd3.hausdorff(PERCENTILE, false);
        double oursVolNsd = vd3.surfaceDice(TOLERANCE);
        Times jVolHd = time("surface/hd95/volume", runs, 1,
                () -> SurfaceDistances.of(vt, vp, g3, DistanceMetric.EUCLIDEAN, 1).hausdorff(PERCENTILE, false));
        Times jVolNsd = time("surface/nsd/volume", runs, 1,
                () -> SurfaceDistances.of(vt, vp, g3, DistanceMetric.EUCLIDEAN, 1).surfaceDice(TOLERANCE));
        boolean[] vs = Boundaries.surface(vt, g3);
        Times jEdt = time("surface/edt/volume", runs, 1, () -> DistanceTransform.toNearest(vs, g3, DistanceMetric.EUCLIDEAN, 1));
        int k = Math.min(o.tmPairs, CLASSES - 1);
        int[] t0i = ti[0];
        int[] p0i = pi[0];
        Times jPairsHd = time("surface/hd95/first_pairs", runs, 1, () -> firstPairs(hd95, t0i, p0i, g2, k));
        Times jPairsNsd = time("surface/nsd/first_pairs", runs, 1, () -> firstPairs(nsd, t0i, p0i, g2, k));
        Times jPairsMax = time("surface/hd/first_pairs", runs, 1, () -> firstPairs(hdMax, t0i, p0i, g2, k));

        JsonObject peers = runPeer(dir, k);
        if (peers == null) {
            return;
        }
        JsonObject r = peers.getAsJsonObject("results");
        Agreement agreement = c.agreement();
        long pairs = (long) n * (CLASSES - 1);
        String scipy = "scipy " + Compare.str(peers, "scipy") + " (numpy " + Compare.str(peers, "numpy") + ")";
        c.dataInfo().addProperty("surface_peers", "Python " + Compare.str(peers, "python") + ", " + scipy
                + ", torch " + Compare.str(peers, "torch") + ", torchmetrics " + Compare.str(peers, "torchmetrics"));
        String[][] metrics = {{"hd95", "HD95"}, {"nsd", "NSD tau=2"}};
        Times[] ours2 = {jHd, jNsd};
        Times[] ours3 = {jVolHd, jVolNsd};
        double[][][] oursValues = {oursHd, oursNsd};
        double[] oursVol = {oursVolHd, oursVolNsd};
        for (int m = 0; m < 2; m++) {
            JsonObject s2 = r.getAsJsonObject("scipy_" + metrics[m][0] + "/images");
            if (s2 != null) {
                System.out.println("  " + perPair(agreement, metrics[m][1] + " per (image, class) vs scipy",
                        oursValues[m], s2.getAsJsonArray("values"), 1e-9, false));
                addRows("surface", metrics[m][1] + ", " + n + " images " + h + "x" + w + " C=21 (20 classes)", pairs,
                        "pairs", ours2[m], "scipy binary_erosion + distance_transform_edt, per class", pairs, s2,
                        "1 thread both; scipy EDT over the whole image per class");
            }
            JsonObject s3 = r.getAsJsonObject("scipy_" + metrics[m][0] + "/volume");
            if (s3 != null) {
                double theirs = s3.get("value").getAsDouble();
                double d = Math.abs(oursVol[m] - theirs);
                System.out.println("  " + agreement.fact(metrics[m][1] + " of the volume vs scipy", d <= 1e-9,
                        String.format(Locale.ROOT, "%.17g vs %.17g, |diff| %.3g (tolerance 1e-9)", oursVol[m], theirs, d)));
                long voxels = (long) vd * vd * vd;
                addRows("surface", metrics[m][1] + ", binary volume " + vd + "^3", voxels, "voxels", ours3[m],
                        "scipy (torchmetrics rejects 3-D)", voxels, s3, "1 thread both");
            }
        }
        JsonObject edt = r.getAsJsonObject("scipy_edt/volume");
        if (edt != null) {
            double[] theirs = Npy.read(Path.of(edt.get("saved").getAsString())).toDoubleArray();
            double[] ours = DistanceTransform.toNearest(vs, g3, DistanceMetric.EUCLIDEAN, 1);
            double worst = ours.length == theirs.length ? 0 : Double.POSITIVE_INFINITY;
            for (int i = 0; i < Math.min(ours.length, theirs.length); i++) {
                double d = Math.abs(ours[i] - theirs[i]);
                worst = d <= worst ? worst : Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
            System.out.println("  " + agreement.fact("EDT of the volume's surface vs scipy distance_transform_edt",
                    worst <= 1e-9, String.format(Locale.ROOT, "%d voxels, largest difference %.3g (tolerance 1e-9)",
                            ours.length, worst)));
            long voxels = (long) vd * vd * vd;
            addRows("surface", "EDT alone, " + vd + "^3 (sites: the truth volume's surface)", voxels, "voxels", jEdt,
                    "scipy distance_transform_edt", voxels, edt, "1 thread both; DistanceTransform.toNearest");
        }
        JsonObject tm = r.getAsJsonObject("torchmetrics_pairs");
        if (tm != null) {
            int tk = tm.get("pairs").getAsInt();
            double[][] ours = {firstPairs(hd95, t0i, p0i, g2, tk), firstPairs(nsd, t0i, p0i, g2, tk),
                firstPairs(hdMax, t0i, p0i, g2, tk)};
            String[] keys = {"hd95", "nsd", "hd_max"};
            String[] names = {"HD95", "NSD tau=2", "Hausdorff (max)"};
            Times[] oursT = {jPairsHd, jPairsNsd, jPairsMax};
            for (int m = 0; m < 3; m++) {
                JsonArray theirs = tm.getAsJsonArray(keys[m]);
                JsonArray row = new JsonArray();
                row.add(theirs);
                System.out.println("  " + perPair(agreement, names[m] + " of image 0, classes 1.." + tk
                        + " vs torchmetrics edge_surface_distance", new double[][] {ours[m]}, row, 1e-5, true));
                addRows("surface", names[m] + ", image 0 classes 1.." + tk + " (512x512)", tk, "pairs", oursT[m],
                        "torchmetrics 1.9.0 edge_surface_distance per pair"
                                + (m == 2 ? " + max (= HausdorffDistance's update)" : m == 0 ? " + torch.quantile" : " + count"),
                        tk, tm, "1 thread both; torchmetrics timed once per pair (its pytorch distance engine"
                                + " compares every edge point with every other point)");
            }
        }
    }

    private static SurfaceScores scores(SurfaceMetricOptions opt, int[][] t, int[][] p, int n, Grid g) {
        SurfaceScores s = SurfaceScores.of(CLASSES, opt);
        for (int i = 0; i < n; i++) {
            s.update(t[i], p[i], g);
        }
        return s;
    }

    /** The values of classes 1..k of one image. */
    private static double[] firstPairs(SurfaceMetricOptions opt, int[] t, int[] p, Grid g, int k) {
        double[] out = new double[k];
        boolean[] tm = new boolean[t.length];
        boolean[] pm = new boolean[p.length];
        for (int c = 1; c <= k; c++) {
            for (int i = 0; i < t.length; i++) {
                tm[i] = t[i] == c;
                pm[i] = p[i] == c;
            }
            SurfaceDistances s = SurfaceDistances.of(tm, pm, g, DistanceMetric.EUCLIDEAN, 1);
            out[c - 1] = opt.metric() == SurfaceMetric.NSD ? s.surfaceDice(opt.tolerance())
                    : s.hausdorff(opt.percentile(), false);
        }
        return out;
    }

    private static Agreement.Check perPair(Agreement a, String name, double[][] ours, JsonArray theirs, double tol,
            boolean relative) {
        double worst = 0;
        String at = "";
        int count = 0;
        boolean shape = theirs.size() == ours.length;
        for (int i = 0; shape && i < ours.length; i++) {
            JsonArray row = theirs.get(i).getAsJsonArray();
            shape = row.size() == ours[i].length;
            for (int j = 0; shape && j < ours[i].length; j++) {
                double t = row.get(j).getAsDouble();
                double d = Math.abs(ours[i][j] - t) / (relative ? Math.max(Math.abs(t), 1e-300) : 1);
                if (!(d <= worst)) {
                    worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                    at = String.format(Locale.ROOT, " at (%d, %d): %.17g vs %.17g", i, j, ours[i][j], t);
                }
                count++;
            }
        }
        if (!shape) {
            return a.fact(name, false, "different numbers of images or classes");
        }
        return a.fact(name, worst <= tol, String.format(Locale.ROOT, "%d values, largest %s difference %.3g%s"
                + " (tolerance %.0e)", count, relative ? "relative" : "absolute", worst, at, tol));
    }

    /** A wall-time row and a CPU-time row of the same comparison. */
    private void addRows(String group, String what, long items, String unit, Times ours, String peer, long peerItems,
            JsonObject theirs, String note) {
        c.addRow(new Compare.Row(group, what + " [wall]", 1, items, unit, Compare.median(ours.wall), peer, peerItems,
                theirs.get("median_s").getAsDouble(), note));
        c.addRow(new Compare.Row(group, what + " [CPU]", 1, items, unit, Compare.median(ours.cpu), peer, peerItems,
                theirs.get("median_cpu_s").getAsDouble(), "CPU time of the timing thread / Python process_time"));
    }

    private JsonObject runPeer(Path dir, int pairs) throws IOException, InterruptedException {
        Path script = o.surfacePeers;
        if (script == null) {
            script = dir.resolve("surface_peers.py");
            try (InputStream in = SurfaceCompare.class.getResourceAsStream("peers/surface_peers.py")) {
                if (in == null) {
                    throw new IOException("surface_peers.py is not on the class path; pass --surface-peers");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path out = dir.resolve("surface_peers.json");
        List<String> cmd = new ArrayList<>(List.of(o.surfacePython, script.toString(), "--data", dir.toString(),
                "--out", out.toString(), "--runs", Integer.toString(o.surfaceRuns), "--tm-pairs",
                Integer.toString(pairs), "--percentile", Double.toString(PERCENTILE), "--tolerance",
                Double.toString(TOLERANCE)));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        if (o.surfacePythonPath != null) {
            pb.environment().put("PYTHONPATH", o.surfacePythonPath);
        }
        System.out.println("surface peers: " + (o.surfacePythonPath == null ? "" : "PYTHONPATH=" + o.surfacePythonPath + " ")
                + String.join(" ", cmd));
        long t0 = System.nanoTime();
        int rc;
        try {
            rc = pb.start().waitFor();
        } catch (IOException e) {
            c.skip("surface peers", "the interpreter " + o.surfacePython + " does not run: " + e.getMessage());
            return null;
        }
        System.out.printf(Locale.ROOT, "surface peers: done in %.1f s (exit %d)%n", (System.nanoTime() - t0) * 1e-9, rc);
        if (rc != 0 || !Files.exists(out)) {
            c.agreement().fact("surface_peers.py ran", false, "exit status " + rc);
            return null;
        }
        JsonObject j = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        j.getAsJsonObject("skipped").entrySet().forEach(e -> c.skip(e.getKey(), e.getValue().getAsString()));
        return j;
    }
}
