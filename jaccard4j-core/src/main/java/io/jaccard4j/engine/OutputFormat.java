package io.jaccard4j.engine;

import java.util.Locale;

/** How a command prints its result: a table for people ({@code text}) or one JSON object ({@code json}). */
public enum OutputFormat {
    TEXT, JSON;

    /**
     * {@code --format}: text or json (case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static OutputFormat parse(String text) {
        String f = text.trim().toLowerCase(Locale.ROOT);
        switch (f) {
            case "text":
                return TEXT;
            case "json":
                return JSON;
            default:
                throw new IllegalArgumentException("--format must be text or json; got '" + text + "'");
        }
    }
}
