package io.jaccard4j.retrieval;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SimilarityTiles} on the Vector API: a register tile of 4 queries × 2 vectors of references (8
 * accumulators), each lane one (query, reference) entry summed over j in order, so the bits equal the scalar
 * loop's. Loaded reflectively by {@link SimilarityTiles#best()} only where {@code jdk.incubator.vector} is present.
 */
final class VectorSimilarityTiles extends SimilarityTiles {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    int step() {
        return 2 * L;
    }

    @Override
    String describe() {
        return "vector (" + L + " doubles)";
    }

    @Override
    void tilePacked(double[] q, int qn, int d, double[] rt, int stride, boolean cosine, boolean widenedFloats,
            double[] qNorm, double[] rNorm, double[] out) {
        for (int b = 0; b < stride; b += 2 * L) {
            int p = b * d; // the panel of columns b .. b + 2L - 1: rt[p + j·2L + lane]
            int a = 0;
            for (; a + 4 <= qn; a += 4) {
                quad(q, a, d, rt, p, b, stride, cosine, widenedFloats, qNorm, rNorm, out);
            }
            for (; a < qn; a++) {
                single(q, a, d, rt, p, b, stride, cosine, widenedFloats, qNorm, rNorm, out);
            }
        }
        finish(qn, stride, cosine, qNorm, rNorm, out);
    }

    /**
     * Turns the raw sums of the tile into scores: −sum (Euclidean) or sum / max(‖q‖·‖r‖, MIN_NORMAL) (cosine). A
     * pass of its own after the sums, so that the micro-kernels stay small enough for the JIT to inline every vector
     * operation (a vector passed to a method that is not inlined is boxed on the heap).
     */
    private static void finish(int qn, int stride, boolean cosine, double[] qNorm, double[] rNorm, double[] out) {
        for (int a = 0; a < qn; a++) {
            int o = a * stride;
            for (int b = 0; b < stride; b += L) {
                DoubleVector acc = DoubleVector.fromArray(S, out, o + b);
                if (cosine) {
                    DoubleVector den = DoubleVector.fromArray(S, rNorm, b).mul(qNorm[a]).max(Double.MIN_NORMAL);
                    acc.div(den).intoArray(out, o + b);
                } else {
                    acc.neg().intoArray(out, o + b);
                }
            }
        }
    }

    private static void quad(double[] q, int a, int d, double[] rt, int p, int b, int stride, boolean cosine,
            boolean fused, double[] qNorm, double[] rNorm, double[] out) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        int q0 = a * d;
        int q1 = q0 + d;
        int q2 = q1 + d;
        int q3 = q2 + d;
        if (cosine && fused) {
            for (int j = 0, o = p; j < d; j++, o += 2 * L) {
                DoubleVector r0 = DoubleVector.fromArray(S, rt, o);
                DoubleVector r1 = DoubleVector.fromArray(S, rt, o + L);
                DoubleVector x = DoubleVector.broadcast(S, q[q0 + j]);
                c00 = x.fma(r0, c00);
                c01 = x.fma(r1, c01);
                x = DoubleVector.broadcast(S, q[q1 + j]);
                c10 = x.fma(r0, c10);
                c11 = x.fma(r1, c11);
                x = DoubleVector.broadcast(S, q[q2 + j]);
                c20 = x.fma(r0, c20);
                c21 = x.fma(r1, c21);
                x = DoubleVector.broadcast(S, q[q3 + j]);
                c30 = x.fma(r0, c30);
                c31 = x.fma(r1, c31);
            }
        } else if (cosine) {
            for (int j = 0, o = p; j < d; j++, o += 2 * L) {
                DoubleVector r0 = DoubleVector.fromArray(S, rt, o);
                DoubleVector r1 = DoubleVector.fromArray(S, rt, o + L);
                DoubleVector x = DoubleVector.broadcast(S, q[q0 + j]);
                c00 = c00.add(x.mul(r0));
                c01 = c01.add(x.mul(r1));
                x = DoubleVector.broadcast(S, q[q1 + j]);
                c10 = c10.add(x.mul(r0));
                c11 = c11.add(x.mul(r1));
                x = DoubleVector.broadcast(S, q[q2 + j]);
                c20 = c20.add(x.mul(r0));
                c21 = c21.add(x.mul(r1));
                x = DoubleVector.broadcast(S, q[q3 + j]);
                c30 = c30.add(x.mul(r0));
                c31 = c31.add(x.mul(r1));
            }
        } else {
            for (int j = 0, o = p; j < d; j++, o += 2 * L) {
                DoubleVector r0 = DoubleVector.fromArray(S, rt, o);
                DoubleVector r1 = DoubleVector.fromArray(S, rt, o + L);
                DoubleVector x = DoubleVector.broadcast(S, q[q0 + j]);
                DoubleVector t = x.sub(r0);
                c00 = c00.add(t.mul(t));
                t = x.sub(r1);
                c01 = c01.add(t.mul(t));
                x = DoubleVector.broadcast(S, q[q1 + j]);
                t = x.sub(r0);
                c10 = c10.add(t.mul(t));
                t = x.sub(r1);
                c11 = c11.add(t.mul(t));
                x = DoubleVector.broadcast(S, q[q2 + j]);
                t = x.sub(r0);
                c20 = c20.add(t.mul(t));
                t = x.sub(r1);
                c21 = c21.add(t.mul(t));
                x = DoubleVector.broadcast(S, q[q3 + j]);
                t = x.sub(r0);
                c30 = c30.add(t.mul(t));
                t = x.sub(r1);
                c31 = c31.add(t.mul(t));
            }
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

    private static void single(double[] q, int a, int d, double[] rt, int p, int b, int stride, boolean cosine,
            boolean fused, double[] qNorm, double[] rNorm, double[] out) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        int q0 = a * d;
        for (int j = 0, o = p; j < d; j++, o += 2 * L) {
            DoubleVector r0 = DoubleVector.fromArray(S, rt, o);
            DoubleVector r1 = DoubleVector.fromArray(S, rt, o + L);
            DoubleVector x = DoubleVector.broadcast(S, q[q0 + j]);
            if (!cosine) {
                DoubleVector t = x.sub(r0);
                c0 = c0.add(t.mul(t));
                t = x.sub(r1);
                c1 = c1.add(t.mul(t));
            } else if (fused) {
                c0 = x.fma(r0, c0);
                c1 = x.fma(r1, c1);
            } else {
                c0 = c0.add(x.mul(r0));
                c1 = c1.add(x.mul(r1));
            }
        }
        int o = a * stride + b;
        c0.intoArray(out, o);
        c1.intoArray(out, o + L);
    }
}
