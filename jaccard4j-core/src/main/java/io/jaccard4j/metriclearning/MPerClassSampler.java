package io.jaccard4j.metriclearning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * pytorch-metric-learning's {@code MPerClassSampler}: an epoch of sample indices in which every run of
 * {@code batchSize} indices holds m samples of each of batchSize / m classes, so that every batch has positive pairs.
 * Per pass the class list is shuffled; with a batch size the first batchSize / m classes are taken, without one all
 * classes; each class contributes m of its samples, drawn without replacement (with replacement when it has fewer
 * than m). The epoch length is {@code lengthBeforeNewIter} rounded down to a multiple of the batch size (or of m × the
 * number of classes without one), and it holds ⌊length / batchSize⌋ passes (at least one) — PML's rules, including
 * its quirk that a single pass longer than the requested length makes the epoch longer.
 *
 * <p>Randomness comes from {@link Random} with the given seed: the same seed gives the same epochs, but not numpy's
 * stream, so the indices differ from PML's for the same seed; the structure (classes per batch, m per class, length)
 * is PML's. Not thread-safe (it owns its random stream).
 */
public final class MPerClassSampler {
    private final int m;
    private final Integer batchSize;
    private final Map<Integer, int[]> byLabel;
    private final List<Integer> classes;
    private final int listSize;
    private final Random random;

    /**
     * A sampler over {@code labels}.
     *
     * @param batchSize null for PML's {@code batch_size=None}
     * @throws IllegalArgumentException as PML's assertions: m &lt; 1, length &lt; batch size, m × classes &lt; batch size,
     *     or m not dividing the batch size
     */
    public MPerClassSampler(int[] labels, int m, Integer batchSize, int lengthBeforeNewIter, long seed) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            throw new IllegalArgumentException("MPerClassSampler: labels are empty; expected at least one sample");
        }
        if (m < 1) {
            throw new IllegalArgumentException("MPerClassSampler: m is " + m + "; expected m >= 1");
        }
        if (lengthBeforeNewIter < 1) {
            throw new IllegalArgumentException("MPerClassSampler: length_before_new_iter is " + lengthBeforeNewIter
                    + "; expected >= 1");
        }
        this.m = m;
        this.batchSize = batchSize;
        Map<Integer, List<Integer>> lists = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) {
            lists.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        byLabel = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Integer>> en : lists.entrySet()) {
            byLabel.put(en.getKey(), en.getValue().stream().mapToInt(Integer::intValue).toArray());
        }
        classes = new ArrayList<>(byLabel.keySet());
        int single = m * classes.size();
        int size = lengthBeforeNewIter;
        if (batchSize == null) {
            if (single < size) {
                size -= size % single;
            }
        } else {
            if (batchSize < 1 || size < batchSize) {
                throw new IllegalArgumentException("MPerClassSampler: length_before_new_iter " + size
                        + " must be >= batch_size " + batchSize + " >= 1");
            }
            if (single < batchSize) {
                throw new IllegalArgumentException("MPerClassSampler: m * (number of unique labels) = " + single
                        + " must be >= batch_size " + batchSize);
            }
            if (batchSize % m != 0) {
                throw new IllegalArgumentException("MPerClassSampler: m = " + m + " must divide batch_size "
                        + batchSize + " without any remainder");
            }
            size -= size % batchSize;
        }
        this.listSize = size;
        this.random = new Random(seed);
    }

    /** The nominal epoch length (PML's {@code len(sampler)}). */
    public int length() {
        return listSize;
    }

    /** The indices of the next epoch. */
    public int[] epoch() {
        int single = m * classes.size();
        int divisor = batchSize == null ? single : batchSize;
        int passes = divisor < listSize ? listSize / divisor : 1;
        int[] out = new int[listSize];
        int i = 0;
        for (int pass = 0; pass < passes; pass++) {
            java.util.Collections.shuffle(classes, random);
            int take = batchSize == null ? classes.size() : batchSize / m;
            for (int c = 0; c < take; c++) {
                int[] pool = byLabel.get(classes.get(c));
                int[] pick = choice(pool, m);
                if (i + m > out.length) {
                    out = Arrays.copyOf(out, i + m);
                }
                System.arraycopy(pick, 0, out, i, m);
                i += m;
            }
        }
        return out;
    }

    /** m of the pool: without replacement, or with it when the pool is smaller (PML's safe_random_choice). */
    private int[] choice(int[] pool, int size) {
        int[] out = new int[size];
        if (pool.length < size) {
            for (int k = 0; k < size; k++) {
                out[k] = pool[random.nextInt(pool.length)];
            }
            return out;
        }
        int[] p = pool.clone();
        for (int k = 0; k < size; k++) {
            int j = k + random.nextInt(p.length - k);
            int t = p[k];
            p[k] = p[j];
            p[j] = t;
            out[k] = p[k];
        }
        return out;
    }
}
