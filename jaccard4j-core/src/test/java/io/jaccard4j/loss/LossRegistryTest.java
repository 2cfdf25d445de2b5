package io.jaccard4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The loss registry: names, declared parameters, one message per rule, and the docs' table. */
class LossRegistryTest {
    private static String message(Executable r) {
        return assertThrows(IllegalArgumentException.class, r).getMessage();
    }

    @Test
    void unknownNameListsEveryKnownName() {
        String m = message(() -> LossRegistry.entry("iou"));
        for (String name : LossRegistry.names()) {
            assertTrue(m.contains(name), name + " missing from: " + m);
        }
        assertTrue(m.startsWith("loss 'iou' is not recognised"), m);
        assertEquals(m, message(() -> LossSpec.of("iou")));
    }

    @Test
    void aliasesResolveToTheirEntry() {
        for (LossRegistry.Entry e : LossRegistry.entries()) {
            assertSame(e, LossRegistry.entry(e.name().toUpperCase()));
            for (String alias : e.aliases()) {
                assertSame(e, LossRegistry.entry(" " + alias + " "));
            }
        }
    }

    @Test
    void outOfRangeFailsWithTheBuildersMessage() {
        assertEquals(message(() -> TverskyLoss.jaccard().alpha(-0.5)),
                message(() -> LossRegistry.build("jaccard", Map.of("alpha", "-0.5"))));
        assertEquals(message(() -> TverskyLoss.tversky(0.5, -1)),
                message(() -> LossRegistry.build("tversky", Map.of("alpha", "0.5", "beta", "-1"))));
        assertEquals(message(() -> TverskyLoss.dice().gamma(0.5)),
                message(() -> LossRegistry.build("dice", Map.of("gamma", "0.5"))));
        assertEquals(message(() -> TverskyLoss.jaccard().smooth(Double.POSITIVE_INFINITY)),
                message(() -> LossRegistry.build("jml", Map.of("smooth", "Infinity"))));
        assertEquals(message(() -> TverskyLoss.jaccard().norm(0)),
                message(() -> LossRegistry.build("jaccard", Map.of("norm", "0"))));
        assertEquals(message(() -> TverskyLoss.jaccard().classWeights(1, -2)),
                message(() -> LossRegistry.build("jaccard", Map.of("class-weights", "1,-2"))));
        assertEquals(message(() -> FocalLoss.of(-1)), message(() -> LossRegistry.build("focal", Map.of("gamma", "-1"))));
        assertEquals(message(() -> FocalLoss.of(2, new double[] {Double.NaN})),
                message(() -> LossRegistry.build("focal", Map.of("focalAlpha", "NaN"))));
        assertEquals(message(() -> KlDistillationLoss.withTemperature(0)),
                message(() -> LossRegistry.build("kl", Map.of("temperature", "0"))));
        assertEquals(message(() -> Targets.teacherSoftmax(new float[4], new int[] {2, 2}, 0, null)),
                message(() -> LossRegistry.build("distillation", Map.of("temperature", "0"))));
        assertEquals(message(() -> Reduction.parse("mix:1,2")),
                message(() -> LossRegistry.build("dice", Map.of("reduction", "mix:1,2"))));
        assertEquals(message(() -> ActiveClasses.parse("some")),
                message(() -> LossRegistry.build("lovasz-softmax", Map.of("classes", "some"))));
        assertEquals("temperature is -1.0; expected a finite value > 0",
                message(() -> LossRegistry.build("kl", Map.of("temperature", "-1"))));
    }

    @Test
    void optionsAreCheckedByNameTypeAndPresence() {
        String m = message(() -> LossRegistry.build("ce", Map.of("temperature", "2")));
        assertEquals("option temperature does not apply to loss ce; its options are [classWeights, threads]", m);
        assertEquals("option smooth is 'abc'; expected a number",
                message(() -> LossRegistry.build("jaccard", Map.of("smooth", "abc"))));
        assertEquals("option norm is '1.5'; expected an integer >= 1",
                message(() -> LossRegistry.build("jaccard", Map.of("norm", "1.5"))));
        assertEquals("option perImage is 'maybe'; expected true or false",
                message(() -> LossRegistry.build("lovasz-hinge", Map.of("perImage", "maybe"))));
        assertEquals("option classWeights is '1,x'; expected numbers separated by commas",
                message(() -> LossRegistry.build("ce", Map.of("classWeights", "1,x"))));
        assertEquals("loss tversky needs both alpha and beta",
                message(() -> LossRegistry.build("tversky", Map.of("alpha", "0.3"))));
        assertTrue(message(() -> LossRegistry.build("soft-dice", Map.of("norm", "2"))).contains("norm does not apply"));
        Map<String, String> skipped = new HashMap<>();
        skipped.put("alpha", null);
        assertEquals(TverskyLoss.jaccard().build().describe(), LossRegistry.build("jaccard", skipped).describe());
    }

    /** Every default the docs state as a value is the loss's own default: setting it changes nothing. */
    @Test
    void declaredDefaultsAreTheLossesDefaults() {
        for (LossRegistry.Entry e : LossRegistry.entries()) {
            Map<String, String> base = e.name().equals("tversky") ? Map.of("alpha", "0.3", "beta", "0.7") : Map.of();
            String plain = LossRegistry.build(e.name(), base).describe();
            for (LossParameter p : e.parameters()) {
                if (p.defaultValue() == null || base.containsKey(p.name())) {
                    continue;
                }
                Map<String, String> with = new HashMap<>(base);
                with.put(p.name(), p.defaultText());
                assertEquals(plain, LossRegistry.build(e.name(), with).describe(), e.name() + "." + p.name());
            }
        }
    }

    @Test
    void registryBuildsWhatTheBuildersBuild() {
        assertEquals(TverskyLoss.dice().reduction(Reduction.mix(1, 1, 0)).activeClasses(ActiveClasses.ALL).gamma(2)
                        .logLoss(true).classWeights(1, 2, 3).build().describe(),
                LossRegistry.build("dml", Map.of("reduction", "mix:1,1,0", "active", "all", "gamma", "2",
                        "log_loss", "yes", "classWeights", "[1, 2, 3]")).describe());
        assertEquals(TverskyLoss.tversky(0.3, 0.7).norm(2).build().describe(),
                LossRegistry.build("tversky", Map.of("alpha", "0.3", "beta", "0.7", "norm", "2")).describe());
        assertEquals(LovaszSoftmaxLoss.of(false, ActiveClasses.ALL).describe(),
                LossRegistry.build("lovasz-softmax", Map.of("perImage", "false", "classes", "all")).describe());
        assertEquals(FocalLoss.of(2).describe(), LossRegistry.build("focal", Map.of()).describe());
        LossConfig c = LossRegistry.configure("sjl", Map.of("smooth", "1"));
        assertEquals("soft-jaccard", c.name());
        assertEquals(1.0, c.number("smooth"));
        assertEquals(0.01, c.number("threshold"));
    }

    /** ce+jml is, by definition, 0.25·CE + 0.75·JML in value and gradient. */
    @Test
    void crossEntropyPlusJaccardIsTheWeightedSum() {
        Random r = new Random(3);
        int[] shape = {2, 3, 4};
        float[] z = new float[24];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        int[] y = new int[8];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(3);
        }
        Predictions p = Predictions.logits(z, shape, Activation.SOFTMAX);
        Targets t = Targets.hard(y, new int[] {2, 4}, Targets.NO_IGNORE);
        LossResult ce = CrossEntropyLoss.create().compute(p, t);
        LossResult jml = TverskyLoss.jaccard().build().compute(p, t);
        LossResult sum = LossRegistry.build("ce+jml", Map.of()).compute(p, t);
        assertEquals(0.25 * ce.value() + 0.75 * jml.value(), sum.value(), 1e-15);
        float[] g = new float[z.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (0.25 * ce.gradient()[i]) + (float) (0.75 * jml.gradient()[i]);
        }
        assertArrayEquals(g, sum.gradient(), 0f);
        LossResult other = LossRegistry.build("ce+jml", Map.of("ceWeight", "1", "jmlWeight", "0")).compute(p, t);
        assertEquals(ce.value(), other.value(), 1e-15);
        assertEquals(message(() -> WeightedSumLoss.of(List.of(CrossEntropyLoss.create()), -1)),
                message(() -> LossRegistry.build("ce+jml", Map.of("ceWeight", "-1"))).replace("ceWeight", "weight 0"));
    }

    @Test
    void docsTableIsTheRenderedTable() throws IOException {
        Path docs = Path.of("..", "docs", "losses.md");
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        String begin = "<!-- loss-table:begin -->\n";
        String end = "<!-- loss-table:end -->";
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        assertTrue(a >= 0 && b > a, "docs/losses.md lacks the loss-table markers");
        assertEquals(LossRegistry.markdownTable(), text.substring(a + begin.length(), b),
                "docs/losses.md differs from LossRegistry.markdownTable(); paste the rendered table between the markers");
    }
}
