package io.jaccard4j.metrics;

import java.util.Locale;

/**
 * The kind of a classification target, as scikit-learn's {@code type_of_target} names it.
 *
 * <ul>
 *   <li>{@link #BINARY}: at most two distinct labels, one label a sample;</li>
 *   <li>{@link #MULTICLASS}: more than two distinct labels, one label a sample;</li>
 *   <li>{@link #MULTILABEL_INDICATOR}: a samples × labels matrix of 0/1.</li>
 * </ul>
 */
public enum TargetType {
    BINARY("binary"), MULTICLASS("multiclass"), MULTILABEL_INDICATOR("multilabel-indicator");

    private final String id;

    TargetType(String id) {
        this.id = id;
    }

    /** scikit-learn's name for this type. */
    public String id() {
        return id;
    }

    /** Parses {@code binary}, {@code multiclass}, {@code multilabel} or {@code multilabel-indicator}. */
    public static TargetType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "binary": return BINARY;
            case "multiclass": return MULTICLASS;
            case "multilabel": case "multilabel-indicator": return MULTILABEL_INDICATOR;
            default:
                throw new IllegalArgumentException(
                        "task must be one of binary, multiclass, multilabel; got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
