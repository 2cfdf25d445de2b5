package io.jaccard4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws of the Jaccard metric loss and of the gradients, on random inputs. */
class LossLawsProperties {

    private static final String[] REDUCTIONS = {"dataset", "image", "class", "mix:0.5,0.3,0.2"};

    /** JML (norm 1) equals the textbook soft Jaccard loss on hard labels: values and gradients. */
    @Property(tries = 60)
    void jmlEqualsSoftJaccardOnHardLabels(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int reduction,
                                          @ForAll boolean activeAll, @ForAll boolean withIgnore) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(3), c = 2 + r.nextInt(3), p = 1 + r.nextInt(6);
        Predictions pred = Predictions.logits(randomLogits(r, n * c * p, 3), new int[]{n, c, p}, Activation.SOFTMAX);
        Targets t = Targets.hard(randomLabels(r, n * p, c, withIgnore ? 255 : -1), new int[]{n, p},
                withIgnore ? 255 : Targets.NO_IGNORE);
        ActiveClasses mode = activeAll ? ActiveClasses.ALL : ActiveClasses.PRESENT;
        Reduction red = Reduction.parse(REDUCTIONS[reduction]);
        LossResult jml = TverskyLoss.jaccard().reduction(red).activeClasses(mode).build().compute(pred, t);
        LossResult sjl = TverskyLoss.softJaccard().reduction(red).activeClasses(mode).build().compute(pred, t);
        assertEquals(sjl.value(), jml.value(), 1e-12);
        double[] a = jml.gradientAsDouble(), b = sjl.gradientAsDouble();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-12);
        }
    }

    /** JML(y, y) = 0 for every soft y, while the textbook SJL(y, y) &gt; 0 once some 0 &lt; y &lt; 1. */
    @Property(tries = 60)
    void jmlVanishesAtSoftLabelsButSjlDoesNot(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int reduction) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(3), c = 2 + r.nextInt(3), p = 1 + r.nextInt(6);
        int[] shape = {n, c, p};
        double[] y = new double[n * c * p];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextDouble();
        }
        Predictions x = Predictions.probabilities(y, shape);
        Targets t = Targets.soft(y, shape, null);
        Reduction red = Reduction.parse(REDUCTIONS[reduction]);
        assertEquals(0.0, TverskyLoss.jaccard().reduction(red).build().compute(x, t).value(), 1e-15);
        assertEquals(0.0, TverskyLoss.dice().reduction(red).build().compute(x, t).value(), 1e-15);
        double sjl = TverskyLoss.softJaccard().smooth(0).reduction(red).build().compute(x, t).value();
        assertTrue(sjl > 0, "SJL(y, y) = " + sjl);
    }

    /** The per-class Jaccard metric loss (s = 0) is symmetric and satisfies the triangle inequality on [0,1]^p. */
    @Property(tries = 300)
    void jaccardMetricLossIsAMetric(@ForAll("unit") double[] seedless, @ForAll long seed) {
        Random r = new Random(seed);
        int p = seedless.length;
        double[] x = seedless;
        double[] y = new double[p];
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            y[i] = r.nextInt(4) == 0 ? r.nextInt(2) : r.nextDouble();
            z[i] = r.nextInt(4) == 0 ? r.nextInt(2) : r.nextDouble();
        }
        Assume.that(sum(x) > 0 && sum(y) > 0 && sum(z) > 0);
        double xy = jml(x, y), yx = jml(y, x), xz = jml(x, z), yz = jml(y, z);
        assertEquals(xy, yx, 1e-15);
        assertTrue(xz <= xy + yz + 1e-12, "d(x,z)=" + xz + " > d(x,y)+d(y,z)=" + (xy + yz));
        assertTrue(xy >= 0 && xy <= 1);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<double[]> unit() {
        return net.jqwik.api.Arbitraries.doubles().between(0, 1).array(double[].class).ofMinSize(1).ofMaxSize(8);
    }

    private static double jml(double[] x, double[] y) {
        int[] shape = {1, 1, x.length};
        return TverskyLoss.jaccard().smooth(0).activeClasses(ActiveClasses.ALL).build()
                .compute(Predictions.probabilities(x, shape), Targets.soft(y, shape, null)).value();
    }

    /** Gradients of every loss equal central finite differences of the double-precision value. */
    @Property(tries = 120)
    void gradientsEqualFiniteDifferences(@ForAll long seed, @ForAll @IntRange(min = 0, max = 13) int which) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(2), c = 2 + r.nextInt(3), p = 1 + r.nextInt(5);
        int[] shape = {n, c, p};
        boolean soft = r.nextBoolean();
        TrainingLoss loss;
        Activation act = Activation.SOFTMAX;
        Reduction red = Reduction.parse(REDUCTIONS[r.nextInt(4)]);
        switch (which) {
            case 0: loss = TverskyLoss.jaccard().reduction(red).build(); break;
            case 1: loss = TverskyLoss.dice().reduction(red).logLoss(true).build(); break;
            case 2: loss = TverskyLoss.tversky(0.3, 0.8).reduction(red).gamma(1.7).build(); break;
            case 3: loss = TverskyLoss.jaccard().norm(2).reduction(red).classWeights(weights(r, c)).build(); break;
            case 4: loss = TverskyLoss.softJaccard().reduction(red).build(); break;
            case 5: loss = TverskyLoss.jaccard().reduction(red).build(); act = Activation.SIGMOID; break;
            case 6: loss = TverskyLoss.jaccard().reduction(red).build(); act = Activation.IDENTITY; break;
            case 7: loss = LovaszSoftmaxLoss.of(r.nextBoolean(), ActiveClasses.PRESENT); soft = false; break;
            case 8: loss = CrossEntropyLoss.weighted(weights(r, c)); break;
            case 9: loss = CrossEntropyLoss.create(); act = Activation.SIGMOID; break;
            case 10: loss = FocalLoss.of(r.nextDouble() * 3, weights(r, c)); soft = false; break;
            case 11: loss = KlDistillationLoss.withTemperature(0.5 + 3 * r.nextDouble()); soft = true; break;
            case 12: loss = CrossEntropyLoss.create(); act = Activation.IDENTITY; break;
            default: loss = LovaszHingeLoss.of(r.nextBoolean()); soft = false; c = 1; shape = new int[]{n, 1, p};
                act = Activation.SIGMOID; break;
        }
        double[] data = act == Activation.IDENTITY ? randomProbabilities(r, n * c * p) : randomLogits(r, n * c * p, 2);
        Targets t = soft ? Targets.soft(randomProbabilities(r, n * c * p), shape, randomMask(r, n * p))
                : Targets.hard(randomLabels(r, n * p, c == 1 ? 2 : c, 99), new int[]{n, p}, 99);
        Activation a = act;
        int[] s = shape;
        java.util.function.Function<double[], Predictions> make = d ->
                a == Activation.IDENTITY ? Predictions.probabilities(d, s) : Predictions.logits(d, s, a);
        double[] g = loss.compute(make.apply(data), t).gradientAsDouble();
        double h = 1e-6;
        for (int i = 0; i < data.length; i++) {
            double[] plus = data.clone(), minus = data.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (loss.compute(make.apply(plus), t).value() - loss.compute(make.apply(minus), t).value()) / (2 * h);
            ReferenceLossTest.assertClose(fd, g[i], 1e-5, 1e-7, loss.describe() + " d/dinput[" + i + "]");
        }
    }

    static double[] randomLogits(Random r, int size, double scale) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = r.nextGaussian() * scale;
        }
        return d;
    }

    static double[] randomProbabilities(Random r, int size) {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = 0.02 + 0.96 * r.nextDouble();
        }
        return d;
    }

    static int[] randomLabels(Random r, int size, int c, int ignore) {
        int[] l = new int[size];
        for (int i = 0; i < size; i++) {
            l[i] = ignore >= 0 && r.nextInt(5) == 0 ? ignore : r.nextInt(c);
        }
        return l;
    }

    static boolean[] randomMask(Random r, int size) {
        boolean[] m = new boolean[size];
        for (int i = 0; i < size; i++) {
            m[i] = r.nextInt(5) != 0;
        }
        return m;
    }

    static double[] weights(Random r, int c) {
        double[] w = new double[c];
        for (int k = 0; k < c; k++) {
            w[k] = 0.25 + 2 * r.nextDouble();
        }
        return w;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
