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
}
