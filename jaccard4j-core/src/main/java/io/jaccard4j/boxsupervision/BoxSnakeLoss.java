package io.jaccard4j.boxsupervision;

import io.jaccard4j.loss.LossResult;
import java.util.Objects;

/**
 * BoxSnake's training objective for one polygon and its annotated box (Yang, Song, Ge, Li, <i>BoxSnake: Polygonal
 * Instance Segmentation with Box Supervision</i>, ICCV 2023, Sections 3.2–3.4):
 * <pre>
 *   M = SoftRaster_τ(v),
 *   L = λ_u · L_unary(v, B) + λ_l · L_local(M, I, B) + λ_g · L_global(M, I, B)
 * </pre>
 * with {@link PolygonBoxUnaryLoss} (1 − CIoU of the vertices' box against B), {@link SoftPolygonRasterizer}
 * (M = σ(signed distance / τ)) and the two terms of {@link DistanceAwarePairwiseLoss}. The gradient with respect to
 * the vertices {@code [x1, y1, x2, y2, …]} is exact: the pairwise terms' mask gradients go back through the
 * rasteriser.
 *
 * <p>Choices where the paper leaves one: the weights default to the official configurations' λ_u = 1,
 * λ_l = 0.5, λ_g = 0.03; τ is the caller's (the official code's 0.1 applies to squared distances in its mask
 * resolution, so it has no direct counterpart here); the paper's warm-up of the pairwise terms is the training
 * loop's business, not this loss's.
 */
public final class BoxSnakeLoss {
    private final SoftPolygonRasterizer rasterizer;
    private final DistanceAwarePairwiseLoss pairwise;
    private final double unaryWeight;
    private final double localWeight;
    private final double globalWeight;

    private BoxSnakeLoss(SoftPolygonRasterizer rasterizer, DistanceAwarePairwiseLoss pairwise, double unaryWeight,
            double localWeight, double globalWeight) {
        this.rasterizer = rasterizer;
        this.pairwise = pairwise;
        this.unaryWeight = unaryWeight;
        this.localWeight = localWeight;
        this.globalWeight = globalWeight;
    }

    /** The official configurations' weights (1, 0.5, 0.03) and pairwise settings (d = 2, σ = 2) at temperature τ. */
    public static BoxSnakeLoss boxSnake(double temperature) {
        return of(SoftPolygonRasterizer.of(temperature), DistanceAwarePairwiseLoss.boxSnake(), 1, 0.5, 0.03);
    }

    /**
     * A loss with the given rasteriser, pairwise settings and weights λ_u, λ_l, λ_g (finite, ≥ 0).
     *
     * @throws IllegalArgumentException for a negative or non-finite weight
     */
    public static BoxSnakeLoss of(SoftPolygonRasterizer rasterizer, DistanceAwarePairwiseLoss pairwise,
            double unaryWeight, double localWeight, double globalWeight) {
        Objects.requireNonNull(rasterizer, "rasterizer");
        Objects.requireNonNull(pairwise, "pairwise");
        for (double l : new double[] {unaryWeight, localWeight, globalWeight}) {
            if (!(l >= 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("BoxSnake loss weights must be finite and >= 0; got "
                        + unaryWeight + ", " + localWeight + ", " + globalWeight);
            }
        }
        return new BoxSnakeLoss(rasterizer, pairwise, unaryWeight, localWeight, globalWeight);
    }

    /** The rasteriser. */
    public SoftPolygonRasterizer rasterizer() {
        return rasterizer;
    }

    /** The pairwise settings. */
    public DistanceAwarePairwiseLoss pairwise() {
        return pairwise;
    }

    /** {λ_u, λ_l, λ_g}. */
    public double[] weights() {
        return new double[] {unaryWeight, localWeight, globalWeight};
    }

    /**
     * Value (parts {@code unary}, {@code local}, {@code global}, unweighted) and gradient with respect to the
     * vertices, for an h × w image with {@code channels} colour values a pixel (row-major).
     *
     * @throws IllegalArgumentException for bad vertices, sizes, colours or a box outside the image
     */
    public LossResult compute(double[] vertices, double[] image, int h, int w, int channels, Box box) {
        SoftPolygonRasterizer.Raster raster = rasterizer.rasterize(vertices, h, w);
        double[] mask = raster.mask();
        LossResult unary = PolygonBoxUnaryLoss.compute(vertices, box);
        LossResult local = pairwise.local(mask, image, h, w, channels, box);
        LossResult global = pairwise.global(mask, image, h, w, channels, box);
        double[] gl = local.gradientAsDouble();
        double[] gg = global.gradientAsDouble();
        double[] gm = new double[mask.length];
        for (int i = 0; i < gm.length; i++) {
            gm[i] = localWeight * gl[i] + globalWeight * gg[i];
        }
        double[] g = raster.backward(gm);
        double[] gu = unary.gradientAsDouble();
        for (int i = 0; i < g.length; i++) {
            g[i] += unaryWeight * gu[i];
        }
        double value = unaryWeight * unary.value() + localWeight * local.value() + globalWeight * global.value();
        return LossResult.of(value, g).withPart("unary", unary.value()).withPart("local", local.value())
                .withPart("global", global.value());
    }
}
