package io.jaccard4j.loss;

import io.jaccard4j.concurrent.ChunkedWork;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Tversky family of overlap losses with soft-label-correct cardinalities: the Jaccard metric loss (JML, Wang et
 * al., NeurIPS 2023), the Dice semimetric loss (DML, Wang et al., MICCAI 2023), general Tversky losses, and the
 * textbook soft Jaccard (SJL) and soft Dice losses for comparison.
 *
 * <p>For a group of pixels (see {@link Reduction}) and a class, with probabilities x and labels y restricted to the
 * kept pixels and cardinalities from {@link Cardinality} (tp, fp = |x| &minus; tp, fn = |y| &minus; tp):
 * <pre>
 *   T = (tp + s) / (tp + &alpha;&middot;fp + &beta;&middot;fn + s)
 *   &ell; = (1 &minus; T)<sup>&gamma;</sup>        or, with log-loss,  &ell; = (&minus;log T)<sup>&gamma;</sup>
 * </pre>
 * JML: &alpha; = &beta; = 1, norm 1, so 1 &minus; T = 1 &minus; (|x| + |y| &minus; &Delta;) / (|x| + |y| + &Delta;)
 * (for s = 0), with &Delta; = &Sigma;|x &minus; y|; it is 0 whenever x = y, also for soft y, and it is a metric on
 * [0,1]<sup>p</sup>. DML: &alpha; = &beta; = &frac12;. SJL: {@link Cardinality#product()}, &alpha; = &beta; = 1, i.e.
 * 1 &minus; &lang;x,y&rang; / (&Sigma;x + &Sigma;y &minus; &lang;x,y&rang;); it equals JML on hard labels and is
 * &gt; 0 at x = y for soft y.
 *
 * <p>Per-class losses are multiplied by class weights w<sub>c</sub> (default 1) and averaged over the active classes
 * ({@link ActiveClasses}: default PRESENT with threshold 0.01 for hard labels, ALL for soft labels) by the
 * {@link Reduction}: the plain mean over active classes, as in the authors' JDTLoss, not a weight-normalised mean.
 * With no active class a term is 0 with zero gradient. A class whose denominator is exactly 0 (possible only with
 * s = 0 when both x and y are empty) has T = 1. With &gamma; &gt; 1 a negative base 1 &minus; T (possible only for
 * norm &ge; 2, or by rounding at T = 1) is clamped to 0.
 *
 * <p>Cost: two passes over the data: one computes the activation and the per-image, per-class cardinalities
 * (accumulated in double), one writes the gradient through the activation. Numerical behaviour: with s &gt; 0 the
 * value and gradient are finite for logits of any finite magnitude (&plusmn;1e4 included), for a class absent
 * everywhere, for an all-ignored batch (value 0, gradient 0) and for a single pixel; with s = 0 and log-loss, a
 * class with tp = 0 gives an infinite value.
 */
public final class TverskyLoss implements TrainingLoss {
    private final String name;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double smooth;
    private final double threshold;
    private final Cardinality cardinality;
    private final boolean logLoss;
    private final Reduction reduction;
    private final double[] classWeights;
    private final ActiveClasses activeHard;
    private final ActiveClasses activeSoft;
    private final int threads;

    private TverskyLoss(Settings<?> b) {
        this.name = b.name;
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.gamma = b.gamma;
        this.smooth = b.smooth;
        this.threshold = b.threshold;
        this.cardinality = b.cardinality;
        this.logLoss = b.logLoss;
        this.reduction = b.reduction;
        this.classWeights = b.classWeights == null ? null : b.classWeights.clone();
        this.activeHard = b.activeHard;
        this.activeSoft = b.activeSoft;
        this.threads = b.threads;
    }

    /** Jaccard metric loss (JML): &alpha; = &beta; = 1, norm 1. */
    public static Builder jaccard() {
        return new Builder("jaccard", 1, 1, Cardinality.norm(1));
    }

    /** Dice semimetric loss: &alpha; = &beta; = &frac12;, norm 1. */
    public static Builder dice() {
        return new Builder("dice", 0.5, 0.5, Cardinality.norm(1));
    }

    /** Tversky loss with false-positive weight &alpha; and false-negative weight &beta; (both &ge; 0), norm 1. */
    public static Builder tversky(double alpha, double beta) {
        return new Builder("tversky", alpha, beta, Cardinality.norm(1));
    }

    /** Textbook soft Jaccard loss (SJL): 1 &minus; &lang;x,y&rang; / (&Sigma;x + &Sigma;y &minus; &lang;x,y&rang;). */
    public static Builder softJaccard() {
        return new Builder("soft-jaccard", 1, 1, Cardinality.product());
    }

    /** Textbook soft Dice loss: 1 &minus; 2&lang;x,y&rang; / (&Sigma;x + &Sigma;y). */
    public static Builder softDice() {
        return new Builder("soft-dice", 0.5, 0.5, Cardinality.product());
    }

    /**
     * The options of a {@link TverskyLoss}, declared and checked once; defaults: &gamma; = 1, s = 1e-3, threshold
     * 0.01, dataset reduction, PRESENT classes for hard labels and ALL for soft labels, class weights 1. Core's
     * {@link Builder} and the DJL overlap loss's builder both extend it, so the two share every option, default and
     * message; {@code B} is the concrete builder, which the setters return.
     */
    public abstract static class Settings<B extends Settings<B>> {
        private final String name;
        private double alpha;
        private double beta;
        private double gamma = 1;
        private double smooth = 1e-3;
        private double threshold = 0.01;
        private Cardinality cardinality;
        private boolean logLoss;
        private Reduction reduction = Reduction.dataset();
        private double[] classWeights;
        private ActiveClasses activeHard = ActiveClasses.PRESENT;
        private ActiveClasses activeSoft = ActiveClasses.ALL;
        private int threads = ChunkedWork.defaultThreads();

        private Settings(String name, double alpha, double beta, Cardinality cardinality) {
            this.name = name;
            this.cardinality = cardinality;
            alpha(alpha);
            beta(beta);
        }

        /** Starts from a preset's options, e.g. {@code TverskyLoss.jaccard()}. */
        protected Settings(Settings<?> preset) {
            this.name = preset.name;
            this.alpha = preset.alpha;
            this.beta = preset.beta;
            this.gamma = preset.gamma;
            this.smooth = preset.smooth;
            this.threshold = preset.threshold;
            this.cardinality = preset.cardinality;
            this.logLoss = preset.logLoss;
            this.reduction = preset.reduction;
            this.classWeights = preset.classWeights;
            this.activeHard = preset.activeHard;
            this.activeSoft = preset.activeSoft;
            this.threads = preset.threads;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** Weight of false positives, &ge; 0. */
        public B alpha(double alpha) {
            this.alpha = ValueRange.NON_NEGATIVE.check("alpha", alpha);
            return self();
        }

        /** Weight of false negatives, &ge; 0. */
        public B beta(double beta) {
            this.beta = ValueRange.NON_NEGATIVE.check("beta", beta);
            return self();
        }

        /** Focal exponent &gamma; &ge; 1. */
        public B gamma(double gamma) {
            this.gamma = ValueRange.AT_LEAST_ONE.check("gamma", gamma);
            return self();
        }

        /** Smoothing s &ge; 0 added to numerator and denominator. */
        public B smooth(double smooth) {
            this.smooth = ValueRange.NON_NEGATIVE.check("smooth", smooth);
            return self();
        }

        /** Threshold on the largest label value for {@link ActiveClasses#PRESENT}, &ge; 0. */
        public B threshold(double threshold) {
            this.threshold = ValueRange.NON_NEGATIVE.check("threshold", threshold);
            return self();
        }

        /** Cardinality |v| = &Sigma;|v<sub>i</sub>|<sup>p</sup> with tp from the difference (see {@link Cardinality#norm}). */
        public B norm(int p) {
            this.cardinality = Cardinality.norm(p);
            return self();
        }

        /** Any {@link Cardinality}. */
        public B cardinality(Cardinality cardinality) {
            this.cardinality = Objects.requireNonNull(cardinality, "cardinality");
            return self();
        }

        /** Use &minus;log T instead of 1 &minus; T. */
        public B logLoss(boolean logLoss) {
            this.logLoss = logLoss;
            return self();
        }

        /** How per-class losses are averaged. */
        public B reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return self();
        }

        /** One finite weight &ge; 0 per class (null for all 1). */
        public B classWeights(double... weights) {
            this.classWeights = PixelLosses.checkMeanWeights("class weight", weights);
            return self();
        }

        /** Active-class mode for both hard and soft labels. */
        public B activeClasses(ActiveClasses mode) {
            this.activeHard = Objects.requireNonNull(mode, "mode");
            this.activeSoft = mode;
            return self();
        }

        /** Active-class mode for hard labels (default PRESENT). */
        public B activeClassesHard(ActiveClasses mode) {
            this.activeHard = Objects.requireNonNull(mode, "mode");
            return self();
        }

        /** Active-class mode for soft labels (default ALL). */
        public B activeClassesSoft(ActiveClasses mode) {
            this.activeSoft = Objects.requireNonNull(mode, "mode");
            return self();
        }

        /**
         * Threads for the float32 fast path (default: the available processors). The result does not depend on
         * it: work is split into fixed tiles whose sums are added in order.
         */
        public B threads(int threads) {
            this.threads = ChunkedWork.checkThreads(threads);
            return self();
        }

        /** The core loss of these options. */
        protected final TverskyLoss tverskyLoss() {
            return new TverskyLoss(this);
        }
    }

    /** Builder of an immutable {@link TverskyLoss} (options and defaults: {@link Settings}). */
    public static final class Builder extends Settings<Builder> {
        private Builder(String name, double alpha, double beta, Cardinality cardinality) {
            super(name, alpha, beta, cardinality);
        }

        /** The loss. */
        public TverskyLoss build() {
            return tverskyLoss();
        }
    }

    /** The preset's name: jaccard, dice, tversky, soft-jaccard or soft-dice. */
    public String name() {
        return name;
    }

    /** Weight of false positives &alpha;. */
    public double alpha() {
        return alpha;
    }

    /** Weight of false negatives &beta;. */
    public double beta() {
        return beta;
    }

    /** Focal exponent &gamma;. */
    public double gamma() {
        return gamma;
    }

    /** Smoothing s. */
    public double smooth() {
        return smooth;
    }

    /** Label-mass threshold of {@link ActiveClasses#PRESENT}. */
    public double threshold() {
        return threshold;
    }

    /** How set sizes are measured. */
    public Cardinality cardinality() {
        return cardinality;
    }

    /** Whether the loss is (&minus;log T)<sup>&gamma;</sup> rather than (1 &minus; T)<sup>&gamma;</sup>. */
    public boolean logLoss() {
        return logLoss;
    }

    /** How per-class losses are averaged. */
    public Reduction reduction() {
        return reduction;
    }

    /** A copy of the class weights, or null for all 1. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** Active classes for hard labels. */
    public ActiveClasses activeClassesHard() {
        return activeHard;
    }

    /** Active classes for soft labels. */
    public ActiveClasses activeClassesSoft() {
        return activeSoft;
    }

    @Override
    public String describe() {
        return name + "(alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ", smooth=" + smooth + ", "
                + cardinality + (logLoss ? ", log" : "") + ", reduction=" + reduction + ", active=" + activeHard + "/"
                + activeSoft + ", threshold=" + threshold
                + (classWeights == null ? "" : ", classWeights=" + Arrays.toString(classWeights)) + ")";
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        return compute(predictions, targets, OverlapTiles.best());
    }

    /**
     * The loss through the float32 fast path with the given tile implementation where it applies, else (or with
     * {@code ops} null) through the general double-precision path.
     */
    LossResult compute(Predictions predictions, Targets targets, OverlapTiles ops) {
        boolean fused = ops != null && predictions != null && targets != null
                && FusedOverlapKernel.applies(predictions, targets, cardinality);
        LossInput in = new LossInput(predictions, targets, !fused);
        final int n = in.n, c = in.c;
        if (classWeights != null && classWeights.length != c) {
            throw new IllegalArgumentException("classWeights has " + classWeights.length + " entries but the predictions have "
                    + c + " classes");
        }
        final double[] sx = new double[n * c];
        final double[] sy = new double[n * c];
        final double[] sz = new double[n * c];
        final double[] maxY = new double[n * c];
        final double[] ax = new double[n * c];
        final double[] az = new double[n * c];
        if (fused) {
            FusedOverlapKernel kernel = new FusedOverlapKernel(in, cardinality.isProduct(), threads, ops);
            kernel.forward(sx, sy, sz, maxY);
            double total = coefficients(in, sx, sy, sz, maxY, ax, az);
            kernel.backward(ax, az);
            return in.result(total);
        }
        cardinalities(in, sx, sy, sz, maxY);
        double total = coefficients(in, sx, sy, sz, maxY, ax, az);
        backward(in, ax, az);
        return in.result(total);
    }

    /** Whether the float32 fast path uses the Vector API in this JVM ({@code jdk.incubator.vector} present). */
    public static boolean vectorized() {
        return OverlapTiles.vectorized();
    }

    /** General path, pass 1: activation and per-image, per-class cardinalities, in double precision. */
    private void cardinalities(LossInput in, double[] sx, double[] sy, double[] sz, double[] maxY) {
        final int n = in.n, c = in.c, p = in.p;
        final boolean product = cardinality.isProduct();
        final int exp = cardinality.exponent();
        final double[] prob = in.prob;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                in.activate(b, i);
                if (!in.keep(b, i)) {
                    continue;
                }
                int label = in.hard ? in.label(b, i) : 0;
                for (int k = 0; k < c; k++) {
                    double x = prob[in.index(b, k, i)];
                    double y = in.target(b, k, i, label);
                    int s = b * c + k;
                    if (product) {
                        sx[s] += x;
                        sy[s] += y;
                        sz[s] += x * y;
                    } else if (exp == 1) {
                        sx[s] += x;
                        sy[s] += y;
                        sz[s] += Math.abs(x - y);
                    } else {
                        sx[s] += power(x, exp);
                        sy[s] += power(y, exp);
                        sz[s] += power(Math.abs(x - y), exp);
                    }
                    if (y > maxY[s]) {
                        maxY[s] = y;
                    }
                }
            }
        }
    }

    /**
     * The loss from the cardinalities, and its derivatives with respect to each image's |x| and Δ (or ⟨x,y⟩)
     * into {@code ax} and {@code az}.
     */
    private double coefficients(LossInput in, double[] sx, double[] sy, double[] sz, double[] maxY, double[] ax,
            double[] az) {
        return coefficients(in.n, in.c, in.hard, sx, sy, sz, maxY, ax, az);
    }

    /**
     * The loss of given cardinalities, for a caller that computes them itself (the DJL loss does, on its engine):
     * per image b and class k (index b·c + k), |x| in {@code sx}, |y| in {@code sy}, Δ = Σ|x − y|<sup>p</sup> (or
     * ⟨x, y⟩ for the inner-product cardinality) in {@code sz}, and the largest label value in {@code maxY}.
     * Stores dL/d|x| into {@code ax} and dL/dΔ (or dL/d⟨x, y⟩) into {@code az} (n × c, overwritten), with the
     * reduction, active classes and class weights of this loss, exactly as {@link #compute} uses them.
     *
     * @param hard whether the labels are hard (selects the active-class mode)
     * @return the loss value
     */
    public double fromCardinalities(int n, int c, boolean hard, double[] sx, double[] sy, double[] sz, double[] maxY,
            double[] ax, double[] az) {
        int size = n * c;
        if (n < 1 || c < 1 || sx.length != size || sy.length != size || sz.length != size || maxY.length != size
                || ax.length != size || az.length != size) {
            throw new IllegalArgumentException("cardinalities must be n x c = " + n + " x " + c + " arrays");
        }
        if (classWeights != null && classWeights.length != c) {
            throw new IllegalArgumentException("classWeights has " + classWeights.length + " entries but there are "
                    + c + " classes");
        }
        java.util.Arrays.fill(ax, 0);
        java.util.Arrays.fill(az, 0);
        return coefficients(n, c, hard, sx, sy, sz, maxY, ax, az);
    }

    private double coefficients(int n, int c, boolean hard, double[] sx, double[] sy, double[] sz, double[] maxY,
            double[] ax, double[] az) {
        final boolean product = cardinality.isProduct();
        final double[] d = new double[2];
        final ActiveClasses mode = hard ? activeHard : activeSoft;
        double total = 0;
        double wD = reduction.datasetWeight();
        if (wD > 0) {
            boolean[] active = new boolean[c];
            int count = 0;
            for (int k = 0; k < c; k++) {
                double m = 0;
                for (int b = 0; b < n; b++) {
                    m = Math.max(m, maxY[b * c + k]);
                }
                active[k] = mode == ActiveClasses.ALL || m > threshold;
                if (active[k]) {
                    count++;
                }
            }
            for (int k = 0; k < c; k++) {
                if (!active[k]) {
                    continue;
                }
                double x = 0, y = 0, z = 0;
                for (int b = 0; b < n; b++) {
                    x += sx[b * c + k];
                    y += sy[b * c + k];
                    z += sz[b * c + k];
                }
                double coef = wD * weight(k) / count;
                total += coef * term(x, y, z, product, d);
                for (int b = 0; b < n; b++) {
                    ax[b * c + k] += coef * d[0];
                    az[b * c + k] += coef * d[1];
                }
            }
        }
        double wI = reduction.imageWeight();
        double wC = reduction.classWeight();
        if (wI > 0 || wC > 0) {
            boolean[] active = new boolean[n * c];
            int[] perImage = new int[n];
            int[] perClass = new int[c];
            for (int b = 0; b < n; b++) {
                for (int k = 0; k < c; k++) {
                    boolean a = mode == ActiveClasses.ALL || maxY[b * c + k] > threshold;
                    active[b * c + k] = a;
                    if (a) {
                        perImage[b]++;
                        perClass[k]++;
                    }
                }
            }
            int images = 0;
            for (int b = 0; b < n; b++) {
                if (perImage[b] > 0) {
                    images++;
                }
            }
            int classes = 0;
            for (int k = 0; k < c; k++) {
                if (perClass[k] > 0) {
                    classes++;
                }
            }
            for (int b = 0; b < n; b++) {
                for (int k = 0; k < c; k++) {
                    int s = b * c + k;
                    if (!active[s]) {
                        continue;
                    }
                    double coef = 0;
                    if (wI > 0) {
                        coef += wI / ((double) images * perImage[b]);
                    }
                    if (wC > 0) {
                        coef += wC / ((double) classes * perClass[k]);
                    }
                    coef *= weight(k);
                    total += coef * term(sx[s], sy[s], sz[s], product, d);
                    ax[s] += coef * d[0];
                    az[s] += coef * d[1];
                }
            }
        }
        return total;
    }

    /** General path, pass 2: the gradient through the cardinalities and the activation. */
    private void backward(LossInput in, double[] ax, double[] az) {
        final int n = in.n, c = in.c, p = in.p;
        final boolean product = cardinality.isProduct();
        final int exp = cardinality.exponent();
        final double[] prob = in.prob;
        final double[] g = new double[c];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < p; i++) {
                if (!in.keep(b, i)) {
                    continue;
                }
                int label = in.hard ? in.label(b, i) : 0;
                for (int k = 0; k < c; k++) {
                    int s = b * c + k;
                    double x = prob[in.index(b, k, i)];
                    double y = in.target(b, k, i, label);
                    if (product) {
                        g[k] = ax[s] + az[s] * y;
                    } else if (exp == 1) {
                        g[k] = ax[s] + az[s] * Math.signum(x - y);
                    } else {
                        double diff = x - y;
                        g[k] = exp * (ax[s] * power(x, exp - 1)
                                + az[s] * power(Math.abs(diff), exp - 1) * Math.signum(diff));
                    }
                }
                in.backward(b, i, g);
            }
        }
    }

    private double weight(int k) {
        return classWeights == null ? 1.0 : classWeights[k];
    }

    private static double power(double v, int e) {
        return e == 2 ? v * v : Math.pow(v, e);
    }

    /**
     * Per-class loss from cardinalities X = |x|, Y = |y| and Z (Delta, or &lt;x,y&gt; for the product form); stores
     * d&ell;/dX in d[0] and d&ell;/dZ in d[1].
     */
    double term(double x, double y, double z, boolean product, double[] d) {
        double tp, fp, fn;
        if (product) {
            tp = z;
            fp = x - z;
            fn = y - z;
        } else {
            tp = (x + y - z) / 2;
            fp = x - tp;
            fn = y - tp;
        }
        double num = tp + smooth;
        double den = tp + alpha * fp + beta * fn + smooth;
        if (den == 0) {
            d[0] = 0;
            d[1] = 0;
            return 0;
        }
        double t = num / den;
        double den2 = den * den;
        double dTp = (alpha * fp + beta * fn) / den2;
        double dFp = -alpha * num / den2;
        double dFn = -beta * num / den2;
        double dX, dZ;
        if (product) {
            dX = dFp;
            dZ = dTp - dFp - dFn;
        } else {
            dX = 0.5 * (dTp + dFp - dFn);
            dZ = 0.5 * (-dTp + dFp + dFn);
        }
        double base = logLoss ? -Math.log(t) : 1 - t;
        double dBase = logLoss ? -1 / t : -1;
        if (gamma > 1) {
            if (base <= 0) {
                d[0] = 0;
                d[1] = 0;
                return 0;
            }
            double l = Math.pow(base, gamma);
            dBase *= gamma * l / base;
            base = l;
        }
        d[0] = dBase * dX;
        d[1] = dBase * dZ;
        return base;
    }
}
