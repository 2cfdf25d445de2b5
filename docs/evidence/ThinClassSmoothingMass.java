import io.jaccard4j.examples.segmentation.SyntheticScenes;
import io.jaccard4j.recipes.BoundaryLabelSmoothing;
import io.jaccard4j.recipes.LabelSmoothing;
import java.util.Locale;

/**
 * Why JML loses the rare thin line under plain label smoothing (docs/evidence.md): on the training batches of the
 * default demo (48×48 scenes, 64 training images in batches of 8, seeds 7, 1007, ..., 4007), the soft target of
 * class 3 (thin line) per batch, as the demo's losses see it (dataset reduction: one sum over the batch's pixels):
 * <ul>
 *   <li>share: the part of Σ y₃ that lies off the line (smoothing mass), Σ_{mask ≠ 3} y₃ / Σ y₃;</li>
 *   <li>JML(ignore): class 3's Jaccard metric loss 1 − (|x| + |y| − Δ)/(|x| + |y| + Δ) (L1 cardinalities) of a model
 *       that ignores the line: x₃ = y₃ off the line, and on the line x₃ = ε/C, the value the smoothing gives a class
 *       a pixel does not have (0 for hard labels); JML's minimum, 0, is at x = y;</li>
 *   <li>SJL(ignore), SJL(x = y), SJL(onehot): class 3's soft Jaccard loss 1 − Σxy / (Σx + Σy − Σxy) for the same
 *       ignoring model, for x = y, and for the hard line x₃ = [mask = 3];</li>
 *   <li>JML(blur), SJL(blur): both losses for a model that finds the line but not its exact pixels: x₃ = the 3×3 box
 *       blur of y₃ (the mean over the pixel's window inside the image).</li>
 * </ul>
 * BLS k = 3 is the demo's (Chebyshev radius 3, a 7×7 window); k = 1 is a 3×3 window. Formulas only, no training. Run from the repository root after building the jar:
 * {@code java -cp jaccard4j-cli/target/jaccard4j.jar docs/evidence/ThinClassSmoothingMass.java}
 */
public final class ThinClassSmoothingMass {
    public static void main(String[] args) {
        int size = 48;
        int images = 64;
        int batch = 8;
        int c = SyntheticScenes.CLASSES;
        int p = size * size;
        System.out.println("smoothing                 line share  off-line share of y3   JML(ignore)  JML(blur)   SJL(ignore)  SJL(x=y)  SJL(onehot)  SJL(blur)");
        for (String name : new String[] {"none (hard)", "LS eps=0.1", "LS eps=0.25", "BLS eps=0.5 k=3",
            "BLS eps=0.5 k=1"}) {
            double lineShare = 0;
            double offShare = 0;
            double jmlIgnore = 0;
            double sjlIgnore = 0;
            double sjlTarget = 0;
            double sjlOneHot = 0;
            double jmlBlur = 0;
            double sjlBlur = 0;
            int batches = 0;
            for (int j = 0; j < 5; j++) {
                long seed = 7 + 1000L * j;
                int[] masks = new int[images * p];
                for (int k = 0; k < images; k++) {
                    System.arraycopy(SyntheticScenes.generate(seed * 100_000 + k, size, size).mask, 0, masks, k * p, p);
                }
                float[] soft = soft(name, masks, images, p, c, size);
                double eps = name.startsWith("LS") ? Double.parseDouble(name.substring(7)) : name.startsWith("BLS") ? 0.5 : 0;
                for (int b0 = 0; b0 < images; b0 += batch) {
                    double line = 0;
                    double sy = 0;
                    double off = 0;
                    double sx = 0;
                    double delta = 0;
                    double sxy = 0;
                    double syy = 0;
                    double sOneHotY = 0;
                    double bx = 0;
                    double bDelta = 0;
                    double bxy = 0;
                    for (int b = b0; b < b0 + batch; b++) {
                        double[] blur = blur(soft, (b * c + 3) * p, size);
                        for (int i = 0; i < p; i++) {
                            double y = soft[(b * c + 3) * p + i];
                            bx += blur[i];
                            bDelta += Math.abs(blur[i] - y);
                            bxy += blur[i] * y;
                            boolean isLine = masks[b * p + i] == 3;
                            double x = isLine ? eps / c : y; // the model that ignores the line
                            line += isLine ? 1 : 0;
                            sy += y;
                            off += isLine ? 0 : y;
                            sx += x;
                            delta += Math.abs(x - y);
                            sxy += x * y;
                            syy += y * y;
                            sOneHotY += isLine ? y : 0;
                        }
                    }
                    batches++;
                    lineShare += line / (batch * p);
                    offShare += off / sy;
                    jmlIgnore += 1 - (sx + sy - delta) / (sx + sy + delta);
                    sjlIgnore += 1 - sxy / (sx + sy - sxy);
                    sjlTarget += 1 - syy / (2 * sy - syy);
                    sjlOneHot += 1 - sOneHotY / (line + sy - sOneHotY);
                    jmlBlur += 1 - (bx + sy - bDelta) / (bx + sy + bDelta);
                    sjlBlur += 1 - bxy / (bx + sy - bxy);
                }
            }
            System.out.printf(Locale.ROOT, "%-24s %10.4f %21.3f %13.3f %10.3f %13.3f %9.3f %12.3f %10.3f%n", name,
                    lineShare / batches, offShare / batches, jmlIgnore / batches, jmlBlur / batches,
                    sjlIgnore / batches, sjlTarget / batches, sjlOneHot / batches, sjlBlur / batches);
        }
        System.out.println("(means over the 40 training batches of 8 images: 8 batches x 5 seeds; batches without a line count too)");
    }

    /** The 3×3 box blur (mean over the window's pixels inside the image) of the size × size plane at {@code off}. */
    private static double[] blur(float[] v, int off, int size) {
        double[] out = new double[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double s = 0;
                int n = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(size - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(size - 1, x + 1); xx++) {
                        s += v[off + yy * size + xx];
                        n++;
                    }
                }
                out[y * size + x] = s / n;
            }
        }
        return out;
    }

    private static float[] soft(String name, int[] masks, int images, int p, int c, int size) {
        if (name.startsWith("none")) {
            return LabelSmoothing.of(0).apply(masks, images, p, c, Integer.MIN_VALUE);
        }
        if (name.startsWith("LS")) {
            return LabelSmoothing.of(Double.parseDouble(name.substring(7))).apply(masks, images, p, c, Integer.MIN_VALUE);
        }
        float[] out = new float[images * c * p];
        BoundaryLabelSmoothing bls = BoundaryLabelSmoothing.of(0.5, Integer.parseInt(name.substring(name.length() - 1)));
        for (int k = 0; k < images; k++) {
            int[] mask = java.util.Arrays.copyOfRange(masks, k * p, (k + 1) * p);
            System.arraycopy(bls.apply(mask, size, size, c, Integer.MIN_VALUE), 0, out, k * c * p, c * p);
        }
        return out;
    }
}
