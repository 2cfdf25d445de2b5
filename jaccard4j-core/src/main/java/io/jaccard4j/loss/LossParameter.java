package io.jaccard4j.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One declared parameter of a loss in the {@link LossRegistry}: its name, its type, its default, the values it
 * allows and a one-line description. The declaration turns the parameter's text (as a command line or a config
 * file gives it) into a typed value and checks it, so that every front end reports a bad value with the same
 * message. Numeric ranges are {@link ValueRange}s, which the losses' own builders check too.
 *
 * <p>Names are matched without regard to case, hyphens or underscores ({@code class-weights} = {@code classWeights}).
 */
public final class LossParameter {
    /** The type of a parameter's value. */
    public enum Kind {
        /** A double. */
        NUMBER("number"),
        /** An int. */
        INTEGER("integer"),
        /** {@code true}/{@code false} (also yes/no, 1/0). */
        BOOLEAN("boolean"),
        /** A comma-separated list of doubles, one per class. */
        NUMBERS("numbers"),
        /** A word parsed by the loss's own parser ({@link Reduction#parse}, {@link ActiveClasses#parse}). */
        CHOICE("choice");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final String name;
    private final Kind kind;
    private final ValueRange range;
    private final String element;
    private final Function<String, ?> parser;
    private final String allowed;
    private final String defaultText;
    private final String description;
    private final Object defaultValue;

    private LossParameter(String name, Kind kind, ValueRange range, String element, Function<String, ?> parser,
            String allowed, String defaultText, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
        this.range = range;
        this.element = element;
        this.parser = parser;
        this.allowed = allowed;
        this.defaultText = defaultText;
        this.description = description;
        this.defaultValue = valueOf(defaultText);
    }

    private Object valueOf(String text) {
        if (text == null || text.isEmpty() || !(Character.isDigit(text.charAt(0)) || Character.isLowerCase(text.charAt(0)))
                || text.contains(" ")) {
            return null;
        }
        return parse(text);
    }

    /** A number checked against {@code range}. */
    public static LossParameter number(String name, ValueRange range, String defaultText, String description) {
        return new LossParameter(name, Kind.NUMBER, range, null, null, range.bound(), defaultText, description);
    }

    /**
     * An integer; with a {@code range} the registry checks it, without one (null) the loss checks it and
     * {@code allowed} describes it.
     */
    public static LossParameter integer(String name, ValueRange range, String allowed, String defaultText,
            String description) {
        return new LossParameter(name, Kind.INTEGER, range, null, null, range == null ? allowed : range.bound(),
                defaultText, description);
    }

    /** A boolean. */
    public static LossParameter bool(String name, String defaultText, String description) {
        return new LossParameter(name, Kind.BOOLEAN, null, null, null, "true, false", defaultText, description);
    }

    /** A comma-separated list of numbers; entry k is checked against {@code range} as "{@code element} k". */
    public static LossParameter numbers(String name, ValueRange range, String element, String defaultText,
            String description) {
        return new LossParameter(name, Kind.NUMBERS, range, element, null, "one value " + range.bound() + " a class",
                defaultText, description);
    }

    /** A word, parsed (and checked) by {@code parser}, which throws naming the accepted values. */
    public static LossParameter choice(String name, Function<String, ?> parser, String allowed, String defaultText,
            String description) {
        return new LossParameter(name, Kind.CHOICE, null, null, parser, allowed, defaultText, description);
    }

    /** The parameter's name, as the docs and messages spell it. */
    public String name() {
        return name;
    }

    /** The name reduced for matching: lower case without hyphens or underscores. */
    public String key() {
        return key(name);
    }

    static String key(String text) {
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** The value's type. */
    public Kind kind() {
        return kind;
    }

    /** The allowed values, in words (e.g. "&gt;= 0", "present, all"). */
    public String allowed() {
        return allowed;
    }

    /** The default, in words. */
    public String defaultText() {
        return defaultText;
    }

    /**
     * The default as a typed value, or null when the default is described rather than a value ("1 each", "all
     * processors", "required"): then the loss's own builder supplies it.
     */
    public Object defaultValue() {
        return defaultValue;
    }

    /** One line on what the parameter does. */
    public String description() {
        return description;
    }

    /**
     * The typed value of {@code text}: a {@link Double}, {@link Integer}, {@link Boolean}, {@code double[]} or the
     * parser's result.
     *
     * @throws IllegalArgumentException when the text is not of this type or the value out of range
     */
    public Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("option " + name + " has no value");
        }
        String v = text.trim();
        switch (kind) {
            case NUMBER:
                return range.check(name, parseNumber(v, "a number"));
            case INTEGER:
                int k;
                try {
                    k = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw mismatch(v, range == null ? "an integer " + allowed : range.expected());
                }
                return range == null ? k : range.check(name, k);
            case BOOLEAN:
                switch (v.toLowerCase(Locale.ROOT)) {
                    case "true": case "yes": case "1": return Boolean.TRUE;
                    case "false": case "no": case "0": return Boolean.FALSE;
                    default: throw mismatch(v, "true or false");
                }
            case NUMBERS:
                String body = v.replace("[", "").replace("]", "");
                double[] values;
                try {
                    values = Arrays.stream(body.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
                } catch (NumberFormatException e) {
                    throw mismatch(v, "numbers separated by commas");
                }
                for (int i = 0; i < values.length; i++) {
                    range.check(element + " " + i, values[i]);
                }
                return values;
            default:
                return parser.apply(v);
        }
    }

    private double parseNumber(String v, String expected) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw mismatch(v, expected);
        }
    }

    private IllegalArgumentException mismatch(String v, String expected) {
        return new IllegalArgumentException("option " + name + " is '" + v + "'; expected " + expected);
    }

    @Override
    public String toString() {
        return name;
    }
}
