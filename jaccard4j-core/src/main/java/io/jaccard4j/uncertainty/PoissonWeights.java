package io.jaccard4j.uncertainty;

/**
 * The resampling weights of a Poisson bootstrap (Hanley and MacGibbon, 2006; Oza and Russell's online bagging):
 * in resample r, sample i is counted k<sub>r,i</sub> ~ Poisson(1) times, independently of every other sample, so a
 * resample is the data with sample weights k<sub>r,i</sub> (times the sample's own weight). As n grows this is the
 * classic multinomial bootstrap (n draws with replacement), whose counts are Binomial(n, 1/n) → Poisson(1).
 *
 * <p>The weights are counter-based: k<sub>r,i</sub> is a pure function of (seed, r, i), so every sample's weight can
 * be drawn wherever the sample lies (any thread, any Spark partition) and the resamples do not depend on how the
 * work is split. The function:
 * <ol>
 *   <li>key<sub>r</sub> = mix(mix(seed) + (r + 1)·γ<sub>1</sub>), with γ<sub>1</sub> = 0x9E3779B97F4A7C15;</li>
 *   <li>z = mix(key<sub>r</sub> + (i + 1)·γ<sub>2</sub>), with γ<sub>2</sub> = 0xD1B54A32D192ED03;</li>
 *   <li>u = (z &gt;&gt;&gt; 11)·2<sup>−53</sup>, uniform on [0, 1);</li>
 *   <li>k = the smallest k with u &lt; F(k), F the Poisson(1) distribution function
 *       F(k) = Σ<sub>j≤k</sub> e<sup>−1</sup>/j! (summed in double precision with {@link StrictMath#exp}, so the
 *       table is the same on every JVM); u beyond the last representable F gives the table's length.</li>
 * </ol>
 * mix is SplitMix64's finalizer (Steele, Lea and Flood, 2014): z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9,
 * z ← (z ⊕ z≫27)·0x94D049BB133111EB, z ⊕ z≫31 (unsigned shifts, arithmetic mod 2<sup>64</sup>).
 */
public final class PoissonWeights {
    private static final long GAMMA_RESAMPLE = 0x9E3779B97F4A7C15L;
    private static final long GAMMA_SAMPLE = 0xD1B54A32D192ED03L;
    /** F(k) = P(K ≤ k) for K ~ Poisson(1), for k = 0 .. until the sum stops changing. */
    private static final double[] CDF = distribution();

    private PoissonWeights() {
    }

    private static double[] distribution() {
        double[] f = new double[64];
        double term = StrictMath.exp(-1);
        double sum = term;
        int k = 0;
        f[k] = sum;
        while (k + 1 < f.length) {
            term /= k + 1;
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
            f[++k] = sum;
        }
        return java.util.Arrays.copyOf(f, k + 1);
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** key<sub>r</sub>: the key of resample {@code resample} under {@code seed}, for {@link #weight(long, long)}. */
    public static long resampleKey(long seed, int resample) {
        return mix(mix(seed) + (resample + 1L) * GAMMA_RESAMPLE);
    }

    /** k<sub>r,i</sub> for the resample whose key is {@code resampleKey} and sample {@code sample} (0-based). */
    public static int weight(long resampleKey, long sample) {
        double u = (mix(resampleKey + (sample + 1) * GAMMA_SAMPLE) >>> 11) * 0x1.0p-53;
        int k = 0;
        while (k < CDF.length && u >= CDF[k]) {
            k++;
        }
        return k;
    }

    /** k<sub>r,i</sub> = {@code weight(resampleKey(seed, resample), sample)}. */
    public static int weight(long seed, int resample, long sample) {
        return weight(resampleKey(seed, resample), sample);
    }

    /** F(k) for k = 0 .. the largest k whose F is below the next one: the table the draw inverts. */
    public static double[] distributionFunction() {
        return CDF.clone();
    }
}
