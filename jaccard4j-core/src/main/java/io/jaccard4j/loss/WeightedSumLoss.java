package io.jaccard4j.loss;

import java.util.List;
import java.util.Objects;

/**
 * A weighted sum of training losses on the same predictions and targets,
 * L = &Sigma;<sub>i</sub> w<sub>i</sub>&middot;L<sub>i</sub>, with gradient &Sigma;<sub>i</sub> w<sub>i</sub>&middot;dL<sub>i</sub>/d(input)
 * (in the predictions' precision). The JML authors' default objective is
 * {@link #crossEntropyPlusJaccard(double, double) 0.25&middot;cross-entropy + 0.75&middot;JML}.
 */
public final class WeightedSumLoss implements TrainingLoss {
    private final List<TrainingLoss> losses;
    private final double[] weights;

    private WeightedSumLoss(List<TrainingLoss> losses, double[] weights) {
        this.losses = losses;
        this.weights = weights;
    }

    /**
     * &Sigma; w<sub>i</sub>&middot;L<sub>i</sub>; one finite weight &ge; 0 a loss.
     *
     * @throws IllegalArgumentException when the counts differ, there is no loss, or a weight is out of range
     */
    public static WeightedSumLoss of(List<TrainingLoss> losses, double... weights) {
        if (losses.isEmpty() || losses.size() != weights.length) {
            throw new IllegalArgumentException("need one weight a loss and at least one loss; got " + losses.size()
                    + " losses and " + weights.length + " weights");
        }
        losses.forEach(l -> Objects.requireNonNull(l, "loss"));
        return new WeightedSumLoss(List.copyOf(losses), PixelLosses.checkWeights("weight", weights));
    }

    /** ceWeight&middot;cross-entropy + jmlWeight&middot;Jaccard metric loss (dataset reduction, the defaults). */
    public static WeightedSumLoss crossEntropyPlusJaccard(double ceWeight, double jmlWeight) {
        return of(List.of(CrossEntropyLoss.create(), TverskyLoss.jaccard().build()), ceWeight, jmlWeight);
    }

    /** The summed losses, in order. */
    public List<TrainingLoss> losses() {
        return losses;
    }

    /** The weights, in the order of {@link #losses()}. */
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public LossResult compute(Predictions predictions, Targets targets) {
        double value = 0;
        float[] gf = null;
        double[] gd = null;
        boolean exact = predictions != null && predictions.isDouble();
        for (int i = 0; i < losses.size(); i++) {
            LossResult r = losses.get(i).compute(predictions, targets);
            double w = weights[i];
            value += w * r.value();
            if (exact) {
                double[] g = r.gradientAsDouble();
                gd = gd == null ? new double[g.length] : gd;
                for (int j = 0; j < g.length; j++) {
                    gd[j] += w * g[j];
                }
            } else {
                float[] g = r.gradient();
                gf = gf == null ? new float[g.length] : gf;
                for (int j = 0; j < g.length; j++) {
                    gf[j] += (float) (w * g[j]);
                }
            }
        }
        return new LossResult(value, gf, gd);
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("sum(");
        for (int i = 0; i < losses.size(); i++) {
            s.append(i == 0 ? "" : " + ").append(weights[i]).append("*").append(losses.get(i).describe());
        }
        return s.append(")").toString();
    }
}
