package io.jaccard4j.djl;

import static io.jaccard4j.djl.Scalars.scalar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import io.jaccard4j.loss.ActiveClasses;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.Targets;

/**
 * Lovász-Softmax (Berman et al., CVPR 2018) as a DJL {@link Loss} — core's
 * {@link io.jaccard4j.loss.LovaszSoftmaxLoss} with NDArray operations: per class, the pixel errors
 * e = |[y = c] − softmax(z)<sub>c</sub>| sorted in decreasing order, weighted by the increments of the Jaccard
 * loss along the sorted ground truth, summed; averaged over the classes present (or all), per batch or per image
 * (mean over the N images). Ignored pixels (hard labels equal to the ignore index) carry zero error and do not
 * change the weights of the others. Hard labels only: the Lovász extension is defined for a 0/1 ground truth —
 * use {@link OverlapLoss#jaccard()} with soft labels.
 */
public final class LovaszSoftmaxLoss extends Loss {
    private final boolean perImage;
    private final ActiveClasses classes;
    private final int ignoreIndex;

    public LovaszSoftmaxLoss(boolean perImage, ActiveClasses classes, int ignoreIndex) {
        super("LovaszSoftmax");
        this.perImage = perImage;
        this.classes = classes;
        this.ignoreIndex = ignoreIndex;
    }

    /** Per-batch Lovász-Softmax over present classes, without an ignore index. */
    public static LovaszSoftmaxLoss create() {
        return new LovaszSoftmaxLoss(false, ActiveClasses.PRESENT, Targets.NO_IGNORE);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        LossInputs in = LossInputs.of(labels, predictions, Activation.SOFTMAX, ignoreIndex);
        if (!in.hard) {
            throw new IllegalArgumentException("Lovász-Softmax does not accept soft labels: the Lovász extension is "
                    + "defined for a 0/1 ground truth; use OverlapLoss.jaccard(), which is exact for soft labels");
        }
        long n = in.x.getShape().get(0);
        long c = in.x.getShape().get(1);
        long p = in.x.getShape().get(2);
        NDArray x = in.x;
        NDArray fg = in.y;
        if (!perImage) { // one group: C x (N P)
            x = x.transpose(1, 0, 2).reshape(1, c, n * p);
            fg = fg.transpose(1, 0, 2).reshape(1, c, n * p);
        }
        NDArray err = fg.sub(x).abs(); // G x C x M, 0 on ignored pixels
        NDArray order = err.stopGradient().argSort(2, false);
        NDArray errSorted = err.gather(order, 2);
        NDArray fgSorted = fg.gather(order, 2).stopGradient();
        NDArray gts = fgSorted.sum(new int[] {2}, true);
        NDArray cumGt = fgSorted.cumSum(2);
        NDArray cumBg = fgSorted.onesLike().sub(fgSorted).cumSum(2);
        NDArray jac = gts.sub(cumGt).div(gts.add(cumBg)).neg().add(1f);
        long m = jac.getShape().get(2);
        NDArray previous = m == 1 ? jac.zerosLike()
                : NDArrays.concat(new NDList(jac.get(new NDIndex("..., :1")).zerosLike(),
                        jac.get(new NDIndex("..., :{}", m - 1))), 2);
        NDArray w = jac.sub(previous);
        NDArray perClass = errSorted.mul(w).sum(new int[] {2}); // G x C
        NDArray active = classes == ActiveClasses.ALL
                ? perClass.onesLike().mul(in.keep == null ? perClass.onesLike() : groupHasPixels(in, perClass))
                : fg.sum(new int[] {2}).gt(0).toType(DataType.FLOAT32, false);
        NDArray count = active.sum(new int[] {1});
        NDArray groupLoss = perClass.mul(active).sum(new int[] {1}).div(count.maximum(1f));
        return groupLoss.sum().div(scalar(groupLoss, (float) groupLoss.size()));
    }

    /** 1 for groups that keep at least one pixel (G x 1), broadcast over classes. */
    private NDArray groupHasPixels(LossInputs in, NDArray perClass) {
        NDArray kept = perImage ? in.keep.sum(new int[] {1}) : in.keep.sum().reshape(1);
        return kept.gt(0).toType(DataType.FLOAT32, false).expandDims(1).broadcast(perClass.getShape());
    }
}
