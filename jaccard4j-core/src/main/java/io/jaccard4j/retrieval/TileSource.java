package io.jaccard4j.retrieval;

import java.io.IOException;

/**
 * Where {@link BlockedRetrieval} gets its similarity tiles: a ranking score for every (query, reference) pair,
 * higher = nearer, computed a block of queries × a block of references at a time. A score must depend only on
 * the pair (never on the blocks or the thread), which is what makes the results independent of both.
 */
interface TileSource {
    /** n. */
    int rows();

    /** A per-thread worker with its own buffers for blocks of up to {@code block} rows. */
    Worker worker(int block);

    /**
     * Whether the workers' scores are float32 values in a {@link Worker#floatTile()} and
     * {@link Worker#scoresOf} is supported (float32 embeddings, Hamming codes).
     */
    default boolean floatTiles() {
        return false;
    }

    /** Scores of one query block against reference blocks; not thread-safe (one per thread). */
    interface Worker {
        /** Loads queries q0 .. q0 + qn − 1. */
        void queries(int q0, int qn) throws IOException;

        /**
         * Scores the loaded queries against references r0 .. r0 + rn − 1 into {@code tile[a·stride + b]}.
         *
         * @return the stride of the tile rows (≥ rn)
         */
        int scores(int r0, int rn) throws IOException;

        /**
         * Scores the loaded queries against the reference rows {@code refs[from .. from + count)} (any rows, count at
         * most the block's rows) into the float tile: {@code floatTile()[a·stride + c]} is the score of query a and
         * row {@code refs[from + c]}, the same value {@link #scores} gives that pair. Returns the stride. Only where
         * {@link TileSource#floatTiles()}.
         */
        default int scoresOf(int[] refs, int from, int count) throws IOException {
            throw new UnsupportedOperationException("scores of listed rows need a source with float tiles");
        }

        /** The tile the last {@link #scores} filled. */
        double[] tile();

        /**
         * The last tile as float32 scores ({@code [a·stride + b]}, the same values as {@link #tile()}: every score a
         * float widened exactly), or null for a source whose scores are not floats. Filtered by {@link #filter}.
         */
        default float[] floatTile() {
            return null;
        }

        /**
         * The filter of the offers on {@link #floatTile()} ({@link Float32Tiles#nextAtLeastRow},
         * {@link Float32Tiles#nextAtLeastColumns}), called directly by the offer loops: the Vector API's calls are
         * deep, and one more level of dispatch put them past the JIT's inlining depth, where every vector is an
         * allocated object (1 GB a second of garbage on one thread).
         */
        default Float32Tiles filter() {
            return Float32Tiles.scalar();
        }
    }

    /**
     * A worker whose scores are float32 values ({@link #floats}, rows of the stride {@link Worker#scores} returns):
     * the offers read the float tile and filter it with {@link Float32Tiles#nextAtLeastRow} (several scores a
     * comparison where the Vector API is present); the double tile is the float tile widened exactly, on demand.
     */
    abstract class FloatWorker implements Worker {
        /** The last tile's scores, {@code [a·stride + b]}. */
        protected final float[] floats;
        /** The double tile, allocated on the first {@link #tile()} (most runs never ask for it). */
        private double[] widenedTile;
        private final Float32Tiles filter;
        private int extent;
        private boolean widened;

        /** @param cells the largest tile (rows × stride) @param filter the threshold filter of the offers */
        protected FloatWorker(int cells, Float32Tiles filter) {
            this.floats = new float[cells];
            this.filter = filter;
        }

        /** Marks {@link #floats} as holding a new tile of {@code qn} rows of {@code stride}; call from scores. */
        protected final void filled(int qn, int stride) {
            extent = qn * stride;
            widened = false;
        }

        @Override
        public final double[] tile() {
            if (widenedTile == null) {
                widenedTile = new double[floats.length];
            }
            if (!widened) {
                for (int i = 0; i < extent; i++) {
                    widenedTile[i] = floats[i];
                }
                widened = true;
            }
            return widenedTile;
        }

        @Override
        public final float[] floatTile() {
            return floats;
        }

        @Override
        public final Float32Tiles filter() {
            return filter;
        }
    }
}
