package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jaccard4j report}: its size stays bounded for large masks, the threshold curve is drawn against the
 * threshold value with the best thresholds of two models marked, multilabel input gets per-label views, and the
 * tutorial's figures are present where they apply.
 */
class ReportFiguresTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** 50 masks of 1024 × 1024 (4 classes, random blobs): report.html under 5 MB, overlays as PNG ≤ 256 px. */
    @Test
    void fiftyLargeMasksGiveASmallReport(@TempDir Path dir) throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Path p = Files.createDirectories(dir.resolve("p"));
        Random r = new Random(3);
        for (int k = 0; k < 50; k++) {
            BufferedImage a = new BufferedImage(1024, 1024, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage b = new BufferedImage(1024, 1024, BufferedImage.TYPE_BYTE_GRAY);
            int cx = 200 + r.nextInt(600);
            int cy = 200 + r.nextInt(600);
            for (int y = 0; y < 1024; y++) {
                for (int x = 0; x < 1024; x++) {
                    int d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    int label = d < 150 * 150 ? 1 : (x / 97 + y / 89) % 7 == 0 ? 2 : (x + y) % 211 == 0 ? 3 : 0;
                    int pred = ((x * 31 + y * 17 + k) % 23 == 0) ? (label + 1) % 4 : label;
                    a.getRaster().setSample(x, y, 0, label);
                    b.getRaster().setSample(x, y, 0, pred);
                }
            }
            ImageIO.write(a, "png", t.resolve(String.format("m%02d.png", k)).toFile());
            ImageIO.write(b, "png", p.resolve(String.format("m%02d.png", k)).toFile());
        }
        CliRun run = CliRun.of("report", "--y-true", t.toString(), "--y-pred", p.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(0, run.exit, run.toString());
        Path html = dir.resolve("out/report.html");
        long size = Files.size(html);
        assertTrue(size < 5_000_000, "report.html is " + size + " bytes");
        String text = Files.readString(html);
        Matcher m = Pattern.compile("<img alt=\"[^\"]*\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(text);
        int images = 0;
        while (m.find()) {
            images++;
            assertTrue(Integer.parseInt(m.group(1)) <= 256 && Integer.parseInt(m.group(2)) <= 256, m.group());
        }
        assertEquals(4, images);
        assertTrue(text.contains("data:image/png;base64,") && text.contains("shown at 256×256"));
        assertFalse(text.contains("width=\"4\" height=\"4\" fill"), "no per-pixel rectangles");
    }

    @Test
    void thresholdCurveOfTwoModelsIsDrawnAgainstTheThresholdValue(@TempDir Path dir) throws Exception {
        Path yTrue = ROOT.resolve("examples/binary/y_true.csv");
        Path s1 = ROOT.resolve("examples/binary/scores.csv");
        List<String> scores = Files.readAllLines(s1);
        StringBuilder pred = new StringBuilder();
        StringBuilder s2 = new StringBuilder();
        for (String s : scores) {
            double v = Double.parseDouble(s);
            pred.append(v >= 0.5 ? "1" : "0").append('\n');
            s2.append(Math.sqrt(v)).append('\n');
        }
        Files.writeString(dir.resolve("p.csv"), pred);
        Files.writeString(dir.resolve("s2.csv"), s2);
        CliRun run = CliRun.of("report", "--y-true", yTrue.toString(), "--y-pred", dir.resolve("p.csv").toString(),
                "--scores", s1.toString(), "--scores2", dir.resolve("s2.csv").toString(), "--out", dir.toString());
        assertEquals(0, run.exit, run.toString());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains(">threshold</text>"), "x axis is the threshold value");
        assertFalse(html.contains("threshold index"));
        assertEquals(2, count(html, ">best "), "one best-threshold mark a model");
        assertTrue(html.contains("A Jaccard") && html.contains("B Jaccard"));
        assertTrue(html.contains("A only") && html.contains("A ∩ B"), "membership strip");
        assertTrue(html.contains("as true negatives grow") && html.contains("false positives × false negatives")
                && html.contains("F1 = 2J/(1+J)"), "tutorial figures");
        CliRun lone = CliRun.of("report", "--y-true", yTrue.toString(), "--y-pred", dir.resolve("p.csv").toString(),
                "--scores2", dir.resolve("s2.csv").toString(), "--out", dir.toString());
        assertEquals(2, lone.exit, lone.toString());
    }

    @Test
    void multilabelInputGetsPerLabelViews(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("report", "--y-true", ROOT.resolve("examples/multilabel/y_true.csv").toString(),
                "--y-pred", ROOT.resolve("examples/multilabel/y_pred.csv").toString(), "--out", dir.toString());
        assertEquals(0, run.exit, run.toString());
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("Scores per label (multilabel") && html.contains("Per-label confusion"), html);
        assertTrue(html.contains("<td>label 0</td>") && html.contains("<td>label 1</td>"));
        assertTrue(html.contains("A only") && html.contains("micro over labels"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
