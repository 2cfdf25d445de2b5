package io.jaccard4j.djl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Test support for gradient checks: called between the forward and the backward pass, it collects garbage and refills
 * the native memory freed by that with NaN bytes (the allocator hands freed blocks out again), so an operand that
 * autograd reads back from a garbage-collected direct buffer (see {@link Scalars}) spoils the gradient in the test
 * instead of only when the collector happens to run.
 */
public final class FreedMemory {
    /** The refill of the last call, reachable until the next one (so past the backward pass that follows). */
    private static List<ByteBuffer> held = List.of();

    private FreedMemory() {
    }

    /** Runs a collection, then allocates small direct buffers (the size of 0-d arrays and up) filled with 0xFF. */
    public static void collectAndOverwrite() {
        System.gc();
        List<ByteBuffer> fill = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 + i % 64);
            while (b.hasRemaining()) {
                b.put((byte) 0xFF);
            }
            fill.add(b);
        }
        held = fill;
    }
}
