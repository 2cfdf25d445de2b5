package io.jaccard4j.djl.transport;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Core's multi-marginal matching gap ({@link io.jaccard4j.transport.MultiMarginalMatchingGap}) as a DJL
 * {@link Loss}: gap = ⟨C, P_id⟩ − W<sub>ε</sub>, C[i<sub>1</sub>..i<sub>k</sub>] = Σ<sub>v&lt;w</sub>
 * ‖x<sup>v</sup><sub>i_v</sub> − x<sup>w</sup><sub>i_w</sub>‖². The route of Piran et al. (ICML 2024, the
 * multi-marginal Sinkhorn of their Algorithm 1, run on accelerators): log-domain Sinkhorn in float64 NDArray
 * operations on the detached dense cost tensor (n<sup>k</sup> entries on the engine's device, about four such
 * tensors alive at once: 8·n<sup>k</sup> bytes each, so the device's memory is the limit, not core's
 * {@link io.jaccard4j.transport.MultiMarginalMatchingGap#MAX_ENTRIES}), checking the marginals every 5 sweeps. The
 * returned value is Σ<sub>v&lt;w</sub> ⟨D<sub>vw</sub>, I/n − P*<sub>vw</sub>⟩ − ε·KL(P* ‖ ⊗μ), with D<sub>vw</sub>
 * the n × n squared distances of views v and w and P*<sub>vw</sub> the (constant) pairwise marginals of the
 * coupling: it equals ⟨C, P_id − P*⟩ − ε·KL, and autograd through the n × n blocks gives exactly the
 * envelope-theorem gradient ⟨∂C/∂x, P_id − P*⟩ that core computes. Predictions: views k × n × d; labels: unused.
 */
public final class MultiMarginalMatchingGapDjl extends Loss {
    private final double epsilon;
    private final int maxIterations;
    private final double tolerance;

    public MultiMarginalMatchingGapDjl(double epsilon, int maxIterations, double tolerance) {
        super("MultiMarginalMatchingGap");
        require(epsilon > 0 && Double.isFinite(epsilon), "epsilon must be finite and > 0; got " + epsilon);
        require(maxIterations >= 1, "maxIterations must be >= 1");
        this.epsilon = epsilon;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** The cost tensor n<sup>k</sup> from views k × n × d. */
    static NDArray cost(NDArray x) {
        int k = (int) x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        NDArray c = null;
        for (int v = 0; v < k; v++) {
            for (int w = v + 1; w < k; w++) {
                NDArray xv = x.get(v);
                NDArray xw = x.get(w);
                NDArray dvw = xv.expandDims(1).sub(xw.expandDims(0)).square().sum(new int[] {2});
                long[] shape = new long[k];
                java.util.Arrays.fill(shape, 1);
                shape[v] = n;
                shape[w] = n;
                NDArray term = dvw.reshape(shape);
                c = c == null ? term : c.add(term);
            }
        }
        return c;
    }

    private static NDArray bcast(NDArray f, int v, int k) {
        long[] shape = new long[k];
        java.util.Arrays.fill(shape, 1);
        shape[v] = f.getShape().get(0);
        return f.reshape(shape);
    }

    private static int[] others(int v, int k) {
        int[] o = new int[k - 1];
        int t = 0;
        for (int w = 0; w < k; w++) {
            if (w != v) {
                o[t++] = w;
            }
        }
        return o;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = predictions.get(0);
        require(x.getShape().dimension() == 3 && x.getShape().get(0) >= 2,
                "views must be k x n x d with k >= 2; got " + x.getShape());
        int k = (int) x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        require(Math.pow(n, k) <= Integer.MAX_VALUE, "the dense coupling of k = " + k + " views of n = " + n
                + " items has n^k = " + (long) Math.pow(n, k) + " entries; at most 2^31 - 1 are held (use core's "
                + "streamed MultiMarginalMatchingGap)");
        NDArray[][] dist = new NDArray[k][k];
        for (int v = 0; v < k; v++) {
            for (int w = v + 1; w < k; w++) {
                dist[v][w] = x.get(v).expandDims(1).sub(x.get(w).expandDims(0)).square().sum(new int[] {2});
            }
        }
        NDArray c64 = cost(x.stopGradient().toType(DataType.FLOAT64, false));
        double logMu = -Math.log(n);
        NDArray[] f = new NDArray[k];
        for (int v = 0; v < k; v++) {
            f[v] = c64.getManager().zeros(new ai.djl.ndarray.types.Shape(n), DataType.FLOAT64);
        }
        // the n^k temporaries are closed as soon as they are used (in-place where possible): native memory is not
        // freed until its manager closes otherwise
        NDArray logP = null;
        for (int it = 0; it < maxIterations; it++) {
            for (int v = 0; v < k; v++) {
                NDArray z = c64.neg();
                for (int w = 0; w < k; w++) {
                    if (w != v) {
                        z.addi(bcast(f[w], w, k));
                    }
                }
                z.divi(epsilon);
                // view v first, the other axes flattened: log-sum-exp over axis 1 (the engine reduces one axis)
                int[] perm = new int[k];
                perm[0] = v;
                int[] o = others(v, k);
                System.arraycopy(o, 0, perm, 1, k - 1);
                NDArray zt = z.transpose(perm);
                NDArray zv = zt.reshape(n, -1);
                NDArray mx = zv.max(new int[] {1}, true);
                NDArray shifted = zv.sub(mx);
                NDArray e = shifted.exp();
                NDArray lse = e.sum(new int[] {1}).log().add(mx.reshape(n));
                f[v] = lse.add((k - 1) * logMu).mul(-epsilon);
                for (NDArray t : new NDArray[] {z, zt, zv, shifted, e}) {
                    t.close();
                }
            }
            if (logP != null) {
                logP.close();
            }
            logP = c64.neg();
            for (int v = 0; v < k; v++) {
                logP.addi(bcast(f[v], v, k));
            }
            logP.divi(epsilon).addi(k * logMu);
            if (it % 5 == 4 || it == maxIterations - 1) {
                NDArray p = logP.exp();
                double err = 0;
                for (int v = 0; v < k - 1; v++) {
                    err = Math.max(err, p.sum(others(v, k)).sub(1.0 / n).abs().sum().getDouble());
                }
                p.close();
                if (err <= tolerance) {
                    break;
                }
            }
        }
        NDArray p = logP.exp();
        double kl = p.mul(logP.sub(k * logMu)).sum().getDouble();
        NDArray eye = x.getManager().eye(n).div(n).toType(x.getDataType(), false);
        NDArray value = null;
        for (int v = 0; v < k; v++) {
            for (int w = v + 1; w < k; w++) {
                int[] rest = new int[k - 2];
                for (int a = 0, t = 0; a < k; a++) {
                    if (a != v && a != w) {
                        rest[t++] = a;
                    }
                }
                NDArray pair = (rest.length == 0 ? p : p.sum(rest)).toType(x.getDataType(), false);
                NDArray term = dist[v][w].mul(eye.sub(pair)).sum();
                value = value == null ? term : value.add(term);
            }
        }
        return value.sub((float) (epsilon * kl));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
