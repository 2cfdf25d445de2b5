package io.jaccard4j.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.metrics.ZeroDivision;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Dataset IoU and per-image IoU against torchmetrics' formulas evaluated with PyTorch
 * (tools/gen_segmentation_reference.py).
 */
class SegmentationReferenceTest {

    private static double num(JsonElement e) {
        return ReferenceJson.number(e);
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, 1e-12, what);
        }
    }

    @Test
    void matchesTorchmetricsFormulas() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/segmentation.json");
        JsonArray cases = doc.getAsJsonArray("cases");
        assertTrue(cases.size() >= 200);
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            String id = "case " + c.get("id").getAsInt();
            int classes = c.get("num_classes").getAsInt();
            JsonArray shape = c.getAsJsonArray("shape");
            int n = shape.get(0).getAsInt();
            int per = shape.get(1).getAsInt() * shape.get(2).getAsInt();
            int[] t = ReferenceJson.ints(c.getAsJsonArray("target"));
            int[] p = ReferenceJson.ints(c.getAsJsonArray("preds"));
            SegmentationIoU s = c.get("ignore_index").isJsonNull() ? SegmentationIoU.of(classes)
                    : SegmentationIoU.withIgnoreIndex(classes, c.get("ignore_index").getAsInt());
            for (int i = 0; i < n; i++) {
                s.update(Arrays.copyOfRange(t, i * per, (i + 1) * per), Arrays.copyOfRange(p, i * per, (i + 1) * per));
            }
            JsonObject d = c.getAsJsonObject("dataset");
            double[] iou = s.datasetIoU(ZeroDivision.ZERO);
            JsonArray expIou = d.getAsJsonArray("per_class");
            for (int k = 0; k < classes; k++) {
                close(num(expIou.get(k)), iou[k], id + " class " + k);
            }
            close(num(d.get("macro")), s.datasetMeanIoU(), id + " macro");
            close(num(d.get("micro")), s.datasetMicroIoU(), id + " micro");
            close(num(d.get("weighted")), s.datasetWeightedIoU(), id + " weighted");
            JsonObject pi = c.getAsJsonObject("per_image");
            close(num(pi.get("pooled")), s.perImageMeanIoU(), id + " per-image pooled");
            close(num(pi.get("mean_of_image_means")), s.meanOfImageMeans(), id + " mean of image means");
            double[] pc = s.perImageClassIoU();
            JsonArray expPc = pi.getAsJsonArray("per_class");
            for (int k = 0; k < classes; k++) {
                close(num(expPc.get(k)), pc[k], id + " per-image class " + k);
            }
        }
    }

}
