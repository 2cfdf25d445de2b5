package io.jaccard4j.retrieval;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Float32Tiles} on the Vector API: a register tile of 4 queries × 2 vectors of references (8 accumulators of
 * {@code FloatVector.SPECIES_PREFERRED}, 16 floats on AVX-512), each lane one (query, reference) pair accumulated
 * by fused multiply-adds over j in order, so the bits equal the scalar chain of {@link Float32Scores}. Loaded
 * reflectively by {@link Float32Tiles#best()} only where {@code jdk.incubator.vector} is present.
 */
final class VectorFloat32Tiles extends Float32Tiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    int step() {
        return 2 * L;
    }

    @Override
    String describe() {
        return "vector (" + L + " floats)";
    }

    @Override
    void tile(float[] q, int qn, int d, float[] panels, int stride, boolean euclidean, float[] out) {
        for (int b = 0; b < stride; b += 2 * L) {
            int p = b * d; // the panel of columns b .. b + 2L - 1: panels[p + j·2L + lane]
            int a = 0;
            if (euclidean) {
                for (; a + 4 <= qn; a += 4) {
                    quadEuclidean(q, a, d, panels, p, b, stride, out);
                }
            } else {
                for (; a + 4 <= qn; a += 4) {
                    quadDot(q, a, d, panels, p, b, stride, out);
                }
            }
            for (; a < qn; a++) {
                single(q, a, d, panels, p, b, stride, euclidean, out);
            }
        }
    }

    /** {@link Float32Tiles#nextAtLeastColumns}, L scores a comparison. */
    @Override
    int nextAtLeastColumns(float[] t, int row, int from, int to, float[] threshold) {
        int b = from;
        for (; b + L <= to; b += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, t, row + b)
                    .compare(VectorOperators.GE, FloatVector.fromArray(S, threshold, b));
            if (m.anyTrue()) {
                return b + m.firstTrue();
            }
        }
        return super.nextAtLeastColumns(t, row, b, to, threshold);
    }

    /** {@link Float32Tiles#nextAtLeastRow}, L scores a comparison. */
    @Override
    int nextAtLeastRow(float[] t, int row, int from, int to, float threshold) {
        int b = from;
        FloatVector th = FloatVector.broadcast(S, threshold);
        for (; b + L <= to; b += L) {
            VectorMask<Float> m = FloatVector.fromArray(S, t, row + b).compare(VectorOperators.GE, th);
            if (m.anyTrue()) {
                return b + m.firstTrue();
            }
        }
        return super.nextAtLeastRow(t, row, b, to, threshold);
    }

    private static void quadDot(float[] q, int a, int d, float[] rt, int p, int b, int stride, float[] out) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int q0 = a * d;
        int q1 = q0 + d;
        int q2 = q1 + d;
        int q3 = q2 + d;
        for (int j = 0, o = p; j < d; j++, o += 2 * L) {
            FloatVector r0 = FloatVector.fromArray(S, rt, o);
            FloatVector r1 = FloatVector.fromArray(S, rt, o + L);
            FloatVector x = FloatVector.broadcast(S, q[q0 + j]);
            c00 = x.fma(r0, c00);
            c01 = x.fma(r1, c01);
            x = FloatVector.broadcast(S, q[q1 + j]);
            c10 = x.fma(r0, c10);
            c11 = x.fma(r1, c11);
            x = FloatVector.broadcast(S, q[q2 + j]);
            c20 = x.fma(r0, c20);
            c21 = x.fma(r1, c21);
            x = FloatVector.broadcast(S, q[q3 + j]);
            c30 = x.fma(r0, c30);
            c31 = x.fma(r1, c31);
        }
        int o = a * stride + b;
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        o += stride;
        c10.intoArray(out, o);
        c11.intoArray(out, o + L);
        o += stride;
        c20.intoArray(out, o);
        c21.intoArray(out, o + L);
        o += stride;
        c30.intoArray(out, o);
        c31.intoArray(out, o + L);
    }

    private static void quadEuclidean(float[] q, int a, int d, float[] rt, int p, int b, int stride, float[] out) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        int q0 = a * d;
        int q1 = q0 + d;
        int q2 = q1 + d;
        int q3 = q2 + d;
        for (int j = 0, o = p; j < d; j++, o += 2 * L) {
            FloatVector r0 = FloatVector.fromArray(S, rt, o);
            FloatVector r1 = FloatVector.fromArray(S, rt, o + L);
            FloatVector x = FloatVector.broadcast(S, q[q0 + j]);
            FloatVector t = x.sub(r0);
            c00 = t.fma(t, c00);
            t = x.sub(r1);
            c01 = t.fma(t, c01);
            x = FloatVector.broadcast(S, q[q1 + j]);
            t = x.sub(r0);
            c10 = t.fma(t, c10);
            t = x.sub(r1);
            c11 = t.fma(t, c11);
            x = FloatVector.broadcast(S, q[q2 + j]);
            t = x.sub(r0);
            c20 = t.fma(t, c20);
            t = x.sub(r1);
            c21 = t.fma(t, c21);
            x = FloatVector.broadcast(S, q[q3 + j]);
            t = x.sub(r0);
            c30 = t.fma(t, c30);
            t = x.sub(r1);
            c31 = t.fma(t, c31);
        }
        int o = a * stride + b;
        c00.neg().intoArray(out, o);
        c01.neg().intoArray(out, o + L);
        o += stride;
        c10.neg().intoArray(out, o);
        c11.neg().intoArray(out, o + L);
        o += stride;
        c20.neg().intoArray(out, o);
        c21.neg().intoArray(out, o + L);
        o += stride;
        c30.neg().intoArray(out, o);
        c31.neg().intoArray(out, o + L);
    }

    private static void single(float[] q, int a, int d, float[] rt, int p, int b, int stride, boolean euclidean,
            float[] out) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        int q0 = a * d;
        for (int j = 0, o = p; j < d; j++, o += 2 * L) {
            FloatVector r0 = FloatVector.fromArray(S, rt, o);
            FloatVector r1 = FloatVector.fromArray(S, rt, o + L);
            FloatVector x = FloatVector.broadcast(S, q[q0 + j]);
            if (euclidean) {
                FloatVector t = x.sub(r0);
                c0 = t.fma(t, c0);
                t = x.sub(r1);
                c1 = t.fma(t, c1);
            } else {
                c0 = x.fma(r0, c0);
                c1 = x.fma(r1, c1);
            }
        }
        int o = a * stride + b;
        if (euclidean) {
            c0 = c0.neg();
            c1 = c1.neg();
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + L);
    }
}
