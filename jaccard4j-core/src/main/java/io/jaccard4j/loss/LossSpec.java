package io.jaccard4j.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry point that turns named options (as a command line or a config file gives them) into a
 * {@link TrainingLoss}. Options are set by name with {@link #set(String, String)} or with the typed setters, and
 * {@link #build()} checks that every option set applies to the chosen loss.
 *
 * <table>
 *   <caption>Losses and their options</caption>
 *   <tr><th>loss</th><th>builds</th><th>options</th></tr>
 *   <tr><td>{@code jaccard} ({@code jml}), {@code dice} ({@code dml}), {@code tversky}, {@code soft-jaccard}
 *       ({@code sjl}), {@code soft-dice}</td><td>{@link TverskyLoss}</td>
 *       <td>alpha, beta, gamma, smooth, threshold, norm, logLoss, reduction (dataset|image|class|mix:wD,wI,wC),
 *       active / activeHard / activeSoft (present|all), classWeights (comma list), threads (of the float32
 *       fast path; default the available processors)</td></tr>
 *   <tr><td>{@code lovasz-softmax}</td><td>{@link LovaszSoftmaxLoss}</td><td>perImage, classes (present|all)</td></tr>
 *   <tr><td>{@code lovasz-hinge}</td><td>{@link LovaszHingeLoss}</td><td>perImage</td></tr>
 *   <tr><td>{@code ce} ({@code cross-entropy})</td><td>{@link CrossEntropyLoss}</td><td>classWeights, threads</td></tr>
 *   <tr><td>{@code focal}</td><td>{@link FocalLoss}</td><td>gamma (default 2), focalAlpha (comma list)</td></tr>
 *   <tr><td>{@code kl} ({@code distillation})</td><td>{@link KlDistillationLoss}</td><td>temperature (default 1)</td></tr>
 * </table>
 * The option {@code mode} (multiclass|binary|multilabel|probabilities) is accepted for every loss and only
 * reported by {@link #activation()}, for building {@link Predictions}. Instances are mutable builders; the losses
 * they build are immutable.
 */
public final class LossSpec {
    private static final Set<String> TVERSKY_OPTIONS = Set.of("alpha", "beta", "gamma", "smooth", "threshold", "norm",
            "logloss", "reduction", "active", "activehard", "activesoft", "classweights", "threads");
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "tversky-family", TVERSKY_OPTIONS,
            "lovasz-softmax", Set.of("perimage", "classes"),
            "lovasz-hinge", Set.of("perimage"),
            "ce", Set.of("classweights", "threads"),
            "focal", Set.of("gamma", "focalalpha"),
            "kl", Set.of("temperature"));
    private static final List<String> LOSS_NAMES = List.of("jaccard", "jml", "dice", "dml", "tversky", "soft-jaccard",
            "sjl", "soft-dice", "lovasz-softmax", "lovasz-hinge", "ce", "cross-entropy", "focal", "kl", "distillation");

    private String loss;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Activation activation = Activation.SOFTMAX;

    private LossSpec(String loss) {
        loss(loss);
    }

    /** A spec for the named loss (see the table above). */
    public static LossSpec of(String loss) {
        return new LossSpec(loss);
    }

    /** Changes the loss name. */
    public LossSpec loss(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!LOSS_NAMES.contains(key)) {
            throw new IllegalArgumentException("loss '" + name + "' is not recognised; expected one of " + LOSS_NAMES);
        }
        this.loss = canonical(key);
        return this;
    }

    private static String canonical(String key) {
        switch (key) {
            case "jml": return "jaccard";
            case "dml": return "dice";
            case "sjl": return "soft-jaccard";
            case "cross-entropy": return "ce";
            case "distillation": return "kl";
            default: return key;
        }
    }

    /**
     * Sets an option by name (case-insensitive) from its text; {@code loss} and {@code mode} are accepted too.
     * Values are checked when the loss is built.
     *
     * @throws IllegalArgumentException for an unknown option name
     */
    public LossSpec set(String name, String value) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (value == null) {
            throw new IllegalArgumentException("option " + name + " has no value");
        }
        if (key.equals("loss")) {
            return loss(value);
        }
        if (key.equals("mode")) {
            activation = Activation.parseMode(value);
            return this;
        }
        boolean known = OPTIONS.values().stream().anyMatch(s -> s.contains(key));
        if (!known) {
            throw new IllegalArgumentException("option '" + name + "' is not recognised; expected loss, mode or one of "
                    + OPTIONS.values().stream().flatMap(Set::stream).distinct().sorted().toList());
        }
        options.put(key, value.trim());
        return this;
    }

    /** The activation named by the {@code mode} option (SOFTMAX unless set). */
    public Activation activation() {
        return activation;
    }

    /** Builds the loss, checking every option's value and that it applies to this loss. */
    public TrainingLoss build() {
        String family = isTversky() ? "tversky-family" : loss;
        Set<String> allowed = OPTIONS.get(family);
        for (String key : options.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("option '" + key + "' does not apply to loss " + loss
                        + "; its options are " + allowed.stream().sorted().toList());
            }
        }
        switch (loss) {
            case "lovasz-softmax":
                return LovaszSoftmaxLoss.of(bool("perimage", true),
                        ActiveClasses.parse(options.getOrDefault("classes", "present")));
            case "lovasz-hinge":
                return LovaszHingeLoss.of(bool("perimage", true));
            case "ce":
                return options.containsKey("threads") ? CrossEntropyLoss.weighted(list("classweights")).threads(threads())
                        : CrossEntropyLoss.weighted(list("classweights"));
            case "focal":
                return FocalLoss.of(number("gamma", 2.0), list("focalalpha"));
            case "kl":
                return KlDistillationLoss.withTemperature(number("temperature", 1.0));
            default:
                return tversky();
        }
    }

    private boolean isTversky() {
        return Set.of("jaccard", "dice", "tversky", "soft-jaccard", "soft-dice").contains(loss);
    }

    private TverskyLoss tversky() {
        TverskyLoss.Builder b;
        switch (loss) {
            case "jaccard": b = TverskyLoss.jaccard(); break;
            case "dice": b = TverskyLoss.dice(); break;
            case "soft-jaccard": b = TverskyLoss.softJaccard(); break;
            case "soft-dice": b = TverskyLoss.softDice(); break;
            default:
                if (!options.containsKey("alpha") || !options.containsKey("beta")) {
                    throw new IllegalArgumentException("loss tversky needs both alpha and beta");
                }
                b = TverskyLoss.tversky(number("alpha", 0), number("beta", 0));
        }
        if (options.containsKey("alpha")) {
            b.alpha(number("alpha", 0));
        }
        if (options.containsKey("beta")) {
            b.beta(number("beta", 0));
        }
        if (options.containsKey("gamma")) {
            b.gamma(number("gamma", 1));
        }
        if (options.containsKey("smooth")) {
            b.smooth(number("smooth", 0));
        }
        if (options.containsKey("threshold")) {
            b.threshold(number("threshold", 0));
        }
        if (options.containsKey("norm")) {
            if (loss.startsWith("soft-")) {
                throw new IllegalArgumentException("option norm does not apply to loss " + loss
                        + " (it uses plain sums and the inner product); use jaccard or dice with norm");
            }
            String v = options.get("norm");
            try {
                b.norm(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option norm is '" + v + "'; expected an integer >= 1");
            }
        }
        b.logLoss(bool("logloss", false));
        if (options.containsKey("reduction")) {
            b.reduction(Reduction.parse(options.get("reduction")));
        }
        if (options.containsKey("active")) {
            b.activeClasses(ActiveClasses.parse(options.get("active")));
        }
        if (options.containsKey("activehard")) {
            b.activeClassesHard(ActiveClasses.parse(options.get("activehard")));
        }
        if (options.containsKey("activesoft")) {
            b.activeClassesSoft(ActiveClasses.parse(options.get("activesoft")));
        }
        b.classWeights(list("classweights"));
        if (options.containsKey("threads")) {
            b.threads(threads());
        }
        return b.build();
    }

    private int threads() {
        String v = options.get("threads");
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option threads is '" + v + "'; expected an integer >= 1");
        }
    }

    private double number(String key, double fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " is '" + v + "'; expected a number");
        }
    }

    private boolean bool(String key, boolean fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": return true;
            case "false": case "no": case "0": return false;
            default:
                throw new IllegalArgumentException("option " + key + " is '" + v + "'; expected true or false");
        }
    }

    private double[] list(String key) {
        String v = options.get(key);
        if (v == null) {
            return null;
        }
        String body = v.replace("[", "").replace("]", "");
        try {
            return Arrays.stream(body.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " is '" + v + "'; expected numbers separated by commas");
        }
    }

    @Override
    public String toString() {
        return "LossSpec(" + loss + ", " + options + ", mode=" + activation + ")";
    }
}
