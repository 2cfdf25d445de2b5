package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.examples.softlabels.SoftLabelDemo;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders reports in a real browser (Debian's {@code chromium}, headless) and checks what a reader would see: the
 * page loads without console errors or script errors, every figure (each {@code <figure>}, its SVG or PNG image)
 * has a non-zero size and every PNG decodes, and a screenshot is not blank (its pixels are not all one colour, and
 * at least 1 % of them differ from the background). The page under test is a copy of report.html with a small probe
 * script appended (the shipped report has no script). Without chromium on the PATH the tests are skipped with a
 * loud message (JUnit assumption); {@code .ci/run} installs it. The report of {@code --probs} is checked for its
 * reliability diagram by name: that figure is on the page and the browser lays it out with a non-zero size.
 */
class ReportBrowserTest {
    private static String chromium;

    @BeforeAll
    static void findChromium() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    chromium = Path.of(dir, name).toString();
                    return;
                }
            }
        }
        System.err.println("*** ReportBrowserTest SKIPPED: no chromium on the PATH; the report was NOT checked in a "
                + "browser. Install it with: apt-get update && apt-get install -y chromium ***");
    }

    private static final String PROBE = "<script>(function(){var errs=[];window.addEventListener('error',function(e)"
            + "{errs.push('error: '+(e.message||(e.target&&e.target.tagName)))},true);var ce=console.error;"
            + "console.error=function(){errs.push('console.error: '+Array.prototype.join.call(arguments,' '));"
            + "ce.apply(console,arguments)};window.addEventListener('load',function(){var out=[];"
            + "document.querySelectorAll('figure').forEach(function(f,i){var r=f.getBoundingClientRect();"
            + "var g=f.querySelector('svg,img');var gr=g?g.getBoundingClientRect():{width:0,height:0};"
            + "var nat=g&&g.tagName==='IMG'?(g.naturalWidth+'x'+g.naturalHeight):'svg';"
            + "out.push('FIG '+i+' '+Math.round(r.width)+' '+Math.round(r.height)+' '+Math.round(gr.width)+' '"
            + "+Math.round(gr.height)+' '+nat)});errs.forEach(function(e){out.push('ERR '+e)});"
            + "var p=document.createElement('pre');p.id='probe';p.textContent=out.join('\\n');"
            + "document.body.appendChild(p)})})();</script>";

    /** Checks the page (see the class comment); returns the probe's lines, one {@code FIG i w h gw gh} a figure. */
    private static List<String> check(Path report, Path work) throws Exception {
        Assumptions.assumeTrue(chromium != null, "SKIPPED: no chromium on the PATH (apt-get install -y chromium); "
                + "the report was not checked in a browser");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        Path probe = work.resolve("probe.html");
        Files.writeString(probe, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + work.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000");
        List<String> dump = new ArrayList<>(common);
        dump.add("--dump-dom");
        dump.add(probe.toUri().toString());
        String[] dom = run(dump, work.resolve("dom.txt"), work.resolve("dom.err"));
        Matcher m = Pattern.compile("<pre id=\"probe\">([^<]*)</pre>").matcher(dom[0]);
        assertTrue(m.find(), "the probe did not run; chromium stderr: " + dom[1]);
        String[] lines = m.group(1).split("\n");
        int figures = 0;
        for (String line : lines) {
            assertTrue(!line.startsWith("ERR"), "page error: " + line);
            if (line.startsWith("FIG")) {
                figures++;
                String[] f = line.split(" ");
                for (int k = 2; k <= 5; k++) {
                    assertTrue(Integer.parseInt(f[k]) > 0, "figure with zero size: " + line);
                }
                assertTrue(!f[6].equals("0x0"), "PNG did not decode: " + line);
            }
        }
        int inHtml = html.split("<figure>", -1).length - 1;
        assertEquals(inHtml, figures, "every figure of the page was measured");
        for (String line : dom[1].split("\n")) {
            assertTrue(!(line.contains("CONSOLE") && line.contains(probe.getFileName().toString())),
                    "console message: " + line);
        }
        Path shot = work.resolve("shot.png");
        List<String> screenshot = new ArrayList<>(common);
        screenshot.add("--screenshot=" + shot);
        screenshot.add("--window-size=1280,2400");
        screenshot.add(report.toUri().toString());
        run(screenshot, work.resolve("shot.txt"), work.resolve("shot.err"));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertTrue(img != null && img.getWidth() > 0, "no screenshot written");
        int background = img.getRGB(0, 0);
        long differ = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                differ += img.getRGB(x, y) != background ? 1 : 0;
            }
        }
        double share = (double) differ / ((long) img.getWidth() * img.getHeight());
        assertTrue(share > 0.01, "screenshot is blank: " + share + " of its pixels differ from the background");
        String keep = System.getProperty("jaccard4j.screenshots");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            Files.copy(shot, Path.of(keep, report.getParent().getFileName() + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return List.of(lines);
    }

    private static String[] run(List<String> cmd, Path out, Path err) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        return new String[] {Files.readString(out), Files.readString(err)};
    }

    @Test
    void reportOfBinaryScoresAndMasksRendersInChromium(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path yTrue = root.resolve("examples/binary/y_true.csv");
        StringBuilder pred = new StringBuilder();
        for (String s : Files.readAllLines(root.resolve("examples/binary/scores.csv"))) {
            pred.append(Double.parseDouble(s) >= 0.5 ? "1" : "0").append('\n');
        }
        Files.writeString(dir.resolve("p.csv"), pred);
        CliRun run = CliRun.of("report", "--y-true", yTrue.toString(), "--y-pred", dir.resolve("p.csv").toString(),
                "--scores", root.resolve("examples/binary/scores.csv").toString(), "--out",
                dir.resolve("binary").toString());
        assertEquals(0, run.exit, run.toString());
        check(dir.resolve("binary/report.html"), dir);
        CliRun masks = CliRun.of("report", "--y-true", root.resolve("examples/masks/true").toString(), "--y-pred",
                root.resolve("examples/masks/pred").toString(), "--ignore-index", "255", "--out",
                dir.resolve("masks").toString());
        assertEquals(0, masks.exit, masks.toString());
        check(dir.resolve("masks/report.html"), dir);
        CliRun ml = CliRun.of("report", "--y-true", root.resolve("examples/multilabel/y_true.csv").toString(),
                "--y-pred", root.resolve("examples/multilabel/y_pred.csv").toString(), "--out",
                dir.resolve("multilabel").toString());
        assertEquals(0, ml.exit, ml.toString());
        check(dir.resolve("multilabel/report.html"), dir);
    }

    @Test
    void reliabilityDiagramOfProbabilitiesRendersInChromium(@TempDir Path dir) throws Exception {
        Path[] in = ReportCommandTest.calibrationInputs(dir);
        CliRun run = CliRun.of("report", "--y-true", in[0].toString(), "--y-pred", in[1].toString(), "--probs",
                in[2].toString(), "--out", dir.resolve("calibration").toString());
        assertEquals(0, run.exit, run.toString());
        Path report = dir.resolve("calibration/report.html");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        int figures = html.split("<figure>", -1).length - 1;
        int diagram = -1;
        for (int i = 0, from = 0; i < figures; i++) {
            from = html.indexOf("<figure>", from) + 1;
            int end = html.indexOf("</figure>", from);
            if (html.substring(from, end).contains("reliability diagram of --probs")) {
                diagram = i;
            }
        }
        assertTrue(diagram >= 0, "the report has the reliability diagram");
        List<String> probe = check(report, dir);
        String line = probe.stream().filter(l -> l.startsWith("FIG ")).toList().get(diagram);
        String[] f = line.split(" ");
        for (int k = 2; k <= 5; k++) {
            assertTrue(Integer.parseInt(f[k]) > 0, "reliability diagram with zero size: " + line);
        }
    }

    @Test
    void softLabelDemoReportRendersInChromium(@TempDir Path dir) throws Exception {
        new SoftLabelDemo(50, 0.1, 7).runAndWrite(dir.resolve("soft"));
        check(dir.resolve("soft/report.html"), dir);
    }
}
