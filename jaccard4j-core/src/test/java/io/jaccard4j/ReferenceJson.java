package io.jaccard4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reading the committed reference files: a JSON document from the test class path, and its number arrays. */
public final class ReferenceJson {
    private ReferenceJson() {
    }

    /** The JSON object of a class-path resource such as {@code /reference/sweep.json}. */
    public static JsonObject load(String resource) throws IOException {
        InputStream in = ReferenceJson.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing test resource " + resource);
        }
        try (InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    /** A number array; the string "nan" (JSON has no NaN) reads as NaN; JSON null as a null array. */
    public static double[] doubles(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(a.get(i));
        }
        return v;
    }

    /** One number; the string "nan" reads as NaN. */
    public static double number(JsonElement e) {
        if (e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
        }
        return e.getAsDouble();
    }

    /** An integer array. */
    public static int[] ints(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }
}
