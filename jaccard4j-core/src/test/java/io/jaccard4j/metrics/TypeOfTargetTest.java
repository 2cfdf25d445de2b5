package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target-type inference and label order against sklearn.utils.multiclass (tools/gen_type_of_target.py). */
class TypeOfTargetTest {

    @Test
    void agreesWithScikitLearn() throws Exception {
        JsonArray cases = ReferenceJson.load("/reference/type_of_target.json").getAsJsonArray("cases");
        assertTrue(cases.size() >= 100);
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            JsonArray y = c.getAsJsonArray("y");
            String expected = c.get("type").getAsString();
            String id = "case " + c.get("id") + " " + y;
            if (y.get(0).isJsonPrimitive() && y.get(0).getAsJsonPrimitive().isString()) {
                String[] s = new String[y.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = y.get(i).getAsString();
                }
                LabelVector v = LabelVector.of(s);
                assertEquals(expected, v.typeOfTarget().id(), id);
                assertEquals(labels(c), v.uniqueLabels(), id);
                continue;
            }
            int[] shape;
            double[] values;
            if (y.get(0).isJsonArray()) {
                int cols = y.get(0).getAsJsonArray().size();
                shape = new int[] {y.size(), cols};
                values = new double[y.size() * cols];
                for (int i = 0; i < y.size(); i++) {
                    for (int j = 0; j < cols; j++) {
                        values[i * cols + j] = y.get(i).getAsJsonArray().get(j).getAsDouble();
                    }
                }
            } else {
                shape = new int[] {y.size()};
                values = new double[y.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = y.get(i).getAsDouble();
                }
            }
            assertEquals(expected, TypeOfTarget.name(values, shape), id);
            if (c.get("unique_labels").isJsonNull()) {
                IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                        () -> TypeOfTarget.toTarget(values, shape), id);
                assertEquals(expected + " is not supported", ex.getMessage());
                continue;
            }
            Target t = TypeOfTarget.toTarget(values, shape);
            assertEquals(expected, t instanceof IndicatorMatrix && ((IndicatorMatrix) t).columns() == 1
                    ? ((IndicatorMatrix) t).asColumnVector().typeOfTarget().id() : t.typeOfTarget().id(), id);
            if (t instanceof LabelVector) {
                assertEquals(labels(c), ((LabelVector) t).uniqueLabels(), id);
            } else {
                assertEquals(((IndicatorMatrix) t).columns(), c.getAsJsonArray("unique_labels").size(), id);
            }
        }
    }

    private static List<Object> labels(JsonObject c) {
        List<Object> out = new ArrayList<>();
        for (JsonElement e : c.getAsJsonArray("unique_labels")) {
            out.add(e.getAsJsonPrimitive().isString() ? e.getAsString() : (Object) (long) e.getAsDouble());
        }
        return out;
    }
}
