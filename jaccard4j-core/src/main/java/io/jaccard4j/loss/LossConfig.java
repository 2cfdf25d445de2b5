package io.jaccard4j.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loss chosen by name from the {@link LossRegistry} with its parameter values, already parsed and checked
 * against the entry's declared parameters. {@link #build()} makes the core {@link TrainingLoss}; adapters for
 * other engines (the DJL losses) read the same configuration, so that a loss is named and validated once.
 * Immutable.
 */
public final class LossConfig {
    private final LossRegistry.Entry entry;
    private final Map<String, Object> values;

    LossConfig(LossRegistry.Entry entry, Map<String, Object> values) {
        this.entry = entry;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The registry entry. */
    public LossRegistry.Entry entry() {
        return entry;
    }

    /** The entry's canonical name (aliases resolved). */
    public String name() {
        return entry.name();
    }

    /** Whether the parameter was given. */
    public boolean has(String parameter) {
        return values.containsKey(LossParameter.key(parameter));
    }

    /** The parameters given, by {@link LossParameter#key()}, as typed values. */
    public Map<String, Object> values() {
        return values;
    }

    /** The given value of a parameter, or its declared default parsed (null when the default is not a value). */
    public Object get(String parameter) {
        String key = LossParameter.key(parameter);
        Object v = values.get(key);
        if (v != null) {
            return v;
        }
        LossParameter p = entry.parameter(key);
        if (p == null) {
            throw new IllegalArgumentException("loss " + name() + " has no parameter " + parameter);
        }
        return p.defaultValue();
    }

    /** {@link #get} as a double. */
    public double number(String parameter) {
        return (Double) get(parameter);
    }

    /** {@link #get} as an int. */
    public int integer(String parameter) {
        return (Integer) get(parameter);
    }

    /** {@link #get} as a boolean. */
    public boolean bool(String parameter) {
        return (Boolean) get(parameter);
    }

    /** {@link #get} as a list of numbers (null when not given and the default is "1 each"). */
    public double[] numbers(String parameter) {
        double[] v = (double[]) get(parameter);
        return v == null ? null : v.clone();
    }

    /** The core loss of this configuration. */
    public TrainingLoss build() {
        return entry.build(this);
    }

    @Override
    public String toString() {
        return name() + values.keySet();
    }
}
