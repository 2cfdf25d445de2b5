package io.jaccard4j.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the chunks 0..n−1 of a data-parallel kernel on up to T threads: the calling thread and T − 1 workers of a
 * shared pool of daemon threads take chunk indices from one counter until none is left. The kernels of this
 * library make their chunks independent of T and combine per-chunk results in chunk order, so that results are
 * the same bits whatever the thread count.
 *
 * <p>The first exception thrown by a chunk is rethrown to the caller (unchecked exceptions as they are) after every
 * started chunk has finished; the remaining chunks are skipped.
 */
public final class ChunkedWork {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jaccard4j-worker");
        t.setDaemon(true);
        return t;
    });

    private ChunkedWork() {
    }

    /** The default thread count: the number of processors available to the JVM. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Checks a thread count given by a user.
     *
     * @throws IllegalArgumentException if it is below 1
     */
    public static int checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1; got " + threads);
        }
        return threads;
    }

    /** Receives chunk k of a range split by {@link #forEachRange}: [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void accept(int chunk, int from, int to);
    }

    /** The number of chunks {@link #forEachRange} splits [0, length) into. */
    public static int rangeChunks(int length, int threads, int minLength) {
        checkThreads(threads);
        return (int) Math.max(1, Math.min(threads, length / (long) minLength));
    }

    /**
     * Splits [0, length) into {@link #rangeChunks} contiguous chunks of equal length (the last one shorter), each
     * at least {@code minLength} long unless there is only one, and calls {@code body} for each on up to
     * {@code threads} threads. The split depends on the thread count; kernels whose results must not depend on it
     * combine the chunks' results exactly (integer sums).
     */
    public static void forEachRange(int length, int threads, int minLength, RangeBody body) {
        int chunks = rangeChunks(length, threads, minLength);
        long per = (length + (long) chunks - 1) / chunks;
        forEach(chunks, threads, k -> {
            int from = (int) Math.min(length, k * per);
            body.accept(k, from, (int) Math.min(length, from + per));
        });
    }

    /** Calls {@code body} once for every chunk index 0..chunks−1, on up to {@code threads} threads. */
    public static void forEach(int chunks, int threads, IntConsumer body) {
        checkThreads(threads);
        if (chunks <= 0) {
            return;
        }
        int workers = Math.min(threads, chunks) - 1;
        if (workers == 0) {
            for (int k = 0; k < chunks; k++) {
                body.accept(k);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Runnable drain = () -> {
            for (int k = next.getAndIncrement(); k < chunks && failed.get() == 0; k = next.getAndIncrement()) {
                try {
                    body.accept(k);
                } catch (RuntimeException | Error e) {
                    failed.incrementAndGet();
                    throw e;
                }
            }
        };
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(POOL.submit(drain));
        }
        Throwable first = null;
        try {
            drain.run();
        } catch (RuntimeException | Error e) {
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for worker threads", e);
            }
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
