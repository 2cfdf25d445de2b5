package io.jaccard4j.metriclearning;

/**
 * Mixing weights of SiMix, the similarity mixup of Patel, Tolias, Matas (CVPR 2022): for two samples i &lt; j of
 * one class, the virtual sample v = α<sub>ij</sub> e<sub>i</sub> + (1 − α<sub>ij</sub>) e<sub>j</sub> of that class has, by
 * linearity of the inner product, similarity S<sub>qv</sub> = α<sub>ij</sub> S<sub>qi</sub> + (1 − α<sub>ij</sub>) S<sub>qj</sub>
 * to any query q — so mixing costs scalars, not embeddings. {@link #weight(int, int)} gives α<sub>ij</sub> ∈ [0, 1].
 */
@FunctionalInterface
public interface SimilarityMixup {
    /** α<sub>ij</sub> for the same-class pair i &lt; j of the batch. */
    double weight(int i, int j);

    /** α<sub>ij</sub> uniform in [0, 1), a fixed function of (seed, i, j): deterministic, reproducible. */
    static SimilarityMixup seeded(long seed) {
        return (i, j) -> {
            long h = mix(seed ^ 0x9E3779B97F4A7C15L);
            h = mix(h ^ i);
            h = mix(h ^ ((long) j << 32));
            return (h >>> 11) * 0x1.0p-53;
        };
    }

    /** The same α for every pair. */
    static SimilarityMixup constant(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("mixup weight is " + alpha + "; expected a value in [0, 1]");
        }
        return (i, j) -> alpha;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
