package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.ReferenceJson;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score} with the segmentation metrics, end to end: real-library cases (torchmetrics 1.9.0
 * HausdorffDistance and GeneralizedDiceScore, JDTLosses' fine-grained IoU, the PyTorch calibration definitions)
 * written to NPY and scored through the command, NIfTI inputs, bootstrap intervals and the bad-input messages.
 */
class ScoreSegmentationTest {
    @TempDir
    Path dir;

    private static JsonObject json(CliRun run) {
        return run.json();
    }

    private static void assertCleanError(CliRun run, String... fragments) {
        InputRulesTest.assertOneError(run, fragments);
    }

    private static JsonObject segCase(String id) throws IOException {
        for (JsonElement e : ReferenceJson.load("/reference/torchmetrics-1.9.0.json")
                .getAsJsonArray("segmentation_cases")) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new IllegalStateException("no case " + id);
    }

    private static int flatten(JsonElement e, List<Integer> out) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                flatten(x, out);
            }
        } else {
            out.add(e.getAsInt());
        }
        return out.size();
    }

    /** An index-format torchmetrics tensor as an int32 NPY file. */
    private Path npy(String name, JsonObject tensor) throws IOException {
        List<Integer> v = new ArrayList<>();
        flatten(tensor.get("values"), v);
        Path p = dir.resolve(name);
        Npy.write(p, NpyArray.of(v.stream().mapToInt(Integer::intValue).toArray(),
                ReferenceJson.ints(tensor.get("shape"))));
        return p;
    }

    @Test
    void hausdorffReplaysTorchmetricsThroughTheCommand() throws IOException {
        for (String id : new String[] {"seg-0098", "seg-0106"}) {
            JsonObject c = segCase(id);
            JsonObject kw = c.getAsJsonObject("kwargs");
            assertEquals("index", kw.get("input_format").getAsString());
            List<String> args = new ArrayList<>(List.of("score", "--y-true", npy(id + "t.npy", c.getAsJsonObject("target"))
                    .toString(), "--y-pred", npy(id + "p.npy", c.getAsJsonObject("preds")).toString(), "--metric",
                    "hausdorff", "--distance", kw.get("distance_metric").getAsString(), "--include-background",
                    kw.get("include_background").getAsString(), "--format", "json"));
            if (kw.get("directed").getAsBoolean()) {
                args.add("--directed");
            }
            JsonObject o = json(CliRun.of(args.toArray(new String[0])));
            assertEquals("hausdorff", o.get("metric").getAsString());
            assertEquals(c.getAsJsonObject("result").get("value").getAsDouble(), o.get("score").getAsDouble(), 1e-5, id);
            assertEquals(2, o.getAsJsonArray("per_image").size());
            args.remove(args.size() - (kw.get("directed").getAsBoolean() ? 2 : 1));
            args.remove("json");
            args.remove("--format");
            CliRun text = CliRun.of(args.toArray(new String[0]));
            assertEquals(0, text.exit, text.toString());
            assertTrue(text.out.startsWith("hausdorff = "), text.out);
        }
    }

    @Test
    void generalizedDiceOfOneVolumeReplaysTorchmetrics() throws IOException {
        JsonObject c = segCase("seg-0068"); // (1, 8, 10, 12) index volume, 4 classes, simple weights, per class
        JsonObject o = json(CliRun.of("score", "--y-true", npy("gt.npy", c.getAsJsonObject("target")).toString(),
                "--y-pred", npy("gp.npy", c.getAsJsonObject("preds")).toString(), "--metric", "generalized-dice",
                "--weight-type", "simple", "--include-background", "true", "--format", "json"));
        double[] expected = ReferenceJson.doubles(c.getAsJsonObject("result").get("value"));
        JsonArray perLabel = o.getAsJsonArray("per_label");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], perLabel.get(k).getAsDouble(), 1e-6, "class " + k);
        }
    }

    @Test
    void fineGrainedReplaysJdtLosses() throws IOException {
        JsonObject c = null;
        for (JsonElement e : ReferenceJson.load("/reference/segmentation/finegrained.json").getAsJsonArray("cases")) {
            if (e.getAsJsonObject().get("id").getAsString().equals("fg-08")) {
                c = e.getAsJsonObject();
            }
        }
        int[] shape = ReferenceJson.ints(c.get("shape"));
        Path t = dir.resolve("ft.npy");
        Path p = dir.resolve("fp.npy");
        Npy.write(t, NpyArray.of(ReferenceJson.ints(c.get("truth")), shape));
        Npy.write(p, NpyArray.of(ReferenceJson.ints(c.get("pred")), shape));
        JsonObject o = json(CliRun.of("score", "--y-true", t.toString(), "--y-pred", p.toString(), "--fine-grained",
                "--format", "json"));
        JsonObject jdt = c.getAsJsonObject("jdtlosses");
        for (String key : new String[] {"Acc", "mIoUD", "mIoUI", "mIoUC", "mIoUI5", "mIoUC5", "mIoUIQ", "mIoUCQ", "mDiceI"}) {
            assertEquals(jdt.get(key).getAsDouble(), o.get(key).getAsDouble(), 2e-6, key);
        }
        assertEquals(jdt.get("mIoUD").getAsDouble(), o.get("score").getAsDouble(), 2e-6);
    }

    @Test
    void calibrationFromProbabilitiesAndABootstrapInterval() throws IOException {
        JsonObject c = ReferenceJson.load("/reference/segmentation/calibration.json").getAsJsonArray("cases").get(0)
                .getAsJsonObject();
        int[] shape = ReferenceJson.ints(c.get("shape"));
        Path probs = dir.resolve("probs.npy");
        Path labels = dir.resolve("labels.npy");
        Npy.write(probs, NpyArray.of(ReferenceJson.doubles(c.get("probs")), shape));
        Npy.write(labels, NpyArray.of(ReferenceJson.ints(c.get("labels")), shape[0], shape[2], shape[3]));
        String[] base = {"score", "--y-true", labels.toString(), "--probs", probs.toString(), "--ignore-index", "255",
            "--format", "json"};
        JsonObject ece = json(CliRun.of(concat(base, "--metric", "ece", "--bins", c.get("bins").getAsString())));
        assertEquals(c.get("ece_width").getAsDouble(), ece.get("score").getAsDouble(), 1e-12);
        assertEquals(c.get("classwise_ece").getAsDouble(), ece.get("classwise_ece").getAsDouble(), 1e-12);
        JsonObject mass = json(CliRun.of(concat(base, "--metric", "ece", "--bins", c.get("bins").getAsString(),
                "--binning", "mass")));
        assertEquals(c.get("ece_mass").getAsDouble(), mass.get("score").getAsDouble(), 1e-12);
        JsonObject brier = json(CliRun.of(concat(base, "--metric", "brier", "--ci", "0.9", "--bootstrap", "200",
                "--seed", "5")));
        assertEquals(c.get("brier").getAsDouble(), brier.get("score").getAsDouble(), 1e-12);
        JsonArray ci = brier.getAsJsonArray("ci");
        assertTrue(ci.get(0).getAsDouble() <= ci.get(1).getAsDouble());
        JsonObject again = json(CliRun.of(concat(base, "--metric", "brier", "--ci", "0.9", "--bootstrap", "200",
                "--seed", "5")));
        assertEquals(ci, again.getAsJsonArray("ci"));
        JsonObject nll = json(CliRun.of(concat(base, "--metric", "nll")));
        assertEquals(c.get("nll").getAsDouble(), nll.get("score").getAsDouble(), 1e-12);
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/io/nifti/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    @Test
    void niftiVolumesAreScoredWithTheirSpacing() throws IOException {
        Path a = resource("uint8_3d.nii");
        // the same labels, stored as float32, with another header spacing (1.2 mm against 0.8 x 1.5 x 2.5 mm)
        Path b = resource("float32_labels.nii.gz");
        assertCleanError(CliRun.of("score", "--y-true", a.toString(), "--y-pred", b.toString(), "--metric",
                "hausdorff"), "disagree on the voxel spacing", "uint8_3d.nii", "float32_labels.nii.gz", "--spacing");
        JsonObject o = json(CliRun.of("score", "--y-true", a.toString(), "--y-pred", b.toString(), "--metric",
                "hausdorff", "--spacing", "2.5,1.5,0.8", "--format", "json"));
        assertEquals(0.0, o.get("score").getAsDouble(), 0);
        JsonObject nsd = json(CliRun.of("score", "--y-true", a.toString(), "--y-pred", b.toString(), "--metric", "nsd",
                "--tolerance", "0", "--spacing", "2.5,1.5,0.8", "--format", "json"));
        assertEquals(1.0, nsd.get("score").getAsDouble(), 0);
        assertCleanError(CliRun.of("score", "--y-true", a.toString(), "--y-pred", resource("truncated_data.nii").toString(),
                "--metric", "hausdorff"), "truncated_data.nii", "truncated");
        assertCleanError(CliRun.of("score", "--y-true", a.toString(), "--y-pred", resource("int32_2d.nii").toString(),
                "--metric", "hausdorff"), "shape mismatch");
        assertCleanError(CliRun.of("score", "--y-true", a.toString(), "--y-pred", b.toString(), "--metric",
                "hausdorff", "--spacing", "1,2"), "--spacing has 2 values");
    }

    @Test
    void aDirectoryMixingNiftiAndImageMasksIsRefused() throws IOException {
        Path truth = Files.createDirectories(dir.resolve("mixed_truth"));
        Path pred = Files.createDirectories(dir.resolve("mixed_pred"));
        Path volume = resource("uint8_3d.nii");
        for (Path d : List.of(truth, pred)) {
            Files.copy(volume, d.resolve("case1.nii"));
        }
        // the NIfTI pair alone is scored
        JsonObject o = json(CliRun.of("score", "--y-true", truth.toString(), "--y-pred", pred.toString(), "--metric",
                "hausdorff", "--format", "json"));
        assertEquals(0.0, o.get("score").getAsDouble(), 0);
        // a PNG/NPY mask beside them was left out without a word; now it is an error naming it
        Npy.write(pred.resolve("case2.npy"), NpyArray.of(new int[] {0, 1, 1, 0}, 2, 2));
        assertCleanError(CliRun.of("score", "--y-true", truth.toString(), "--y-pred", pred.toString(), "--metric",
                "hausdorff"), "mixed_pred", "both NIfTI volumes and PNG/NPY masks", "case2.npy", "case1.nii");
        // the twin: the classic scores read the PNG/NPY masks and left the NIfTI volumes out without a word
        Npy.write(truth.resolve("case2.npy"), NpyArray.of(new int[] {0, 1, 1, 0}, 2, 2));
        assertCleanError(CliRun.of("score", "--y-true", truth.toString(), "--y-pred", pred.toString(), "--metric",
                "jaccard"), "mixed_truth", "both NIfTI volumes and PNG/NPY masks", "case2.npy", "case1.nii");
    }

    @Test
    void badInputGivesOneMessageAndStatusTwo() throws IOException {
        Path t = dir.resolve("t.npy");
        Npy.write(t, NpyArray.of(new int[] {0, 1, 1, 0, 1, 1, 0, 0}, 2, 2, 2));
        String ts = t.toString();
        assertCleanError(CliRun.of("score", "--y-true", ts, "--y-pred", ts, "--metric", "hausdorff", "--spacing", "1,0"),
                "--spacing", "> 0");
        assertCleanError(CliRun.of("score", "--y-true", ts, "--y-pred", ts, "--metric", "hausdorff", "--ci", "1.5"),
                "(0, 1)");
        assertCleanError(CliRun.of("score", "--y-true", ts, "--y-pred", ts, "--metric", "nsd"), "--tolerance");
        assertCleanError(CliRun.of("score", "--y-true", ts, "--y-pred", ts, "--metric", "ece"), "--probs");
        assertCleanError(CliRun.of("score", "--y-true", ts, "--y-pred", ts, "--metric", "jaccard", "--spacing", "1,1"),
                "--spacing");
        Path probs = dir.resolve("bad_probs.npy");
        double[] p = new double[2 * 2 * 2 * 2];
        Arrays.fill(p, 0.7);
        Npy.write(probs, NpyArray.of(p, 2, 2, 2, 2));
        assertCleanError(CliRun.of("score", "--y-true", ts, "--probs", probs.toString(), "--metric", "brier"),
                "sum to 1.4");
        Path other = dir.resolve("o.npy");
        Npy.write(other, NpyArray.of(new int[] {0, 1, 1, 0}, 1, 2, 2));
        assertCleanError(CliRun.of("score", "--y-true", ts, "--y-pred", other.toString(), "--metric", "assd"),
                "shape mismatch");
    }

    /** A command that shares the score flags but not the segmentation metrics (as the Spark job). */
    static final class FlagsOnly extends io.jaccard4j.command.ScoreFlags {
        io.jaccard4j.engine.ScoreRequest parse(String... args) {
            new picocli.CommandLine(this).parseArgs(args);
            return request();
        }
    }

    @Test
    void commandsWithoutTheSegmentationMetricsRejectTheirFlags() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FlagsOnly().parse("--metric", "hausdorff"));
        assertTrue(e.getMessage().contains("local jaccard4j score"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FlagsOnly().parse("--fine-grained"));
        assertEquals(null, new FlagsOnly().parse("--metric", "f1").segmentation());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
