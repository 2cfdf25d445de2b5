package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @Test
    void masksAndLabelsGiveAnHtmlReport(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        CliRun masks = CliRun.of("report", "--y-true", root.resolve("examples/masks/true").toString(), "--y-pred",
                root.resolve("examples/masks/pred").toString(), "--ignore-index", "255", "--out",
                dir.resolve("m").toString());
        assertEquals(0, masks.exit, masks.toString());
        String html = Files.readString(dir.resolve("m/report.html"));
        assertTrue(html.contains("confusion matrix") && html.contains("Mask overlays") && html.contains("<svg"));
        Path p = dir.resolve("p.csv");
        List<String> truth = Files.readAllLines(root.resolve("examples/binary/y_true.csv"));
        List<String> scores = Files.readAllLines(root.resolve("examples/binary/scores.csv"));
        StringBuilder sb = new StringBuilder();
        for (String s : scores) {
            sb.append(Double.parseDouble(s) >= 0.5 ? "1" : "0").append('\n');
        }
        Files.writeString(p, sb.toString());
        CliRun labels = CliRun.of("report", "--y-true", root.resolve("examples/binary/y_true.csv").toString(),
                "--y-pred", p.toString(), "--scores", root.resolve("examples/binary/scores.csv").toString(), "--out",
                dir.resolve("b").toString());
        assertEquals(0, labels.exit, labels.toString());
        assertTrue(Files.readString(dir.resolve("b/report.html")).contains("Threshold curve"));
        assertEquals(truth.size(), scores.size());
        CliRun missing = CliRun.of("report", "--y-true", dir.resolve("nope").toString(), "--y-pred",
                p.toString(), "--out", dir.toString());
        assertEquals(2, missing.exit, missing.toString());
    }

    /**
     * Labels (N,) as NPY, their arg-max predictions as CSV and softmax probabilities (N, C) as NPY, seeded: the
     * inputs of the calibration section. Returns {labels, predictions, probabilities}.
     */
    static Path[] calibrationInputs(Path dir) throws java.io.IOException {
        java.util.Random r = new java.util.Random(20);
        int n = 300;
        int c = 3;
        long[] y = new long[n];
        double[] p = new double[n * c];
        StringBuilder pred = new StringBuilder();
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(c);
            double sum = 0;
            double[] e = new double[c];
            for (int k = 0; k < c; k++) {
                e[k] = Math.exp(1.5 * r.nextGaussian() + (k == y[i] ? 1.2 : 0));
                sum += e[k];
            }
            int best = 0;
            for (int k = 0; k < c; k++) {
                p[i * c + k] = e[k] / sum;
                best = p[i * c + k] > p[i * c + best] ? k : best;
            }
            pred.append(best).append('\n');
        }
        Path[] out = {dir.resolve("cal_true.npy"), dir.resolve("cal_pred.csv"), dir.resolve("cal_probs.npy")};
        io.jaccard4j.io.Npy.write(out[0], io.jaccard4j.io.NpyArray.of(y, n));
        Files.writeString(out[1], pred.toString());
        io.jaccard4j.io.Npy.write(out[2], io.jaccard4j.io.NpyArray.of(p, n, c));
        return out;
    }

    @Test
    void probabilitiesAddTheReliabilityDiagramWithTheEceOfScore(@TempDir Path dir) throws Exception {
        Path[] in = calibrationInputs(dir);
        CliRun report = CliRun.of("report", "--y-true", in[0].toString(), "--y-pred", in[1].toString(), "--probs",
                in[2].toString(), "--bins", "10", "--out", dir.resolve("r").toString());
        assertEquals(0, report.exit, report.toString());
        String html = Files.readString(dir.resolve("r/report.html"));
        com.google.gson.JsonObject score = CliRun.of("score", "--y-true", in[0].toString(), "--metric", "ece",
                "--probs", in[2].toString(), "--bins", "10", "--format", "json").json();
        String ece = String.format(java.util.Locale.ROOT, "%.4f", score.get("score").getAsDouble());
        assertTrue(html.contains("reliability diagram of --probs (10 equal-width bins, ECE = " + ece + ")"), html);
        com.google.gson.JsonArray counts = score.getAsJsonArray("reliability_count");
        int filled = 0;
        for (int b = 0; b < counts.size(); b++) {
            filled += counts.get(b).getAsDouble() > 0 ? 1 : 0;
        }
        assertEquals(filled, html.split("accuracy \\d\\.\\d{4}</title>", -1).length - 1, "one accuracy bar a filled bin");
        assertEquals(10, html.split("samples \\(", -1).length - 1, "one count bar a bin");

        CliRun noProbs = CliRun.of("report", "--y-true", in[0].toString(), "--y-pred", in[1].toString(), "--bins",
                "10", "--out", dir.resolve("x").toString());
        assertEquals(2, noProbs.exit, noProbs.toString());
        assertTrue(noProbs.err.contains("--bins applies to --probs"), noProbs.err);
        Path bad = dir.resolve("bad.npy");
        io.jaccard4j.io.Npy.write(bad, io.jaccard4j.io.NpyArray.of(new double[300 * 3], 300, 3));
        CliRun zeros = CliRun.of("report", "--y-true", in[0].toString(), "--y-pred", in[1].toString(), "--probs",
                bad.toString(), "--out", dir.resolve("z").toString());
        CliRun zerosScore = CliRun.of("score", "--y-true", in[0].toString(), "--metric", "ece", "--probs",
                bad.toString());
        assertEquals(2, zeros.exit, zeros.toString());
        assertEquals(2, zerosScore.exit, zerosScore.toString());
        assertEquals(zerosScore.err.replace("jaccard4j score:", "jaccard4j report:"), zeros.err,
                "the same message as score");
    }
}
