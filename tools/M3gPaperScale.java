/*
 * Rough time and heap of io.jaccard4j.transport.MultiMarginalMatchingGap (streamed solver) at the (k, n, ε) of the
 * M3G paper's experiments (Piran et al., ICML 2024), as read second-hand (docs/ranking-losses.md, M3G notes).
 * Not a test and not a benchmark: a single timed call on synthetic data (n items, d = 16, k noisy copies of each
 * item's Gaussian vector, normalised to the unit sphere as in the paper). The paper's cost is the circular
 * variance, which on unit vectors is (1/k²)·Σ_{v<w}‖z_v − z_w‖², i.e. this class's pairwise-sum cost over k², so
 * the paper's ε is passed as ε·k²; the paper stops when the sum of the k marginal L1 errors is below 1e-3, so the
 * tolerance here (largest marginal L1 error) is 1e-3 / k.
 *
 * Run from the repository root after `mvn -B -o -q -pl jaccard4j-core package -DskipTests`:
 *   java -Xmx64m -cp jaccard4j-core/target/jaccard4j-core-0.1.0-SNAPSHOT.jar tools/M3gPaperScale.java K N EPS
 * e.g. 6 16 0.2 (EEG), 5 16 0.05 (DomainNet), 4 64 0.2 and 3 64 0.2 (ImageNet), 3 128 0.2 (the abstract's batch).
 */
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.transport.MultiMarginalMatchingGap;
import java.util.Random;

public class M3gPaperScale {
    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: M3gPaperScale K N EPS (EPS on the circular-variance scale); got "
                    + args.length + " arguments");
        }
        int k = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        double epsilonCircular = Double.parseDouble(args[2]);
        int d = 16;
        Random random = new Random(7);
        double[][] items = new double[n][d];
        for (double[] item : items) {
            for (int j = 0; j < d; j++) {
                item[j] = random.nextGaussian();
            }
        }
        double[] views = new double[k * n * d];
        for (int v = 0; v < k; v++) {
            for (int i = 0; i < n; i++) {
                double[] x = new double[d];
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    x[j] = items[i][j] + 0.7 * random.nextGaussian();
                    norm += x[j] * x[j];
                }
                norm = Math.sqrt(norm);
                for (int j = 0; j < d; j++) {
                    views[(v * n + i) * d + j] = x[j] / norm;
                }
            }
        }
        MultiMarginalMatchingGap gap = MultiMarginalMatchingGap.builder().epsilon(epsilonCircular * k * k)
                .maxIterations(1000).tolerance(1e-3 / k).build();
        long start = System.nanoTime();
        LossResult result = gap.compute(views, k, n, d);
        double seconds = (System.nanoTime() - start) / 1e9;
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("k=%d n=%d coupling entries=%.0f eps(circular variance)=%.3f sweeps=%.0f "
                        + "largest marginal L1 error=%.1e time=%.2f s heap in use=%d MB%n",
                k, n, Math.pow(n, k), epsilonCircular, result.part("iterations"), result.part("marginalError"),
                seconds, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }
}
