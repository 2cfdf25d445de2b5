package io.jaccard4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 for the integration tests, started and stopped with the project's
 * own {@code bin/jaccard4j-spark-cluster}: a Master and Workers, each a separate OS process, whose executors are
 * separate JVMs. {@link #close()} stops everything it started; a shutdown hook does the same if the test JVM
 * ends first, and both finish with SIGKILL by PID (the Master, the Workers and the Workers' children).
 */
final class StandaloneCluster implements AutoCloseable {
    static final Path SCRIPT = Path.of(System.getProperty("jaccard4j.clusterScript", "../bin/jaccard4j-spark-cluster"));
    static final Path SPARK_HOME = Path.of(System.getProperty("jaccard4j.sparkHome", "target/spark-home"));
    static final Path JOB_JAR = Path.of(System.getProperty("jaccard4j.jobJar",
            "target/jaccard4j-spark-0.1.0-SNAPSHOT-job.jar"));

    final Path dir;
    final String masterUrl;
    private final List<Long> pids = new ArrayList<>();
    private final Thread hook;

    private StandaloneCluster(Path dir, String masterUrl, Thread hook) {
        this.dir = dir;
        this.masterUrl = masterUrl;
        this.hook = hook;
    }

    /** Starts a Master and {@code workers} Workers of {@code cores} cores each, their files under {@code dir}. */
    static StandaloneCluster start(Path dir, int workers, int cores) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Thread hook = new Thread(() -> stopQuietly(dir));
        Runtime.getRuntime().addShutdownHook(hook);
        Process p = script(dir, "start", "--workers", Integer.toString(workers), "--cores", Integer.toString(cores),
                "--memory", "2g").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            stopQuietly(dir);
            throw new IllegalStateException("cluster did not start: " + err);
        }
        StandaloneCluster c = new StandaloneCluster(dir, out, hook);
        c.pids.add(Long.parseLong(Files.readString(dir.resolve("master.pid")).trim()));
        for (int i = 1; i <= workers; i++) {
            c.pids.add(Long.parseLong(Files.readString(dir.resolve("worker-" + i + ".pid")).trim()));
        }
        return c;
    }

    static ProcessBuilder script(Path dir, String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), command, "--dir", dir.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_HOME", SPARK_HOME.toAbsolutePath().toString());
        return pb;
    }

    private static void stopQuietly(Path dir) {
        try {
            Process p = script(dir, "stop").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // the PIDs below are killed regardless
        }
    }

    /** The executor JVMs running now: the Java children of the Workers. */
    List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (long pid : pids.subList(1, pids.size())) {
            ProcessHandle.of(pid).ifPresent(w -> w.descendants().filter(h -> h.isAlive()
                    && h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).forEach(out::add));
        }
        return out;
    }

    /** The executor JVM of the given executor id, if it runs. */
    Optional<ProcessHandle> executor(String executorId) {
        return executors().stream().filter(h -> h.info().commandLine().orElse("")
                .contains("--executor-id " + executorId + " ")).findFirst();
    }

    @Override
    public void close() {
        stopQuietly(dir);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }
}
