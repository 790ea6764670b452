package io.parley.common.validation;

import java.util.Locale;
import java.util.Optional;

/**
 * Which text Parley stores and shows: well-formed Unicode without the code points that PostgreSQL
 * cannot store (U+0000), that are not characters at all (unpaired surrogates, noncharacters), or
 * that hide or rewrite what is shown around them (C0 and C1 controls, DEL). Tab and line feed are
 * ordinary text. Every string a client sends passes here: JSON strings ({@code SafeStrings}), and
 * the request's path and query ({@code RequestText}).
 */
public final class SafeText {

    private SafeText() {
    }

    /**
     * A line break written the Windows way (CR LF) becomes a plain LF: it is a line break, not a
     * control character, and storing one spelling means a duplicate is found whatever the client's
     * platform. A CR on its own is still refused by {@link #problem}.
     */
    public static String normalizeLineBreaks(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    }

    /** Why {@code text} cannot be stored, or empty when it can. */
    public static Optional<String> problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F || c == '\t' || c == '\n') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                if (isNoncharacter(codePoint)) {
                    return Optional.of("contains the noncharacter " + hex(codePoint));
                }
                continue;
            }
            Optional<String> refused = refusal(c);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refusal(char c) {
        if (c == 0) {
            return Optional.of("contains U+0000 (NUL), which cannot be stored");
        }
        if (Character.isSurrogate(c)) {
            return Optional.of("contains an unpaired surrogate (" + hex(c) + "); it is not well-formed Unicode");
        }
        if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
            return Optional.of("contains the control character " + hex(c));
        }
        if (isNoncharacter(c)) {
            return Optional.of("contains the noncharacter " + hex(c));
        }
        return Optional.empty();
    }

    /** U+FDD0..U+FDEF and the last two code points of every plane (Unicode's "noncharacters"). */
    private static boolean isNoncharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String hex(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }

    /** Replaces what {@link #problem} refuses with U+FFFD, for echoing a client's text back in an error. */
    public static String printable(String text) {
        if (text == null || problem(text).isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(problem(new String(Character.toChars(cp))).isPresent() ? 0xFFFD : cp));
        return out.toString();
    }
}
