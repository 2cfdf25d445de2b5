package io.jaccard4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jaccard4j.ReferenceJson;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The NIfTI-1 reader on files written by nibabel and on files cut or patched byte by byte
 * (tools/gen_nifti_fixtures.py); expected labels and spacing are nibabel's own reading.
 */
class NiftiVolumeTest {

    private static Path fixture(String name) throws Exception {
        return Paths.get(NiftiVolumeTest.class.getResource("/io/nifti/" + name).toURI());
    }

    @Test
    void readsWhatNibabelWrote() throws Exception {
        JsonObject doc = ReferenceJson.load("/io/nifti/expected.json");
        int n = 0;
        for (JsonElement e : doc.getAsJsonArray("good")) {
            JsonObject c = e.getAsJsonObject();
            String file = c.get("file").getAsString();
            NiftiVolume v = NiftiVolume.read(fixture(file));
            int[] dims = ReferenceJson.ints(c.get("dims"));
            double[] zooms = ReferenceJson.doubles(c.get("zooms"));
            int axes = dims.length;
            while (axes > 3 && dims[axes - 1] == 1) {
                axes--;
            }
            int[] shape = new int[axes];
            double[] spacing = new double[axes];
            for (int a = 0; a < axes; a++) {
                shape[a] = dims[axes - 1 - a];
                spacing[a] = zooms[axes - 1 - a];
            }
            assertArrayEquals(shape, v.shape(), file);
            assertArrayEquals(spacing, v.spacing(), 0, file);
            assertArrayEquals(ReferenceJson.ints(c.get("labels")), v.labels(), file);
            assertTrue(NiftiVolume.isNiftiName(file));
            n++;
        }
        assertEquals(11, n);
    }

    @Test
    void brokenFilesAreRejectedWithTheirName() throws Exception {
        JsonObject doc = ReferenceJson.load("/io/nifti/expected.json");
        int n = 0;
        for (JsonElement e : doc.getAsJsonArray("bad")) {
            JsonObject c = e.getAsJsonObject();
            String file = c.get("file").getAsString();
            Path path = fixture(file);
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> NiftiVolume.read(path), file);
            assertTrue(ex.getMessage().contains(file), ex.getMessage());
            assertTrue(ex.getMessage().contains(c.get("message").getAsString()), ex.getMessage());
            n++;
        }
        assertEquals(8, n);
    }
}
