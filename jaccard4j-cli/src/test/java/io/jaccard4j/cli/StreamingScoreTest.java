package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories of masks are streamed a pair at a time: a separate JVM with a 32 MB heap scores 192 MB of NPY masks
 * (six times its heap) and prints the IoU that the definition gives on counts taken while writing the masks.
 */
class StreamingScoreTest {
    @TempDir
    Path dir;

    @Test
    void scoresMasksSixTimesLargerThanTheHeap() throws Exception {
        int images = 96;
        int h = 1024;
        int w = 1024;
        int classes = 5;
        Path truth = Files.createDirectories(dir.resolve("true"));
        Path pred = Files.createDirectories(dir.resolve("pred"));
        long[] tp = new long[classes];
        long[] support = new long[classes];
        long[] predicted = new long[classes];
        byte[] t = new byte[h * w];
        byte[] p = new byte[h * w];
        for (int img = 0; img < images; img++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    int a = ((x / (37 + img)) + (y / 53)) % classes;
                    int b = (x + img) % 29 == 0 ? (a + 1) % classes : a;
                    boolean ignored = y % 97 == 0;
                    t[i] = (byte) (ignored ? 255 : a);
                    p[i] = (byte) b;
                    if (!ignored) {
                        support[a]++;
                        predicted[b]++;
                        if (a == b) {
                            tp[a]++;
                        }
                    }
                }
            }
            String name = String.format("m%03d.npy", img);
            Npy.write(truth.resolve(name), NpyArray.ofUint8(t, h, w));
            Npy.write(pred.resolve(name), NpyArray.ofUint8(p, h, w));
        }
        double expected = 0;
        for (int k = 0; k < classes; k++) {
            expected += tp[k] / (double) (support[k] + predicted[k] - tp[k]);
        }
        expected /= classes;

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                "io.jaccard4j.cli.Jaccard4j", "score", "--y-true", truth.toString(), "--y-pred", pred.toString(),
                "--average", "macro", "--ignore-index", "255", "--format", "json"));
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, proc.exitValue(), "stdout: " + out);
        JsonObject o = JsonParser.parseString(out.trim()).getAsJsonObject();
        assertEquals(expected, o.get("score").getAsDouble(), 1e-12);
        long bytes = 0;
        for (File f : truth.toFile().listFiles()) {
            bytes += f.length();
        }
        for (File f : pred.toFile().listFiles()) {
            bytes += f.length();
        }
        assertTrue(bytes > 6L * 32 * 1024 * 1024, "the data must exceed the child's heap: " + bytes);
    }
}
