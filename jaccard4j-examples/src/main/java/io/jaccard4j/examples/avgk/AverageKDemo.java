package io.jaccard4j.examples.avgk;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.jaccard4j.avgk.AverageK;
import io.jaccard4j.djl.avgk.TwoHeadLossDjl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Average-K classification on a built-in data set with ambiguous, overlapping and rare classes: 20 classes in
 * 10 dimensions, in 5 groups of 4 nearby classes (their samples overlap), with Zipf-like class frequencies. An
 * MLP is trained once with softmax cross-entropy (the baseline: thresholding softmax probabilities), and once a
 * K with the two-head loss (the multi-label head's sigmoid probabilities are thresholded); λ is calibrated on a
 * validation split and the sets are scored on a test split — average-K accuracy overall and on the 5 rarest
 * classes, and the mean set size.
 */
public final class AverageKDemo {
    public static final int CLASSES = 20;
    public static final int DIM = 10;

    /** One row of the comparison. */
    public static final class Row {
        public final double k;
        public final double softmaxAccuracy;
        public final double twoHeadAccuracy;
        public final double softmaxRare;
        public final double twoHeadRare;
        public final double softmaxSetSize;
        public final double twoHeadSetSize;

        Row(double k, double softmaxAccuracy, double twoHeadAccuracy, double softmaxRare, double twoHeadRare,
                double softmaxSetSize, double twoHeadSetSize) {
            this.k = k;
            this.softmaxAccuracy = softmaxAccuracy;
            this.twoHeadAccuracy = twoHeadAccuracy;
            this.softmaxRare = softmaxRare;
            this.twoHeadRare = twoHeadRare;
            this.softmaxSetSize = softmaxSetSize;
            this.twoHeadSetSize = twoHeadSetSize;
        }
    }

    /** Samples of the built-in data set: features n × DIM and labels. */
    static final class Data {
        final float[] x;
        final int[] y;

        Data(float[] x, int[] y) {
            this.x = x;
            this.y = y;
        }
    }

    static Data generate(long seed, int n, double[][] means, double[] cumulative) {
        Random r = new Random(seed);
        float[] x = new float[n * DIM];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            int c = 0;
            while (c < CLASSES - 1 && u > cumulative[c]) {
                c++;
            }
            y[i] = c;
            for (int d = 0; d < DIM; d++) {
                x[i * DIM + d] = (float) (means[c][d] + r.nextGaussian());
            }
        }
        return new Data(x, y);
    }

    private final boolean quick;
    private final long seed;

    public AverageKDemo(boolean quick, long seed) {
        this.quick = quick;
        this.seed = seed;
    }

    /** Trains the models and returns the comparison at K = 2, 3, 5. */
    public List<Row> run() {
        Random r = new Random(seed);
        double[][] means = new double[CLASSES][DIM];
        for (int g = 0; g < CLASSES / 4; g++) {
            double[] centre = new double[DIM];
            for (int d = 0; d < DIM; d++) {
                centre[d] = 1.5 * r.nextGaussian();
            }
            for (int k = 0; k < 4; k++) {
                for (int d = 0; d < DIM; d++) {
                    means[g * 4 + k][d] = centre[d] + 0.35 * r.nextGaussian();
                }
            }
        }
        double[] freq = new double[CLASSES];
        double total = 0;
        for (int c = 0; c < CLASSES; c++) {
            freq[c] = 1.0 / Math.pow(c + 1, 1.1);
            total += freq[c];
        }
        double[] cumulative = new double[CLASSES];
        double acc = 0;
        for (int c = 0; c < CLASSES; c++) {
            acc += freq[c] / total;
            cumulative[c] = acc;
        }
        int nTrain = quick ? 800 : 8000;
        Data train = generate(seed + 1, nTrain, means, cumulative);
        Data val = generate(seed + 2, quick ? 400 : 3000, means, cumulative);
        Data test = generate(seed + 3, quick ? 400 : 6000, means, cumulative);
        int epochs = quick ? 2 : 25;
        List<Row> rows = new ArrayList<>();
        double[] softVal;
        double[] softTest;
        Model baseline = trainModel(new SoftmaxHeadLoss(), train, epochs);
        softVal = probabilities(baseline, val, false);
        softTest = probabilities(baseline, test, false);
        baseline.close();
        for (double k : new double[] {2, 3, 5}) {
            Model twoHead = trainModel(new TwoHeadLossDjl(k), train, epochs);
            double[] mlVal = probabilities(twoHead, val, true);
            double[] mlTest = probabilities(twoHead, test, true);
            twoHead.close();
            double ls = AverageK.threshold(softVal, val.y.length, CLASSES, k);
            double lt = AverageK.threshold(mlVal, val.y.length, CLASSES, k);
            AverageK.Evaluation es = AverageK.evaluate(softTest, test.y, test.y.length, CLASSES, ls);
            AverageK.Evaluation et = AverageK.evaluate(mlTest, test.y, test.y.length, CLASSES, lt);
            rows.add(new Row(k, es.accuracy, et.accuracy, rare(es), rare(et), es.meanSetSize, et.meanSetSize));
        }
        return rows;
    }

    /** Average-K accuracy over the samples of the 5 rarest classes (15..19). */
    private static double rare(AverageK.Evaluation e) {
        double hits = 0;
        long count = 0;
        for (int c = CLASSES - 5; c < CLASSES; c++) {
            if (e.perClassCount[c] > 0) {
                hits += e.perClassAccuracy[c] * e.perClassCount[c];
                count += e.perClassCount[c];
            }
        }
        return count == 0 ? Double.NaN : hits / count;
    }

    private Model trainModel(Loss loss, Data train, int epochs) {
        Engine.getInstance().setRandomSeed((int) seed);
        Model model = Model.newInstance("avgk-mlp");
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2L * CLASSES).build());
        model.setBlock(net);
        int batch = 128;
        try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build()))) {
            trainer.initialize(new Shape(batch, DIM));
            NDManager m = trainer.getManager();
            int n = train.y.length;
            NDArray x = m.create(train.x, new Shape(n, DIM));
            NDArray y = m.create(train.y, new Shape(n));
            for (int e = 0; e < epochs; e++) {
                for (int s = 0; s + batch <= n; s += batch) {
                    try (NDManager sub = m.newSubManager()) {
                        NDArray xb = x.get(new NDIndex("{}:{}", s, s + batch));
                        NDArray yb = y.get(new NDIndex("{}:{}", s, s + batch));
                        xb.attach(sub);
                        yb.attach(sub);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray l = loss.evaluate(new NDList(yb), trainer.forward(new NDList(xb)));
                            gc.backward(l);
                        }
                        trainer.step();
                    }
                }
            }
        }
        return model;
    }

    /** n × C probabilities: softmax of the first head, or sigmoid of the second (multi-label) head. */
    private static double[] probabilities(Model model, Data d, boolean multilabel) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(d.x, new Shape(d.y.length, DIM));
            NDArray out = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            NDArray head = multilabel ? out.get(":, {}:", CLASSES).getNDArrayInternal().sigmoid()
                    : out.get(":, :{}", CLASSES).softmax(1);
            float[] f = head.toType(DataType.FLOAT32, false).toFloatArray();
            double[] p = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                p[i] = f[i];
            }
            return p;
        }
    }

    /** The comparison as a text table. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%3s  %14s %14s  %14s %14s  %9s %9s%n", "K",
                "softmax acc", "two-head acc", "softmax rare", "two-head rare", "|S| soft", "|S| 2head"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%3.0f  %14.4f %14.4f  %14.4f %14.4f  %9.3f %9.3f%n", r.k,
                    r.softmaxAccuracy, r.twoHeadAccuracy, r.softmaxRare, r.twoHeadRare, r.softmaxSetSize,
                    r.twoHeadSetSize));
        }
        return sb.toString();
    }

    /** Cross-entropy of the softmax head (the first C outputs) alone: the baseline. */
    static final class SoftmaxHeadLoss extends Loss {
        SoftmaxHeadLoss() {
            super("SoftmaxCE");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray out = predictions.singletonOrThrow();
            long n = out.getShape().get(0);
            NDArray z = out.get(":, :{}", CLASSES);
            NDArray classes = z.getManager().arange(0, CLASSES, 1, DataType.INT32).reshape(1, CLASSES);
            NDArray onehot = labels.get(0).toType(DataType.INT32, false).reshape(n, 1).eq(classes)
                    .toType(DataType.FLOAT32, false);
            return z.logSoftmax(1).mul(onehot).sum().neg().div(scalar(z, n));
        }
    }
}
