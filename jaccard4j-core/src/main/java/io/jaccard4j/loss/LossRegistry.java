package io.jaccard4j.loss;

import io.jaccard4j.segmentation.GeneralizedDiceScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one table of training losses by name: each {@link Entry} has a canonical name, aliases, the formula it
 * computes, its declared {@link LossParameter}s (type, default, allowed values, description) and the factory
 * that makes the configured {@link TrainingLoss}. The command line ({@code jaccard4j loss}, {@code train},
 * {@code demo}), {@link LossSpec}, the DJL adapters and the docs' table ({@link #markdownTable()}, kept in
 * {@code docs/losses.md}) all read it.
 *
 * <p>{@link #configure} checks, in this order: the name is known (else the message lists the known names), each
 * option is a parameter of that loss, each value parses to the parameter's type and lies in its
 * {@link ValueRange}, and the required parameters are present. The losses' builders check the same ranges with
 * the same messages.
 */
public final class LossRegistry {
    private static final String REQUIRED = "(required)";
    private static final String OVERLAP = "(1 - T)^gamma or (-log T)^gamma, T = (tp + s) / (tp + alpha*fp + beta*fn + s)";
    private static final List<Entry> ENTRIES = List.of(
            overlap("jaccard", List.of("jml"), "Jaccard metric loss (JML; Wang et al., 2023): " + OVERLAP
                    + ", |v| = sum |v_i|^p, tp = (|x| + |y| - |x - y|) / 2", "1", "1", true, TverskyLoss::jaccard),
            overlap("dice", List.of("dml"), "Dice semimetric loss (DML): the Tversky form with alpha = beta = 1/2",
                    "0.5", "0.5", true, TverskyLoss::dice),
            overlap("tversky", List.of(), "Tversky loss: " + OVERLAP, REQUIRED, REQUIRED, true,
                    null),
            overlap("soft-jaccard", List.of("sjl"), "textbook soft Jaccard loss: 1 - <x,y> / (sum x + sum y - <x,y>)",
                    "1", "1", false, TverskyLoss::softJaccard),
            overlap("soft-dice", List.of(), "textbook soft Dice loss: 1 - 2<x,y> / (sum x + sum y)", "0.5", "0.5",
                    false, TverskyLoss::softDice),
            new Entry("generalized-dice", List.of("gdl"), "generalized Dice loss (Sudre et al., 2017): 1 - (sum_c w_c "
                    + "2 tp_c + s) / (sum_c w_c (|x_c| + |y_c|) + s), tp = (|x| + |y| - |x - y|) / 2 (norm1) or <x,y> "
                    + "(product), w_c = 1/|y_c|^2, 1/|y_c| or 1 (no gradient; infinite weights replaced by the largest "
                    + "finite one)",
                    List.of(LossParameter.choice("weightType", GeneralizedDiceScore.WeightType::parse,
                            "square, simple, linear", "square", "class weights w_c"),
                            LossParameter.choice("cardinality", LossRegistry::gdlCardinality, "norm1, product", "norm1",
                                    "norm1: 0 at x = y for soft labels; product: the textbook soft form"),
                            LossParameter.number("smooth", ValueRange.NON_NEGATIVE, "0.00001", "smoothing s"),
                            perImage(),
                            LossParameter.bool("includeBackground", "true", "score class 0; false drops it from "
                                    + "the sums (not from the softmax)")),
                    c -> GeneralizedDiceLoss.of((GeneralizedDiceScore.WeightType) c.get("weightType"),
                            (Cardinality) c.get("cardinality"), c.number("smooth"), c.bool("perImage"),
                            c.bool("includeBackground"))),
            new Entry("lovasz-softmax", List.of(), "Lovasz-Softmax (Berman et al., 2018): per class, the Lovasz "
                    + "extension of the Jaccard loss on the sorted pixel errors |[y = c] - x_c|, averaged over classes",
                    List.of(perImage(), LossParameter.choice("classes", ActiveClasses::parse, "present, all", "present",
                            "the classes averaged over")),
                    c -> LovaszSoftmaxLoss.of(c.bool("perImage"), (ActiveClasses) c.get("classes"))),
            new Entry("lovasz-hinge", List.of(), "Lovasz hinge (binary, one logit channel): the Lovasz extension of "
                    + "the Jaccard loss on the hinge errors 1 - z*(2y - 1)", List.of(perImage()),
                    c -> LovaszHingeLoss.of(c.bool("perImage"))),
            new Entry("ce", List.of("cross-entropy"), "cross-entropy: -sum_c w_c y_c log x_c, averaged over the kept "
                    + "pixels (weighted mean for hard labels)", List.of(classWeights(), threads()),
                    c -> c.has("threads") ? CrossEntropyLoss.weighted(c.numbers("classWeights")).threads(c.integer("threads"))
                            : CrossEntropyLoss.weighted(c.numbers("classWeights"))),
            new Entry("focal", List.of(), "focal loss (Lin et al., 2017), hard labels: -alpha_y (1 - p_t)^gamma log p_t",
                    List.of(LossParameter.number("gamma", ValueRange.NON_NEGATIVE, "2", "focusing exponent; 0 is "
                            + "cross-entropy"), LossParameter.numbers("focalAlpha", ValueRange.NON_NEGATIVE, "alpha",
                            "1 each", "per-class weights alpha")),
                    c -> FocalLoss.of(c.number("gamma"), c.numbers("focalAlpha"))),
            new Entry("kl", List.of("distillation"), "knowledge distillation: T^2 KL(q || softmax(z / T)), q the "
                    + "teacher's softmax(t / T), averaged over the kept pixels",
                    List.of(LossParameter.number("temperature", ValueRange.POSITIVE, "1", "temperature T")),
                    c -> KlDistillationLoss.withTemperature(c.number("temperature"))),
            new Entry("ce+jml", List.of(), "the JML authors' objective: ceWeight * cross-entropy + jmlWeight * "
                    + "Jaccard metric loss (defaults of each)",
                    List.of(LossParameter.number("ceWeight", ValueRange.NON_NEGATIVE, "0.25", "weight of cross-entropy"),
                            LossParameter.number("jmlWeight", ValueRange.NON_NEGATIVE, "0.75", "weight of the JML")),
                    c -> WeightedSumLoss.crossEntropyPlusJaccard(c.number("ceWeight"), c.number("jmlWeight"))));

    private LossRegistry() {
    }

    /** One named loss: name, aliases, formula, declared parameters and factory. */
    public static final class Entry {
        private final String name;
        private final List<String> aliases;
        private final String formula;
        private final List<LossParameter> parameters;
        private final Function<LossConfig, TrainingLoss> factory;

        Entry(String name, List<String> aliases, String formula, List<LossParameter> parameters,
                Function<LossConfig, TrainingLoss> factory) {
            this.name = name;
            this.aliases = List.copyOf(aliases);
            this.formula = formula;
            this.parameters = List.copyOf(parameters);
            this.factory = factory;
        }

        /** The canonical name. */
        public String name() {
            return name;
        }

        /** Other names accepted for this loss. */
        public List<String> aliases() {
            return aliases;
        }

        /** What the loss computes, in one line. */
        public String formula() {
            return formula;
        }

        /** The declared parameters, in the docs' order. */
        public List<LossParameter> parameters() {
            return parameters;
        }

        /** The parameter with this name (matched as {@link LossParameter#key()}), or null. */
        public LossParameter parameter(String name) {
            String key = LossParameter.key(name);
            return parameters.stream().filter(p -> p.key().equals(key)).findFirst().orElse(null);
        }

        TrainingLoss build(LossConfig config) {
            return factory.apply(config);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The entries, in the docs' order. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** Every accepted name: each entry's canonical name followed by its aliases. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Entry e : ENTRIES) {
            names.add(e.name);
            names.addAll(e.aliases);
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * The entry named {@code name} or one of its aliases (case-insensitive).
     *
     * @throws IllegalArgumentException "loss 'x' is not recognised; expected one of [...]" listing {@link #names()}
     */
    public static Entry entry(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.name.equals(key) || e.aliases.contains(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("loss '" + name + "' is not recognised; expected one of " + names());
    }

    /**
     * The named loss with its options (parameter name &rarr; text; null values are skipped), parsed and checked.
     *
     * @throws IllegalArgumentException for an unknown loss, an option it does not have, a value of the wrong type or
     *     out of range, or a missing required parameter
     */
    public static LossConfig configure(String name, Map<String, String> options) {
        Entry entry = entry(name);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (o.getValue() == null) {
                continue;
            }
            LossParameter p = entry.parameter(o.getKey());
            if (p == null) {
                throw new IllegalArgumentException("option " + o.getKey() + " does not apply to loss " + entry.name
                        + "; its options are " + entry.parameters.stream().map(LossParameter::name).toList());
            }
            values.put(p.key(), p.parse(o.getValue()));
        }
        List<String> missing = entry.parameters.stream()
                .filter(p -> p.defaultText().equals(REQUIRED) && !values.containsKey(p.key()))
                .map(LossParameter::name).toList();
        if (!missing.isEmpty()) {
            List<String> required = entry.parameters.stream().filter(p -> p.defaultText().equals(REQUIRED))
                    .map(LossParameter::name).toList();
            throw new IllegalArgumentException("loss " + entry.name + " needs " + (required.size() == 2 ? "both " : "")
                    + String.join(" and ", required));
        }
        return new LossConfig(entry, values);
    }

    /** {@link #configure} then {@link LossConfig#build()}. */
    public static TrainingLoss build(String name, Map<String, String> options) {
        return configure(name, options).build();
    }

    /**
     * The docs' tables, in Markdown: the losses (name, aliases, formula, parameters), then the parameters, one row
     * per distinct declaration (type, default, allowed values, description) with the losses that declare it.
     */
    public static String markdownTable() {
        StringBuilder s = new StringBuilder();
        s.append("| loss | aliases | computes | parameters |\n| --- | --- | --- | --- |\n");
        for (Entry e : ENTRIES) {
            s.append("| `").append(e.name).append("` | ").append(codes(e.aliases)).append(" | ").append(cell(e.formula))
                    .append(" | ").append(codes(e.parameters.stream().map(LossParameter::name).toList())).append(" |\n");
        }
        Map<List<String>, List<String>> rows = new LinkedHashMap<>();
        for (Entry e : ENTRIES) {
            for (LossParameter p : e.parameters) {
                rows.computeIfAbsent(List.of(p.name(), p.kind().toString(), p.defaultText(), p.allowed(),
                        p.description()), k -> new ArrayList<>()).add(e.name);
            }
        }
        s.append("\n| parameter | losses | type | default | allowed | description |\n");
        s.append("| --- | --- | --- | --- | --- | --- |\n");
        List<String> order = rows.keySet().stream().map(k -> k.get(0)).distinct().toList();
        List<Map.Entry<List<String>, List<String>>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.getKey().get(0))));
        for (Map.Entry<List<String>, List<String>> r : sorted) {
            List<String> d = r.getKey();
            s.append("| `").append(d.get(0)).append("` | ").append(String.join(", ", r.getValue())).append(" | ")
                    .append(d.get(1)).append(" | ").append(cell(d.get(2))).append(" | ").append(cell(d.get(3)))
                    .append(" | ").append(cell(d.get(4))).append(" |\n");
        }
        return s.toString();
    }

    private static String codes(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The cardinality of the generalized Dice loss by name. */
    private static Cardinality gdlCardinality(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "norm1": return Cardinality.norm(1);
            case "product": return Cardinality.product();
            default:
                throw new IllegalArgumentException("cardinality '" + text + "' is not recognised; expected norm1 or "
                        + "product");
        }
    }

    private static LossParameter perImage() {
        return LossParameter.bool("perImage", "true", "one loss per image, averaged; false: one over the batch");
    }

    private static LossParameter classWeights() {
        return LossParameter.numbers("classWeights", ValueRange.NON_NEGATIVE, "class weight", "1 each",
                "per-class weights w_c");
    }

    private static LossParameter threads() {
        return LossParameter.integer("threads", null, ">= 1", "all processors",
                "threads of the float32 fast path; the result does not depend on it");
    }

    /** An entry of the Tversky family; {@code preset} null means {@code tversky(alpha, beta)}. */
    private static Entry overlap(String name, List<String> aliases, String formula, String alpha, String beta,
            boolean norm, Supplier<TverskyLoss.Builder> preset) {
        List<LossParameter> ps = new ArrayList<>();
        ps.add(LossParameter.number("alpha", ValueRange.NON_NEGATIVE, alpha, "weight of false positives"));
        ps.add(LossParameter.number("beta", ValueRange.NON_NEGATIVE, beta, "weight of false negatives"));
        ps.add(LossParameter.number("gamma", ValueRange.AT_LEAST_ONE, "1", "focal exponent"));
        ps.add(LossParameter.number("smooth", ValueRange.NON_NEGATIVE, "0.001", "smoothing s"));
        ps.add(LossParameter.number("threshold", ValueRange.NON_NEGATIVE, "0.01",
                "label mass above which a class is present"));
        if (norm) {
            ps.add(LossParameter.integer("norm", ValueRange.POSITIVE_INTEGER, null, "1",
                    "cardinality exponent p: |v| = sum |v_i|^p"));
        }
        ps.add(LossParameter.bool("logLoss", "false", "-log T instead of 1 - T"));
        ps.add(LossParameter.choice("reduction", Reduction::parse, "dataset, image, class, mix:wD,wI,wC", "dataset",
                "how per-class losses are averaged"));
        ps.add(LossParameter.choice("active", ActiveClasses::parse, "present, all", "see activeHard, activeSoft",
                "the classes averaged over, for hard and soft labels"));
        ps.add(LossParameter.choice("activeHard", ActiveClasses::parse, "present, all", "present",
                "the classes averaged over, for hard labels"));
        ps.add(LossParameter.choice("activeSoft", ActiveClasses::parse, "present, all", "all",
                "the classes averaged over, for soft labels"));
        ps.add(classWeights());
        ps.add(threads());
        return new Entry(name, aliases, formula, ps, c -> tversky(c, preset));
    }

    private static TverskyLoss tversky(LossConfig c, Supplier<TverskyLoss.Builder> preset) {
        TverskyLoss.Builder b = preset == null ? TverskyLoss.tversky(c.number("alpha"), c.number("beta")) : preset.get();
        if (c.has("alpha")) {
            b.alpha(c.number("alpha"));
        }
        if (c.has("beta")) {
            b.beta(c.number("beta"));
        }
        if (c.has("gamma")) {
            b.gamma(c.number("gamma"));
        }
        if (c.has("smooth")) {
            b.smooth(c.number("smooth"));
        }
        if (c.has("threshold")) {
            b.threshold(c.number("threshold"));
        }
        if (c.has("norm")) {
            b.norm(c.integer("norm"));
        }
        b.logLoss(c.bool("logLoss"));
        if (c.has("reduction")) {
            b.reduction((Reduction) c.get("reduction"));
        }
        if (c.has("active")) {
            b.activeClasses((ActiveClasses) c.get("active"));
        }
        if (c.has("activeHard")) {
            b.activeClassesHard((ActiveClasses) c.get("activeHard"));
        }
        if (c.has("activeSoft")) {
            b.activeClassesSoft((ActiveClasses) c.get("activeSoft"));
        }
        b.classWeights(c.numbers("classWeights"));
        if (c.has("threads")) {
            b.threads(c.integer("threads"));
        }
        return b.build();
    }
}
