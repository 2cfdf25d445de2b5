package io.jaccard4j.examples.segmentation;

import java.lang.reflect.Method;

/**
 * Fixes the PyTorch engine's thread counts, on which its floating-point results depend (parallel reductions split
 * their work by the number of intra-op threads, and each split sums in its own order): intra-op threads = n,
 * inter-op threads = 1. Before the engine starts, this sets DJL's system properties
 * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads}, which the engine reads when it
 * loads; when the PyTorch engine is on the class path (a run-time dependency) it also calls its
 * {@code JniUtils.setNumThreads(n)}, so the count holds even when the engine had started earlier in the process.
 */
public final class EngineThreads {
    private EngineThreads() {
    }

    /**
     * Sets n intra-op threads (and 1 inter-op thread before the engine starts).
     *
     * @throws IllegalArgumentException if n &lt; 1
     */
    public static void fix(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1; got " + n);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        try {
            ai.djl.engine.Engine.getInstance(); // loads the engine, which reads the properties on first load
            Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
            Method set = jni.getMethod("setNumThreads", int.class);
            set.invoke(null, n);
        } catch (ClassNotFoundException e) {
            // another engine: the properties are all this class can set
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not set the PyTorch engine's threads to " + n, e);
        }
    }

    /** The engine's intra-op thread count, or -1 when the PyTorch engine is not on the class path. */
    public static int current() {
        try {
            return (Integer) Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod("getNumThreads").invoke(null);
        } catch (ReflectiveOperationException e) {
            return -1;
        }
    }
}
