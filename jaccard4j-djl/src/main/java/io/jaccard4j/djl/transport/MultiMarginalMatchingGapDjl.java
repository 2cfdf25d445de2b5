package io.jaccard4j.djl.transport;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Core's multi-marginal matching gap ({@link io.jaccard4j.transport.MultiMarginalMatchingGap}) as a DJL
 * {@link Loss}: gap = ⟨C, P_id⟩ − W<sub>ε</sub>, C[i<sub>1</sub>..i<sub>k</sub>] = Σ<sub>v&lt;w</sub>
 * ‖x<sup>v</sup><sub>i_v</sub> − x<sup>w</sup><sub>i_w</sub>‖². Log-domain Sinkhorn runs in float64 NDArray
 * operations on the detached cost (any device) to the tolerance; the returned value is
 * ⟨C, P_id − P*⟩ − ε·KL(P* ‖ ⊗μ) with P* held constant, so autograd gives exactly the envelope-theorem gradient
 * ⟨∂C/∂x, P_id − P*⟩ that core computes. Predictions: views k × n × d; labels: unused.
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
        require(Math.pow(n, k) <= io.jaccard4j.transport.MultiMarginalMatchingGap.MAX_ENTRIES,
                "n^k too large for the coupling: n = " + n + ", k = " + k);
        NDArray c = cost(x);
        NDArray c64 = c.stopGradient().toType(DataType.FLOAT64, false);
        double logMu = -Math.log(n);
        NDArray[] f = new NDArray[k];
        for (int v = 0; v < k; v++) {
            f[v] = c64.getManager().zeros(new ai.djl.ndarray.types.Shape(n), DataType.FLOAT64);
        }
        NDArray logP = null;
        for (int it = 0; it < maxIterations; it++) {
            for (int v = 0; v < k; v++) {
                NDArray z = c64.neg();
                for (int w = 0; w < k; w++) {
                    if (w != v) {
                        z = z.add(bcast(f[w], w, k));
                    }
                }
                z = z.div(epsilon);
                // view v first, the other axes flattened: log-sum-exp over axis 1 (the engine reduces one axis)
                int[] perm = new int[k];
                perm[0] = v;
                int[] o = others(v, k);
                System.arraycopy(o, 0, perm, 1, k - 1);
                NDArray zv = z.transpose(perm).reshape(n, -1);
                NDArray mx = zv.max(new int[] {1}, true);
                NDArray lse = zv.sub(mx).exp().sum(new int[] {1}).log().add(mx.reshape(n));
                f[v] = lse.add((k - 1) * logMu).mul(-epsilon);
            }
            NDArray sumF = bcast(f[0], 0, k);
            for (int v = 1; v < k; v++) {
                sumF = sumF.add(bcast(f[v], v, k));
            }
            logP = sumF.sub(c64).div(epsilon).add(k * logMu);
            if (it % 5 == 4 || it == maxIterations - 1) {
                NDArray p = logP.exp();
                double err = 0;
                for (int v = 0; v < k - 1; v++) {
                    err = Math.max(err, p.sum(others(v, k)).sub(1.0 / n).abs().sum().getDouble());
                }
                if (err <= tolerance) {
                    break;
                }
            }
        }
        NDArray p = logP.exp();
        double kl = p.mul(logP.sub(k * logMu)).sum().getDouble();
        NDArray delta = p.neg();
        // add 1/n on the diagonal (i, i, ..., i)
        double[] diag = new double[(int) Math.pow(n, k)];
        long stride = 0;
        for (int v = 0; v < k; v++) {
            stride += (long) Math.pow(n, v);
        }
        for (int i = 0; i < n; i++) {
            diag[(int) (i * stride)] = 1.0 / n;
        }
        NDArray pid = c64.getManager().create(diag, c64.getShape());
        delta = delta.add(pid).toType(x.getDataType(), false);
        return c.mul(delta).sum().sub((float) (epsilon * kl));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
