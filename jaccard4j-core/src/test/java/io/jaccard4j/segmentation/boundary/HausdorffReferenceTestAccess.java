package io.jaccard4j.segmentation.boundary;

import com.google.gson.JsonObject;

/** Lets the overlap tests read torchmetrics' tensors as the boundary tests do. */
public final class HausdorffReferenceTestAccess {
    private HausdorffReferenceTestAccess() {
    }

    /** Index maps of a torchmetrics tensor, one-hot inputs arg-maxed, flattened sample by sample. */
    public static int[] indexMaps(JsonObject tensor, String inputFormat, int[] spatial) {
        return HausdorffReferenceTest.indexMaps(tensor, inputFormat, spatial);
    }
}
