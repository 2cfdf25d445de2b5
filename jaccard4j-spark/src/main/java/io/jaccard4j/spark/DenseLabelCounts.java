package io.jaccard4j.spark;

import io.jaccard4j.metrics.MulticlassConfusion;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * One partition's pass over integer-valued label rows, which checks and counts at once: it tallies the rows that
 * break the label rules (nulls in any column, labels that are not whole numbers or lie beyond the 64-bit range;
 * see {@link SparkColumns#requireLabelRules}, which the driver applies to the summed tallies), and, while the input
 * is clean, counts the rows into core's dense confusion state {@link MulticlassConfusion} indexed by
 * label − {@code origin}. The state grows (by {@link MulticlassConfusion#resized}) as larger labels appear, so
 * partitions end with states of different sizes, which the driver resizes to the largest before merging them in
 * partition order. A label below {@code origin} or at {@code origin} + {@link #SPAN} or beyond leaves the frame:
 * counting stops, while the rule tallies and the label range go on, so that the driver can count again in a frame
 * that fits ({@code origin} = the smallest label) or through an encoder.
 *
 * <p>Rows whose truth equals the ignore index are checked but not counted (nor are their labels present). The
 * labels present — those seen in a counted row, truth or prediction — follow from the counts of an unweighted
 * state; a weighted state marks them as it goes (a label whose every sample weighs 0 is present too, as
 * scikit-learn's {@code unique_labels} has it). Rows reach the counter in their partition order, so the state is a
 * pure function of the partition and a re-run task gives the same bits.
 */
final class DenseLabelCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The widest label frame counted densely: a C×C state of at most 1024² counters (8 MiB) a partition. */
    static final int SPAN = 1024;
    private static final int CHUNK = 8192;

    private final long origin;
    private final boolean weighted;
    private final boolean ignoring;
    private final long ignore;
    private final NumericColumn[] columns;
    /** Rule tallies of the label, prediction (and weight) column. */
    final NumericColumn.Tally[] tallies;
    /** The smallest and largest label of the counted rows (truth and prediction). */
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    /** Whether a counted row held a label outside [origin, origin + SPAN). */
    boolean outOfFrame;
    /** The counts (null until the first counted row, or once the input broke a rule or left the frame). */
    MulticlassConfusion state;
    /** The labels seen in counted rows, by index (weighted states only). */
    boolean[] seen;

    private transient long[] truth;
    private transient long[] prediction;
    private transient double[] weights;
    private transient int[] t;
    private transient int[] p;
    private transient double[] w;
    private transient int buffered;

    /**
     * @param columns the readers of the label, prediction (and weight) column, in that order
     * @param ignore the truth label whose rows are not counted, or null
     */
    DenseLabelCounts(NumericColumn[] columns, long origin, Long ignore) {
        this.columns = columns;
        this.origin = origin;
        this.weighted = columns.length == 3;
        this.ignoring = ignore != null;
        this.ignore = ignore == null ? 0 : ignore;
        tallies = new NumericColumn.Tally[columns.length];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new NumericColumn.Tally();
        }
        truth = new long[CHUNK];
        prediction = new long[CHUNK];
        weights = weighted ? new double[CHUNK] : null;
        t = new int[CHUNK];
        p = new int[CHUNK];
        w = weighted ? new double[CHUNK] : null;
    }

    /** Adds the rows of a cached columnar batch whose columns are the label, prediction (and weight). */
    void add(ColumnarBatch batch) {
        int rows = batch.numRows();
        for (int k = 0; k < columns.length; k++) {
            tallies[k].nulls += batch.column(k).numNulls();
        }
        for (int from = 0; from < rows; ) {
            int len = Math.min(CHUNK - buffered, rows - from);
            columns[0].readLabels(batch, 0, from, len, truth, buffered, tallies[0]);
            columns[1].readLabels(batch, 1, from, len, prediction, buffered, tallies[1]);
            if (weighted) {
                columns[2].readWeights(batch, 2, from, len, weights, buffered);
            }
            from += len;
            buffered += len;
            if (buffered == CHUNK) {
                flush();
            }
        }
    }

    /** Adds one internal row whose fields are the label, prediction (and weight). */
    void add(InternalRow r) {
        truth[buffered] = label(r, 0);
        prediction[buffered] = label(r, 1);
        if (weighted) {
            if (r.isNullAt(2)) {
                tallies[2].nulls++;
            } else {
                weights[buffered] = columns[2].readWeight(r, 2);
            }
        }
        if (++buffered == CHUNK) {
            flush();
        }
    }

    private long label(InternalRow r, int k) {
        if (r.isNullAt(k)) {
            tallies[k].nulls++;
            return 0;
        }
        return columns[k].readLabel(r, k, tallies[k]);
    }

    /** Counts what is buffered and drops the buffers; returns this, ready to travel to the driver. */
    DenseLabelCounts finish() {
        flush();
        truth = null;
        prediction = null;
        weights = null;
        t = null;
        p = null;
        w = null;
        return this;
    }

    /** Whether every row so far kept the label rules. */
    boolean clean() {
        for (NumericColumn.Tally x : tallies) {
            if (!x.clean()) {
                return false;
            }
        }
        return true;
    }

    private void flush() {
        int n = buffered;
        buffered = 0;
        if (n == 0) {
            return;
        }
        if (!clean()) {
            state = null;
            seen = null;
            return;
        }
        long l = Long.MAX_VALUE;
        long h = Long.MIN_VALUE;
        int k = 0;
        if (!ignoring) {
            for (int i = 0; i < n; i++) {
                long a = truth[i];
                long b = prediction[i];
                l = Math.min(l, Math.min(a, b));
                h = Math.max(h, Math.max(a, b));
                t[i] = (int) (a - origin);
                p[i] = (int) (b - origin);
            }
            k = n;
            if (weighted) {
                System.arraycopy(weights, 0, w, 0, n);
            }
        } else {
            for (int i = 0; i < n; i++) {
                long a = truth[i];
                if (a == ignore) {
                    continue;
                }
                long b = prediction[i];
                l = Math.min(l, Math.min(a, b));
                h = Math.max(h, Math.max(a, b));
                t[k] = (int) (a - origin);
                p[k] = (int) (b - origin);
                if (weighted) {
                    w[k] = weights[i];
                }
                k++;
            }
        }
        if (k == 0) {
            return;
        }
        lo = Math.min(lo, l);
        hi = Math.max(hi, h);
        if (outOfFrame) {
            return;
        }
        if (l < origin || Long.compareUnsigned(h - origin, SPAN) >= 0) {
            outOfFrame = true;
            state = null;
            seen = null;
            return;
        }
        int size = (int) (h - origin) + 1;
        if (state == null) {
            state = weighted ? MulticlassConfusion.weighted(size, MulticlassConfusion.NO_IGNORE)
                    : MulticlassConfusion.of(size);
        } else if (size > state.numClasses()) {
            state = state.resized(size);
        }
        int[] a = k == CHUNK ? t : Arrays.copyOf(t, k);
        int[] b = k == CHUNK ? p : Arrays.copyOf(p, k);
        if (weighted) {
            if (seen == null || seen.length < state.numClasses()) {
                seen = seen == null ? new boolean[state.numClasses()] : Arrays.copyOf(seen, state.numClasses());
            }
            for (int i = 0; i < k; i++) {
                seen[a[i]] = true;
                seen[b[i]] = true;
            }
            state.update(a, b, k == CHUNK ? w : Arrays.copyOf(w, k));
        } else {
            state.update(a, b);
        }
    }

    /**
     * The partitions' counts in one state, in partition order, each resized to the largest; null when no row was
     * counted. All partitions must be clean and within the frame.
     */
    static MulticlassConfusion merged(List<DenseLabelCounts> parts, boolean weighted) {
        int size = 0;
        for (DenseLabelCounts c : parts) {
            size = c.state == null ? size : Math.max(size, c.state.numClasses());
        }
        if (size == 0) {
            return null;
        }
        MulticlassConfusion all = weighted ? MulticlassConfusion.weighted(size, MulticlassConfusion.NO_IGNORE)
                : MulticlassConfusion.of(size);
        for (DenseLabelCounts c : parts) {
            if (c.state != null) {
                all.merge(c.state.numClasses() == size ? c.state : c.state.resized(size));
            }
        }
        return all;
    }

    /** The indices present in the merged state: seen in a counted row (as truth or prediction). */
    static boolean[] present(List<DenseLabelCounts> parts, MulticlassConfusion all) {
        int size = all.numClasses();
        boolean[] out = new boolean[size];
        if (all.isWeighted()) {
            for (DenseLabelCounts c : parts) {
                if (c.seen != null) {
                    for (int i = 0; i < c.seen.length; i++) {
                        out[i] |= c.seen[i];
                    }
                }
            }
            return out;
        }
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                if (all.count(a, b) > 0) {
                    out[a] = true;
                    out[b] = true;
                }
            }
        }
        return out;
    }
}
