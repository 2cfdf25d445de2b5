package io.jaccard4j.loss;

/**
 * The gradient of the Lovász extension of the Jaccard loss (Berman et al., 2018) for a ground truth ordered by
 * decreasing error: with g = &Sigma; gt, J<sub>k</sub> = 1 &minus; (g &minus; &Sigma;<sub>j&le;k</sub> gt<sub>j</sub>)
 * / (g + &Sigma;<sub>j&le;k</sub> (1 &minus; gt<sub>j</sub>)), the weights are J<sub>1</sub> and
 * J<sub>k</sub> &minus; J<sub>k&minus;1</sub>. Also holds the index sort the Lovász losses need.
 */
final class LovaszExtension {
    private LovaszExtension() {
    }

    /** Fills {@code weights[k]} for the ground truth {@code gtSorted[0..m)} (0 or 1, sorted by error descending). */
    static void weights(boolean[] gtSorted, int m, double[] weights) {
        int g = 0;
        for (int k = 0; k < m; k++) {
            if (gtSorted[k]) {
                g++;
            }
        }
        int cumGt = 0;
        int cumBg = 0;
        double previous = 0;
        for (int k = 0; k < m; k++) {
            if (gtSorted[k]) {
                cumGt++;
            } else {
                cumBg++;
            }
            double jac = 1.0 - (double) (g - cumGt) / (g + cumBg);
            weights[k] = jac - previous;
            previous = jac;
        }
    }

    /** Sorts {@code order[0..m)} so that keys[order[k]] is non-increasing (stable merge sort). */
    static void sortDescending(int[] order, int m, double[] keys, int[] scratch) {
        for (int width = 1; width < m; width *= 2) {
            for (int lo = 0; lo < m - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, m);
                int a = lo, b = mid, o = lo;
                while (a < mid && b < hi) {
                    scratch[o++] = keys[order[b]] > keys[order[a]] ? order[b++] : order[a++];
                }
                while (a < mid) {
                    scratch[o++] = order[a++];
                }
                while (b < hi) {
                    scratch[o++] = order[b++];
                }
                System.arraycopy(scratch, lo, order, lo, hi - lo);
            }
        }
    }

    static IllegalArgumentException softLabelsRejected(String loss) {
        return new IllegalArgumentException(loss + " does not accept soft labels: the Lovász extension is defined for a "
                + "0/1 ground-truth set; use TverskyLoss.jaccard() (the Jaccard metric loss), which is exact for soft labels");
    }
}
