package io.jaccard4j.segmentation.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The distance transform against scipy.ndimage's {@code distance_transform_edt} (with sampling) and
 * {@code distance_transform_cdt} (chessboard, taxicab), tools/gen_segmentation_distance_reference.py.
 */
class ScipyDistanceReferenceTest {

    @Test
    void matchesScipy() throws Exception {
        JsonObject doc = ReferenceJson.load("/reference/segmentation/distance.json");
        int count = 0;
        for (JsonElement e : doc.getAsJsonArray("edt_cases")) {
            JsonObject c = e.getAsJsonObject();
            String id = c.get("id").getAsString();
            int[] shape = ReferenceJson.ints(c.get("shape"));
            double[] sampling = ReferenceJson.doubles(c.get("sampling"));
            Grid grid = sampling == null ? Grid.of(shape) : Grid.of(shape, sampling);
            int[] input = ReferenceJson.ints(c.get("input"));
            boolean[] sites = new boolean[input.length];
            for (int i = 0; i < input.length; i++) {
                sites[i] = input[i] == 0;
            }
            DistanceTransformTest.assertClose(ReferenceJson.doubles(c.get("edt")),
                    DistanceTransform.toNearest(sites, grid, DistanceMetric.EUCLIDEAN, 2), id + " edt");
            Grid unit = Grid.of(shape);
            for (DistanceMetric m : new DistanceMetric[] {DistanceMetric.CHESSBOARD, DistanceMetric.TAXICAB}) {
                double[] expected = Arrays.stream(ReferenceJson.ints(c.get("cdt_" + m.flagName()))).asDoubleStream().toArray();
                DistanceTransformTest.assertClose(expected, DistanceTransform.toNearest(sites, unit, m), id + " " + m);
            }
            count++;
        }
        assertEquals(16, count);
    }
}
