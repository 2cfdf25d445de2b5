package io.jaccard4j.loss;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link OverlapTiles} with the Vector API: one vector holds the same class of {@code S.length()} neighbouring
 * pixels (contiguous in NCHW), so softmax, sums and the backward pass run lane-parallel over pixels with the class
 * loop outside. Tails shorter than a vector go to {@link OverlapTiles.Scalar}. Loaded by reflection from
 * {@link OverlapTiles#best()} only when the module {@code jdk.incubator.vector} is present; nothing else in the
 * library refers to this class.
 */
final class VectorOverlapTiles extends OverlapTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final FloatVector V_LN2_HI = FloatVector.broadcast(S, -LN2_HI);
    private static final FloatVector V_LN2_LO = FloatVector.broadcast(S, -LN2_LO);
    private static final FloatVector V_P0 = FloatVector.broadcast(S, P0);
    private static final FloatVector V_P1 = FloatVector.broadcast(S, P1);
    private static final FloatVector V_P2 = FloatVector.broadcast(S, P2);
    private static final FloatVector V_P3 = FloatVector.broadcast(S, P3);
    private static final FloatVector V_P4 = FloatVector.broadcast(S, P4);
    private static final FloatVector V_P5 = FloatVector.broadcast(S, P5);

    VectorOverlapTiles() {
        if (I.length() != L) {
            throw new IllegalStateException("int and float species differ in length");
        }
    }

    @Override
    String name() {
        return "vector-" + L + "x32";
    }

    @Override
    boolean softmax(float[] z, float[] out, int base, int p, int c, int len, float[] maxOut, float[] sumOut) {
        int bound = S.loopBound(len);
        FloatVector hi = FloatVector.broadcast(S, -Float.MAX_VALUE);
        FloatVector lo = FloatVector.broadcast(S, Float.MAX_VALUE);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < bound; j += L) {
            int at = base + j;
            FloatVector max = FloatVector.fromArray(S, z, at);
            FloatVector min = max;
            for (int k = 1; k < c; k++) {
                FloatVector v = FloatVector.fromArray(S, z, at + k * p);
                max = max.max(v);
                min = min.min(v);
            }
            hi = hi.max(max);
            lo = lo.min(min);
            FloatVector sum = FloatVector.zero(S);
            for (int k = 0; k < c; k++) {
                FloatVector e = exp(FloatVector.fromArray(S, z, at + k * p).sub(max));
                e.intoArray(out, at + k * p);
                sum = sum.add(e);
            }
            FloatVector inv = one.div(sum);
            for (int k = 0; k < c; k++) {
                FloatVector.fromArray(S, out, at + k * p).mul(inv).intoArray(out, at + k * p);
            }
            if (maxOut != null) {
                max.intoArray(maxOut, j);
                sum.intoArray(sumOut, j);
            }
        }
        float h = hi.reduceLanes(VectorOperators.MAX);
        float l = lo.reduceLanes(VectorOperators.MIN);
        if (!(h <= Float.MAX_VALUE && l >= -Float.MAX_VALUE)) {
            return false;
        }
        return Scalar.softmaxFrom(z, out, base, p, c, bound, len, maxOut, sumOut);
    }

    /** {@link OverlapTiles#expNonPositive} lane by lane, with the same operations in the same order. */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> under = x.compare(VectorOperators.LT, EXP_MIN);
        FloatVector t = x.mul(LOG2E).add(ROUND);
        FloatVector k = t.sub(ROUND);
        FloatVector r = k.fma(V_LN2_LO, k.fma(V_LN2_HI, x));
        FloatVector q = V_P0.fma(r, V_P1).fma(r, V_P2).fma(r, V_P3).fma(r, V_P4).fma(r, V_P5);
        FloatVector e = q.fma(r.mul(r), r).add(1f);
        // t = ROUND + k with k a small integer: its bits are ROUND's bits + k (same exponent), so 2^k needs no
        // float-to-int conversion (which the JDK 17 compiler does not vectorise)
        IntVector bits = t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return e.mul(bits.reinterpretAsFloats()).blend(0f, under);
    }

    /** The lanes of {@code v} added in lane order in double (a fixed order, unlike {@code reduceLanes(ADD)}). */
    private static double sum(FloatVector v, float[] tmp) {
        v.intoArray(tmp, 0);
        double s = 0;
        for (int i = 0; i < L; i++) {
            s += tmp[i];
        }
        return s;
    }

    @Override
    void sumX(float[] x, int base, int p, int c, int len, float[] keep, double[] sx) {
        int bound = S.loopBound(len);
        float[] tmp = new float[L];
        for (int k = 0; k < c; k++) {
            int at = base + k * p;
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                acc = FloatVector.fromArray(S, x, at + j).fma(FloatVector.fromArray(S, keep, j), acc);
            }
            sx[k] += sum(acc, tmp) + Scalar.sumXFrom(x, at, bound, len, keep);
        }
    }

    @Override
    void sumSoft(float[] x, float[] y, int base, int p, int c, int len, float[] keep, boolean product,
            double[] sx, double[] sy, double[] sz, double[] maxY) {
        int bound = S.loopBound(len);
        float[] tmp = new float[L];
        for (int k = 0; k < c; k++) {
            int at = base + k * p;
            FloatVector a = FloatVector.zero(S);
            FloatVector b = FloatVector.zero(S);
            FloatVector d = FloatVector.zero(S);
            FloatVector m = FloatVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                FloatVector w = FloatVector.fromArray(S, keep, j);
                FloatVector xv = FloatVector.fromArray(S, x, at + j);
                FloatVector yv = FloatVector.fromArray(S, y, at + j).mul(w);
                a = xv.fma(w, a);
                b = b.add(yv);
                d = product ? xv.fma(yv, d) : xv.mul(w).sub(yv).abs().add(d);
                m = m.max(yv);
            }
            sx[k] += sum(a, tmp);
            sy[k] += sum(b, tmp);
            sz[k] += sum(d, tmp);
            maxY[k] = Math.max(maxY[k], m.reduceLanes(VectorOperators.MAX));
        }
        Scalar.sumSoftFrom(x, y, base, p, c, bound, len, keep, product, sx, sy, sz, maxY);
    }

    @Override
    void backward(float[] xg, int base, int p, int c, int len, float[] keep, int[] labels, int lbase, float[] soft,
            float[] ax, float[] az, boolean product) {
        int bound = S.loopBound(len);
        float[] g = new float[c * L];
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector minusOne = FloatVector.broadcast(S, -1f);
        for (int j = 0; j < bound; j += L) {
            int at = base + j;
            IntVector lab = soft == null ? IntVector.fromArray(I, labels, lbase + j) : null;
            FloatVector dot = zero;
            for (int k = 0; k < c; k++) {
                FloatVector x = FloatVector.fromArray(S, xg, at + k * p);
                FloatVector y;
                if (soft == null) {
                    VectorMask<Float> isK = lab.eq(k).cast(S);
                    y = zero.blend(one, isK);
                } else {
                    y = FloatVector.fromArray(S, soft, at + k * p);
                }
                FloatVector sign;
                if (product) {
                    sign = y;
                } else {
                    FloatVector diff = x.sub(y);
                    sign = zero.blend(one, diff.compare(VectorOperators.GT, 0f))
                            .blend(minusOne, diff.compare(VectorOperators.LT, 0f));
                }
                FloatVector gk = sign.fma(az[k], ax[k]);
                gk.intoArray(g, k * L);
                dot = x.fma(gk, dot);
            }
            FloatVector w = FloatVector.fromArray(S, keep, j);
            for (int k = 0; k < c; k++) {
                FloatVector x = FloatVector.fromArray(S, xg, at + k * p);
                x.mul(w).mul(FloatVector.fromArray(S, g, k * L).sub(dot)).intoArray(xg, at + k * p);
            }
        }
        Scalar.backwardFrom(xg, base, p, c, bound, len, keep, labels, lbase, soft, ax, az, product);
    }
}
