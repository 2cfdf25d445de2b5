package io.jaccard4j.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python literals an NPY header is written in, parsed as numpy parses them ({@code ast.literal_eval}): a
 * dict, tuple or list of strings, integers, floats, {@code True}, {@code False} and {@code None}, with Python's
 * rules for what is not a literal — {@code (5,,)}, {@code true}, {@code 01}, {@code --1} are syntax errors, a
 * dict that repeats a key keeps the key's last value. Comments ({@code #} to the end of a line) and any
 * whitespace between tokens are allowed, as in Python source. Versions 1.0 and 2.0 of the format may carry
 * Python 2's long suffix ({@code 3L}), which numpy strips before parsing; {@code allowLongSuffix} accepts it.
 *
 * <p>Results: {@link String}, {@link BigInteger}, {@link Double}, {@link Boolean}, {@link #NONE}, {@link Tuple},
 * {@link List} and {@link Map} (insertion order); a {@code b'...'} bytes literal gives {@link Bytes}.
 */
final class PythonLiteral {
    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A Python tuple. */
    static final class Tuple {
        final List<Object> items;

        Tuple(List<Object> items) {
            this.items = Collections.unmodifiableList(items);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(items.get(i)));
            }
            return sb.append(items.size() == 1 ? ",)" : ")").toString();
        }
    }

    /** A Python bytes literal (kept as its text). */
    static final class Bytes {
        final String text;

        Bytes(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return "b'" + text + "'";
        }
    }

    private final String s;
    private final boolean allowLongSuffix;
    private int pos;

    private PythonLiteral(String s, boolean allowLongSuffix) {
        this.s = s;
        this.allowLongSuffix = allowLongSuffix;
    }

    /**
     * Parses one literal filling the whole text (surrounding whitespace and comments allowed).
     *
     * @throws IllegalArgumentException saying what is wrong and at which character
     */
    static Object parse(String text, boolean allowLongSuffix) {
        PythonLiteral p = new PythonLiteral(text, allowLongSuffix);
        Object v = p.value();
        p.skip();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the literal");
        }
        return v;
    }

    /** A Python-like rendering for messages. */
    static String repr(Object v) {
        if (v instanceof String) {
            return "'" + v + "'";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        if (v instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            List<?> l = (List<?>) v;
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + (pos + 1));
    }

    /** Skips whitespace, comments and backslash-newline continuations. */
    private void skip() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }

    private Object value() {
        skip();
        if (pos >= s.length()) {
            throw error("the literal ends early");
        }
        char c = s.charAt(pos);
        if (c == '+' || c == '-') {
            pos++;
            skip();
            if (pos >= s.length()) {
                throw error("the literal ends early");
            }
            char d = s.charAt(pos);
            Object operand;
            if (d == '(') {
                operand = value(); // -(1) is a signed number once the parentheses are gone
            } else if (Character.isDigit(d) || d == '.') {
                operand = number();
            } else {
                throw error("a sign must be followed by a number");
            }
            if (operand instanceof BigInteger) {
                return c == '-' ? ((BigInteger) operand).negate() : operand;
            }
            if (operand instanceof Double) {
                return c == '-' ? -(Double) operand : operand;
            }
            throw error("a sign must be followed by a number");
        }
        if (c == '{') {
            return dict();
        }
        if (c == '(') {
            return parenthesised();
        }
        if (c == '[') {
            pos++;
            List<Object> items = sequence(']');
            return items;
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
            return number();
        }
        if (c == '\'' || c == '"' || isStringPrefix()) {
            return strings();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            String name = s.substring(start, pos);
            switch (name) {
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                case "None": return NONE;
                default:
                    pos = start;
                    throw error("'" + name + "' is not a Python literal (True, False and None are)");
            }
        }
        throw error("unexpected '" + c + "'");
    }

    private Map<Object, Object> dict() {
        pos++; // {
        Map<Object, Object> out = new LinkedHashMap<>();
        skip();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return out;
        }
        while (true) {
            Object key = value();
            if (key instanceof List || key instanceof Map) {
                throw error("a dict key cannot be a list or dict");
            }
            skip();
            expect(':');
            Object v = value();
            out.put(key, v); // a repeated key keeps its first position and takes the last value, as in Python
            skip();
            if (pos >= s.length()) {
                throw error("the dict is not closed");
            }
            char c = s.charAt(pos++);
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in the dict, found '" + c + "'");
            }
            skip();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return out;
            }
        }
    }

    private Object parenthesised() {
        pos++; // (
        skip();
        if (pos < s.length() && s.charAt(pos) == ')') {
            pos++;
            return new Tuple(new ArrayList<>());
        }
        Object first = value();
        skip();
        if (pos < s.length() && s.charAt(pos) == ')') {
            pos++;
            return first; // (x) is x
        }
        expect(',');
        List<Object> items = new ArrayList<>();
        items.add(first);
        items.addAll(sequence(')'));
        return new Tuple(items);
    }

    /** Items up to the closing bracket, a trailing comma allowed, an empty item ({@code ,,}) not. */
    private List<Object> sequence(char close) {
        List<Object> items = new ArrayList<>();
        while (true) {
            skip();
            if (pos < s.length() && s.charAt(pos) == close) {
                pos++;
                return items;
            }
            items.add(value());
            skip();
            if (pos >= s.length()) {
                throw error("'" + close + "' is missing");
            }
            char c = s.charAt(pos);
            if (c == close) {
                pos++;
                return items;
            }
            if (c != ',') {
                throw error("expected ',' or '" + close + "', found '" + c + "'");
            }
            pos++;
        }
    }

    private void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw error("expected '" + c + "'" + (pos < s.length() ? ", found '" + s.charAt(pos) + "'" : ""));
        }
        pos++;
    }

    private Object number() {
        int start = pos;
        if (s.startsWith("0x", pos) || s.startsWith("0X", pos) || s.startsWith("0o", pos) || s.startsWith("0O", pos)
                || s.startsWith("0b", pos) || s.startsWith("0B", pos)) {
            char base = Character.toLowerCase(s.charAt(pos + 1));
            int radix = base == 'x' ? 16 : base == 'o' ? 8 : 2;
            pos += 2;
            String digits = digits(radix, true);
            if (digits.isEmpty()) {
                throw error("malformed number");
            }
            return endOfInteger(new BigInteger(digits, radix));
        }
        String whole = digits(10, false);
        boolean isFloat = false;
        StringBuilder text = new StringBuilder(whole);
        if (pos < s.length() && s.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            text.append('.').append(digits(10, false));
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            isFloat = true;
            pos++;
            text.append('e');
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                text.append(s.charAt(pos++));
            }
            String exp = digits(10, false);
            if (exp.isEmpty()) {
                throw error("malformed number");
            }
            text.append(exp);
        }
        if (pos < s.length() && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J')) {
            throw error("complex numbers are not supported");
        }
        if (isFloat) {
            if (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                throw error("malformed number");
            }
            return Double.parseDouble(text.toString());
        }
        if (whole.length() > 1 && whole.charAt(0) == '0' && !whole.chars().allMatch(ch -> ch == '0')) {
            pos = start;
            throw error("leading zeros in a decimal integer are not allowed");
        }
        return endOfInteger(new BigInteger(whole));
    }

    private BigInteger endOfInteger(BigInteger v) {
        if (allowLongSuffix && pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
            pos++;
        }
        if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            throw error("malformed number");
        }
        return v;
    }

    /** Digits of a radix with Python's single underscores between them. */
    private String digits(int radix, boolean underscoreFirst) {
        StringBuilder sb = new StringBuilder();
        boolean lastDigit = underscoreFirst;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '_' && lastDigit && pos + 1 < s.length() && Character.digit(s.charAt(pos + 1), radix) >= 0) {
                pos++;
                lastDigit = false;
                continue;
            }
            if (c > 127 || Character.digit(c, radix) < 0) {
                break;
            }
            sb.append(c);
            pos++;
            lastDigit = true;
        }
        return sb.toString();
    }

    private boolean isStringPrefix() {
        int p = pos;
        while (p < s.length() && p - pos < 2 && "uUbBrR".indexOf(s.charAt(p)) >= 0) {
            p++;
        }
        return p > pos && p < s.length() && (s.charAt(p) == '\'' || s.charAt(p) == '"');
    }

    /** Adjacent string literals concatenate, as in Python source. */
    private Object strings() {
        StringBuilder sb = new StringBuilder();
        Boolean bytes = null;
        while (true) {
            skip();
            if (pos >= s.length() || !(s.charAt(pos) == '\'' || s.charAt(pos) == '"' || isStringPrefix())) {
                break;
            }
            boolean b = false;
            boolean raw = false;
            while (s.charAt(pos) != '\'' && s.charAt(pos) != '"') {
                char p = Character.toLowerCase(s.charAt(pos++));
                b |= p == 'b';
                raw |= p == 'r';
            }
            if (bytes != null && bytes != b) {
                throw error("cannot mix bytes and text literals");
            }
            bytes = b;
            sb.append(string(raw));
        }
        return bytes ? new Bytes(sb.toString()) : sb.toString();
    }

    private String string(boolean raw) {
        char q = s.charAt(pos);
        if (s.startsWith(String.valueOf(q).repeat(3), pos)) {
            throw error("triple-quoted strings are not supported in an NPY header");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length() || s.charAt(pos) == '\n') {
                throw error("the string is not closed");
            }
            char c = s.charAt(pos++);
            if (c == q) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("the string is not closed");
            }
            char e = s.charAt(pos++);
            if (raw) {
                sb.append('\\').append(e);
                continue;
            }
            switch (e) {
                case '\n': break;
                case '\\': sb.append('\\'); break;
                case '\'': sb.append('\''); break;
                case '"': sb.append('"'); break;
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                    int v = e - '0';
                    for (int k = 0; k < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; k++) {
                        v = v * 8 + (s.charAt(pos++) - '0');
                    }
                    sb.append((char) v);
                    break;
                }
                case 'x': sb.append((char) hex(2)); break;
                case 'u': sb.append((char) hex(4)); break;
                case 'U': sb.appendCodePoint(hex(8)); break;
                default: sb.append('\\').append(e); // Python keeps an unknown escape as written
            }
        }
    }

    private int hex(int n) {
        if (pos + n > s.length()) {
            throw error("truncated escape");
        }
        try {
            int v = Integer.parseUnsignedInt(s.substring(pos, pos + n), 16);
            pos += n;
            if (!Character.isValidCodePoint(v)) {
                throw error("invalid escape");
            }
            return v;
        } catch (NumberFormatException ex) {
            throw error("truncated escape");
        }
    }
}
