package io.jaccard4j.loss;

/**
 * Cross-entropy, averaged over the kept pixels.
 *
 * <ul>
 *   <li>Softmax logits (or probabilities), hard labels: &ell;<sub>i</sub> = &minus;w<sub>y<sub>i</sub></sub> log
 *       x<sub>y<sub>i</sub>,i</sub>, L = &Sigma;&ell;<sub>i</sub> / &Sigma;w<sub>y<sub>i</sub></sub> over the
 *       non-ignored pixels (PyTorch's {@code cross_entropy} with {@code weight} and {@code ignore_index}).</li>
 *   <li>Soft labels: &ell;<sub>i</sub> = &minus;&Sigma;<sub>c</sub> w<sub>c</sub>y<sub>c,i</sub> log
 *       x<sub>c,i</sub>, L = mean over kept pixels (PyTorch's probability-target form).</li>
 *   <li>Sigmoid logits (binary, multilabel): binary cross-entropy per element, &ell; = w<sub>c</sub>(log(1 +
 *       e<sup>z</sup>) &minus; y z), averaged over kept pixels &times; C.</li>
 * </ul>
 * Log-probabilities are computed from logits as z &minus; logsumexp(z), so logits of &plusmn;1e4 give finite values
 * and gradients. When no pixel is kept the loss is 0 with zero gradient (PyTorch returns NaN there). Gradients:
 * (&Sigma;<sub>c</sub>w<sub>c</sub>y<sub>c</sub>)x &minus; w&#8857;y per pixel (softmax), w(&sigma;(z) &minus; y) (sigmoid),
 * divided by the normaliser. One pass over the labels for the normaliser, one over the predictions.
 */
public final class CrossEntropyLoss implements TrainingLoss {
    private final double[] classWeights;
    private final int threads;

    private CrossEntropyLoss(double[] classWeights, int threads) {
        this.classWeights = classWeights;
        this.threads = threads;
    }

    /** Unweighted cross-entropy. */
    public static CrossEntropyLoss create() {
        return new CrossEntropyLoss(null, io.jaccard4j.concurrent.ChunkedWork.defaultThreads());
    }

    /** Cross-entropy with one finite weight &ge; 0 per class (null for all 1). */
    public static CrossEntropyLoss weighted(double... classWeights) {
        return new CrossEntropyLoss(PixelLosses.checkMeanWeights("class weight", classWeights),
                io.jaccard4j.concurrent.ChunkedWork.defaultThreads());
    }

    /**
     * The same loss with {@code threads} threads for its float32 fast path (softmax logits, hard or float soft
     * labels; default: the available processors). The result does not depend on it.
     */
    public CrossEntropyLoss threads(int threads) {
        return new CrossEntropyLoss(classWeights, io.jaccard4j.concurrent.ChunkedWork.checkThreads(threads));
    }

    @Override
    public String describe() {
        return "cross-entropy" + (classWeights == null ? "" : "(weighted)");
    }

    private double w(int k) {
        return classWeights == null ? 1.0 : classWeights[k];
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        return compute(predictions, targets, OverlapTiles.best());
    }

    /** Through the float32 fast path with the given tiles where it applies, else (or with null) the general path. */
    LossResult compute(Predictions predictions, Targets targets, OverlapTiles ops) {
        LossInput in = new LossInput(predictions, targets, false);
        final int n = in.n, c = in.c, p = in.p;
        PixelLosses.checkWeightCount("classWeights", classWeights, c);
        if (ops != null && FusedCrossEntropy.applies(predictions, targets)) {
            return new FusedCrossEntropy(in, classWeights, threads, ops).compute();
        }
        boolean sigmoid = predictions.activation() == Activation.SIGMOID;
        boolean softmax = predictions.activation() == Activation.SOFTMAX;
        // Normaliser from the labels alone.
        double norm = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                if (in.keep(b, i)) {
                    norm += in.hard && !sigmoid ? w(in.label(b, i)) : (sigmoid ? c : 1);
                }
            }
        }
        if (norm == 0) {
            return in.result(0.0);
        }
        double inv = 1.0 / norm;
        double total = 0;
        double[] logp = new double[c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                int base = b * c * p + i;
                if (softmax) {
                    PixelLosses.logSoftmax(predictions, base, p, c, 1.0, logp);
                } else if (sigmoid) {
                    for (int k = 0; k < c; k++) {
                        LossInput.checkLogit(predictions.get(base + k * p), base + k * p);
                    }
                } else {
                    for (int k = 0; k < c; k++) {
                        double x = predictions.get(base + k * p);
                        if (!(x >= 0 && x <= 1)) {
                            throw new IllegalArgumentException("probability at flat index " + (base + k * p) + " is " + x
                                    + "; expected a value in [0, 1]");
                        }
                        logp[k] = Math.log(x);
                    }
                }
                if (!in.keep(b, i)) {
                    continue;
                }
                int label = in.hard ? in.label(b, i) : 0;
                if (sigmoid) {
                    for (int k = 0; k < c; k++) {
                        double z = predictions.get(base + k * p);
                        double y = in.target(b, k, i, label);
                        double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
                        total += w(k) * (softplus - y * z);
                        in.store(base + k * p, inv * w(k) * (LossInput.sigmoid(z) - y));
                    }
                    continue;
                }
                double sumWy = 0;
                for (int k = 0; k < c; k++) {
                    double y = in.target(b, k, i, label);
                    if (y != 0) {
                        total -= w(k) * y * logp[k];
                        sumWy += w(k) * y;
                    }
                }
                for (int k = 0; k < c; k++) {
                    double wy = w(k) * in.target(b, k, i, label);
                    double g;
                    if (softmax) {
                        g = sumWy * Math.exp(logp[k]) - wy;
                    } else {
                        g = wy == 0 ? 0 : -wy / predictions.get(base + k * p);
                    }
                    in.store(base + k * p, inv * g);
                }
            }
        }
        return in.result(total * inv);
    }
}
