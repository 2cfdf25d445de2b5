package io.jaccard4j.examples.segmentation;

/**
 * Summaries of K seeds' values v<sub>1..K</sub>: the mean m = &Sigma;v/K, the sample standard deviation
 * s = &radic;(&Sigma;(v &minus; m)&sup2; / (K &minus; 1)) and the half-width of the two-sided 95 % Student-t interval
 * h = t<sub>0.975, K&minus;1</sub>&middot;s/&radic;K (NaN for K &lt; 2). Used for paired differences too: v<sub>j</sub> =
 * a<sub>j</sub> &minus; b<sub>j</sub> of two rows trained on the same seed j. The quantile is found by bisection on the
 * Student-t distribution function F(t) = 1 &minus; &frac12;I<sub>&nu;/(&nu;+t&sup2;)</sub>(&nu;/2, &frac12;) (t &gt; 0),
 * with the regularised incomplete beta function I from its continued fraction (Lentz's method).
 */
public final class SeedStatistics {
    private SeedStatistics() {
    }

    /** The mean of v. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The half-width of the 95 % t-interval of the mean of v, NaN for fewer than 2 values. */
    public static double halfWidth95(double[] v) {
        int k = v.length;
        if (k < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return tQuantile(0.975, k - 1) * Math.sqrt(ss / (k - 1)) / Math.sqrt(k);
    }

    /**
     * The q-quantile of Student's t with &nu; degrees of freedom, for 0.5 &lt; q &lt; 1.
     *
     * @throws IllegalArgumentException for q outside (0.5, 1) or &nu; &lt; 1
     */
    public static double tQuantile(double q, int nu) {
        if (!(q > 0.5 && q < 1)) {
            throw new IllegalArgumentException("q must lie in (0.5, 1); got " + q);
        }
        if (nu < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1; got " + nu);
        }
        double lo = 0;
        double hi = 1;
        while (tCdf(hi, nu) < q) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (tCdf(mid, nu) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** F(t) of Student's t with &nu; degrees of freedom, t &ge; 0. */
    static double tCdf(double t, int nu) {
        double x = nu / (nu + t * t);
        return 1 - 0.5 * incompleteBeta(x, nu / 2.0, 0.5);
    }

    /** The regularised incomplete beta function I<sub>x</sub>(a, b). */
    static double incompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double f = d;
        for (int m = 1; m <= 10_000; m++) {
            double num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            f *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = d * c;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return f;
    }

    /** ln &Gamma;(x) for x &gt; 0 (Lanczos, g = 7, 9 terms; relative error about 1e-15). */
    static double logGamma(double x) {
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = g[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
