package io.jaccard4j.loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable builder of a {@link TrainingLoss} from named options, as a command line or a config file gives them:
 * a loss name and {@code parameter = text} pairs, checked and built by the {@link LossRegistry} (see its
 * {@link LossRegistry#markdownTable() table} for the losses and their parameters). Besides the loss's parameters
 * it accepts {@code loss} and {@code mode} (multiclass|binary|multilabel|probabilities), which is only reported by
 * {@link #activation()}, for building {@link Predictions}. The losses it builds are immutable.
 */
public final class LossSpec {
    private String loss;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Activation activation = Activation.SOFTMAX;

    private LossSpec(String loss) {
        loss(loss);
    }

    /** A spec for the named loss (a name or alias of the {@link LossRegistry}). */
    public static LossSpec of(String loss) {
        return new LossSpec(loss);
    }

    /** Changes the loss name. */
    public LossSpec loss(String name) {
        this.loss = LossRegistry.entry(name).name();
        return this;
    }

    /**
     * Sets an option by name (case-insensitive, hyphens and underscores ignored) from its text; {@code loss} and
     * {@code mode} are accepted too. Values are checked when the loss is built.
     *
     * @throws IllegalArgumentException for a name that is no loss's parameter
     */
    public LossSpec set(String name, String value) {
        String key = LossParameter.key(name);
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
        List<String> known = LossRegistry.entries().stream().flatMap(e -> e.parameters().stream())
                .map(LossParameter::name).distinct().sorted().toList();
        if (known.stream().noneMatch(p -> LossParameter.key(p).equals(key))) {
            throw new IllegalArgumentException("option '" + name + "' is not recognised; expected loss, mode or one of "
                    + known);
        }
        options.put(name.trim(), value.trim());
        return this;
    }

    /** The activation named by the {@code mode} option (SOFTMAX unless set). */
    public Activation activation() {
        return activation;
    }

    /** The registry's configuration of this spec, every option checked. */
    public LossConfig config() {
        return LossRegistry.configure(loss, options);
    }

    /** Builds the loss, checking every option's value and that it applies to this loss. */
    public TrainingLoss build() {
        return config().build();
    }

    @Override
    public String toString() {
        return "LossSpec(" + loss + ", " + options + ", mode=" + activation + ")";
    }
}
