package io.jaccard4j.engine;

/**
 * Told how far a long scoring pass (a stream of mask pairs) has come; a front end draws it, the engine only
 * counts. {@link #NONE} ignores everything.
 */
public interface ProgressListener {
    /** Ignores every call. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String task, long total) {
        }

        @Override
        public void step() {
        }

        @Override
        public void end() {
        }
    };

    /** The pass starts: {@code total} steps of {@code task}. */
    void begin(String task, long total);

    /** One step is done. */
    void step();

    /** The pass ended (normally or not). */
    void end();
}
