package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.examples.segmentation.SyntheticScenes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Section 4 of the reliability issue: {@code train} runs as its own JVM, is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) in the middle of epoch 2, after the checkpoint of epoch 1 exists;
 * {@code train --resume} completes the run, and its results.json is byte-identical to an uninterrupted run's with
 * the same seed. PyTorch runs on one intra-op and one inter-op thread in every process, so that the floating-point
 * sums are taken in one order.
 */
class TrainKillResumeTest {
    private static final String[] FLAGS = {"--loss", "ce+jml", "--epochs", "3", "--size", "32", "--batch", "4",
        "--seed", "11"};

    private static ProcessBuilder jaccard4j(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-Dai.djl.offline=true", "io.jaccard4j.cli.Jaccard4j"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("JACCARD4J_PROGRESS", "1");
        return pb;
    }

    private static String[] args(String... head) {
        String[] out = java.util.Arrays.copyOf(head, head.length + FLAGS.length);
        System.arraycopy(FLAGS, 0, out, head.length, FLAGS.length);
        return out;
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aKilledRunResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Path voc = dir.resolve("voc");
        SyntheticScenes.writeVocFolder(voc, 20, 32, 32, true);
        Path killed = dir.resolve("killed");
        Process p = jaccard4j(dir, args("train", "--data", voc.toString(), "--out", killed.toString())).start();
        StringBuilder seen = new StringBuilder();
        Path checkpoint = killed.resolve(TrainCommand.CHECKPOINT_FILE);
        try (InputStream in = p.getInputStream()) {
            int c;
            // the progress line of epoch 2 appears after its first batch (of 4): the run is mid-epoch
            while ((c = in.read()) >= 0) {
                seen.append((char) c);
                if (seen.indexOf("epoch 2/3 [") >= 0 && Files.exists(checkpoint)) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "killed");
        assertTrue(Files.exists(checkpoint), "a checkpoint exists before the kill: " + seen);
        assertTrue(p.exitValue() != 0, "the run was killed, not finished: " + seen);
        assertTrue(!Files.exists(killed.resolve("results.json")), "the killed run wrote no results");

        String resumed = run(jaccard4j(dir, args("train", "--data", voc.toString(), "--resume", killed.toString())));
        assertTrue(resumed.contains("resumed from"), resumed);
        Path straight = dir.resolve("straight");
        run(jaccard4j(dir, args("train", "--data", voc.toString(), "--out", straight.toString())));
        assertArrayEquals(Files.readAllBytes(straight.resolve("results.json")),
                Files.readAllBytes(killed.resolve("results.json")),
                "resumed:\n" + Files.readString(killed.resolve("results.json")) + "\nuninterrupted:\n"
                        + Files.readString(straight.resolve("results.json")));
    }
}
