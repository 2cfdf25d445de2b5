package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.loss.Activation;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.loss.Predictions;
import io.jaccard4j.loss.Reduction;
import io.jaccard4j.loss.Targets;
import io.jaccard4j.loss.TverskyLoss;
import io.jaccard4j.loss.KlDistillationLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCommandTest {
    @TempDir
    Path dir;

    private static final int[] SHAPE = {2, 3, 4, 5};
    private static final int[] LABEL_SHAPE = {2, 4, 5};

    private float[] logits(long seed) {
        Random r = new Random(seed);
        float[] z = new float[2 * 3 * 4 * 5];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (2 * r.nextGaussian());
        }
        return z;
    }

    private int[] labels() {
        Random r = new Random(9);
        int[] y = new int[2 * 4 * 5];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(10) == 0 ? 255 : r.nextInt(3);
        }
        return y;
    }

    private static void writeLogitsAndLabels(Path l, float[] z, Path t, int[] y) throws IOException {
        Npy.write(l, NpyArray.of(z, SHAPE));
        Npy.write(t, NpyArray.of(y, LABEL_SHAPE));
    }

    private static JsonObject json(CliRun run) {
        assertEquals(0, run.exit, run.toString());
        return JsonParser.parseString(run.out.trim()).getAsJsonObject();
    }

    @Test
    void jaccardLossAndGradientEqualTheLibrary() throws IOException {
        float[] z = logits(1);
        int[] y = labels();
        Path l = dir.resolve("l.npy");
        Path t = dir.resolve("y.npy");
        Path g = dir.resolve("g.npy");
        writeLogitsAndLabels(l, z, t, y);
        JsonObject o = json(CliRun.of("loss", "--logits", l.toString(), "--target", t.toString(), "--loss", "jaccard",
                "--ignore-index", "255", "--reduction", "mix:0.5,0.3,0.2", "--grad-out", g.toString(), "--repeat", "3",
                "--format", "json"));
        LossResult expected = TverskyLoss.jaccard().reduction(Reduction.mix(0.5, 0.3, 0.2)).build()
                .compute(Predictions.logits(z, SHAPE, Activation.SOFTMAX), Targets.hard(y, LABEL_SHAPE, 255));
        assertEquals("jaccard", o.get("loss").getAsString());
        assertEquals(expected.value(), o.get("value").getAsDouble(), 0.0);
        assertTrue(o.get("median_ms").getAsDouble() >= 0);
        NpyArray grad = Npy.read(g);
        assertArrayEquals(SHAPE, grad.shape());
        assertArrayEquals(expected.gradient(), grad.toFloatArray(), 0f);
    }

    @Test
    void generalizedDiceLossTakesItsParametersByFlag() throws IOException {
        float[] z = logits(5);
        int[] y = labels();
        Path l = dir.resolve("l.npy");
        Path t = dir.resolve("y.npy");
        Path g = dir.resolve("g.npy");
        writeLogitsAndLabels(l, z, t, y);
        JsonObject o = json(CliRun.of("loss", "--logits", l.toString(), "--target", t.toString(), "--loss",
                "generalized-dice", "--weight-type", "simple", "--include-background", "false", "--per-image", "false",
                "--smooth", "0", "--ignore-index", "255", "--grad-out", g.toString(), "--format", "json"));
        LossResult expected = io.jaccard4j.loss.GeneralizedDiceLoss.of(
                io.jaccard4j.segmentation.GeneralizedDiceScore.WeightType.SIMPLE, io.jaccard4j.loss.Cardinality.norm(1),
                0, false, false).compute(Predictions.logits(z, SHAPE, Activation.SOFTMAX), Targets.hard(y, LABEL_SHAPE, 255));
        assertEquals("generalized-dice", o.get("loss").getAsString());
        assertEquals(expected.value(), o.get("value").getAsDouble(), 0.0);
        assertArrayEquals(expected.gradient(), Npy.read(g).toFloatArray(), 0f);
        CliRun bad = CliRun.of("loss", "--logits", l.toString(), "--target", t.toString(), "--loss", "jaccard",
                "--weight-type", "simple");
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("option weightType does not apply to loss jaccard"), bad.err);
    }

    @Test
    void distillationUsesTheTeacherAtTemperature() throws IOException {
        float[] z = logits(2);
        float[] teacher = logits(3);
        Path l = dir.resolve("l.npy");
        Path tl = dir.resolve("t.npy");
        Npy.write(l, NpyArray.of(z, SHAPE));
        Npy.write(tl, NpyArray.of(teacher, SHAPE));
        JsonObject o = json(CliRun.of("loss", "--logits", l.toString(), "--loss", "kl", "--teacher-logits",
                tl.toString(), "--temperature", "2", "--format", "json"));
        double expected = KlDistillationLoss.withTemperature(2).compute(Predictions.logits(z, SHAPE, Activation.SOFTMAX),
                Targets.teacherSoftmax(teacher, SHAPE, 2, null)).value();
        assertEquals(expected, o.get("value").getAsDouble(), 0.0);
    }

    @Test
    void badInputFailsWithOneClearMessage() throws IOException {
        Path l = dir.resolve("l.npy");
        Npy.write(l, NpyArray.of(logits(4), SHAPE));
        Path t = dir.resolve("y.npy");
        int[] y = labels();
        y[3] = 7; // >= C and not the ignore index
        Npy.write(t, NpyArray.of(y, LABEL_SHAPE));
        CliRun bad = CliRun.of("loss", "--logits", l.toString(), "--target", t.toString(), "--ignore-index", "255");
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.contains("7"), bad.err);
        Path wrong = dir.resolve("w.npy");
        Npy.write(wrong, NpyArray.of(new int[2 * 4 * 4], 2, 4, 4));
        CliRun shape = CliRun.of("loss", "--logits", l.toString(), "--target", wrong.toString());
        assertEquals(2, shape.exit, shape.toString());
        float[] soft = new float[2 * 3 * 4 * 5];
        soft[5] = -0.5f;
        Path s = dir.resolve("s.npy");
        Npy.write(s, NpyArray.of(soft, SHAPE));
        CliRun negative = CliRun.of("loss", "--logits", l.toString(), "--target", s.toString());
        assertEquals(2, negative.exit, negative.toString());
        float[] z = logits(5);
        z[0] = Float.NaN;
        Npy.write(l, NpyArray.of(z, SHAPE));
        CliRun nan = CliRun.of("loss", "--logits", l.toString(), "--target", t.toString());
        assertEquals(2, nan.exit, nan.toString());
        CliRun option = CliRun.of("loss", "--logits", l.toString(), "--target", t.toString(), "--loss", "ce",
                "--alpha", "0.3");
        assertEquals(2, option.exit, option.toString());
        assertTrue(option.err.contains("alpha"), option.err);
        for (CliRun r : new CliRun[] {bad, shape, negative, nan, option}) {
            assertTrue(r.out.isBlank() && !r.err.contains("\tat "), r.toString());
        }
    }

    @Test
    void aKeepMaskHoldsOnlyZeroAndOneAndClassWeightsAreNotAllZero() throws IOException {
        Path l = dir.resolve("l.npy");
        Path t = dir.resolve("y.npy");
        Path k = dir.resolve("k.npy");
        Npy.write(l, NpyArray.of(logits(3), SHAPE));
        Npy.write(t, NpyArray.of(labels(), LABEL_SHAPE));
        byte[] keep = new byte[2 * 4 * 5];
        java.util.Arrays.fill(keep, (byte) 1);
        keep[7] = 2;
        Npy.write(k, NpyArray.ofUint8(keep, LABEL_SHAPE));
        InputRulesTest.assertOneError(CliRun.of("loss", "--logits", l.toString(), "--target", t.toString(),
                "--keep-mask", k.toString()), "--keep-mask", "2.0 at flat index 7", "only 0 (drop) and 1 (keep)");
        for (String loss : new String[] {"jaccard", "ce"}) {
            InputRulesTest.assertOneError(CliRun.of("loss", "--logits", l.toString(), "--target", t.toString(),
                    "--loss", loss, "--class-weights", "0,0,0"), "all zero");
        }
    }
}
