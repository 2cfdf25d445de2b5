package io.jaccard4j.command;

import io.jaccard4j.engine.ProgressListener;
import java.io.PrintWriter;

/**
 * A progress bar on stderr for long work (e.g. streaming a directory of masks): redrawn in place at most a few
 * times a second, shown only when stderr is a terminal (or {@code JACCARD4J_PROGRESS=1}), and cleared at the
 * end so it never mixes with the output.
 */
public final class Progress implements AutoCloseable, ProgressListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private String task;
    private long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;

    /** A bar that starts when {@link #begin} is called. */
    public Progress(PrintWriter err) {
        this(err, "", 0);
    }

    /** A bar for {@code total} steps of {@code task}. */
    public Progress(PrintWriter err, String task, long total) {
        this.err = err;
        this.task = task;
        this.total = total;
        String forced = System.getenv("JACCARD4J_PROGRESS");
        this.enabled = forced != null ? !forced.equals("0") : System.console() != null;
    }

    @Override
    public void begin(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
    }

    @Override
    public void end() {
        close();
    }

    @Override
    public void step() {
        done++;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 200_000_000L || done == total)) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        double frac = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        int filled = (int) Math.round(frac * WIDTH);
        double secs = (now - start) / 1e9;
        String eta = done > 0 && total > 0 ? String.format("eta %.0fs", secs / done * (total - done)) : "";
        err.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                + String.format(" %.1fs ", secs) + eta + "   ");
        err.flush();
    }

    @Override
    public void close() {
        if (enabled) {
            err.print("\r" + " ".repeat(WIDTH + task.length() + 40) + "\r");
            err.flush();
        }
    }
}
