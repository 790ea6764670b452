package io.parley.moderation.rules;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds listed words in comment text, whole words only (so "Scunthorpe" is not a match for a
 * four-letter word inside it), after undoing the usual disguises: case, accents, look-alike letters
 * from other alphabets (Unicode confusables, UTS #39), zero-width and other invisible characters,
 * letters spaced out ("f u c k", "f.u.c.k"), stretched ("shiiiit") or written in leetspeak ("sh1t").
 * A term ending in {@code *} matches words that start with it; a term of several words matches them
 * in sequence. Lookups are hash-based, so the cost grows with the text, not with the list.
 */
public final class WordMatcher {

    private static final int MAX_PHRASE_WORDS = 6;
    private static final int MAX_LEET_VARIANTS = 16;
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();
    private static final Map<Character, String> ASCII_LOOKALIKE = new ConcurrentHashMap<>();
    private static final Map<Character, String[]> LEET = Map.ofEntries(
            Map.entry('0', new String[] {"o"}), Map.entry('1', new String[] {"i", "l"}), Map.entry('3', new String[] {"e"}),
            Map.entry('4', new String[] {"a"}), Map.entry('5', new String[] {"s"}), Map.entry('7', new String[] {"t"}),
            Map.entry('8', new String[] {"b"}), Map.entry('9', new String[] {"g"}), Map.entry('@', new String[] {"a"}),
            Map.entry('$', new String[] {"s"}), Map.entry('!', new String[] {"i"}), Map.entry('|', new String[] {"l", "i"}),
            Map.entry('+', new String[] {"t"}));

    /** canonical word or phrase → the term as the newsroom wrote it */
    private final Map<String, String> exact = new HashMap<>();
    private final Map<String, String> stretched = new HashMap<>();
    private final Map<String, String> prefixes = new HashMap<>();
    private int longestPhrase = 1;

    private WordMatcher(List<String> terms) {
        for (String term : terms) {
            boolean prefix = term.endsWith("*");
            List<String> words = words(prefix ? term.substring(0, term.length() - 1) : term);
            if (words.isEmpty()) {
                continue;
            }
            String key = String.join(" ", words);
            if (prefix) {
                prefixes.putIfAbsent(key, term);
            } else {
                exact.putIfAbsent(key, term);
                stretched.putIfAbsent(collapseRuns(key), term);
            }
            longestPhrase = Math.max(longestPhrase, Math.min(words.size(), MAX_PHRASE_WORDS));
        }
    }

    public static WordMatcher of(List<String> terms) {
        return new WordMatcher(terms);
    }

    public boolean isEmpty() {
        return exact.isEmpty() && prefixes.isEmpty();
    }

    /** The first listed term found in {@code text}, as the newsroom wrote it. */
    public Optional<String> firstMatch(String text) {
        if (text == null || isEmpty()) {
            return Optional.empty();
        }
        List<String> words = withSpacedOutWords(words(text));
        for (int i = 0; i < words.size(); i++) {
            for (String variant : variants(words.get(i))) {
                String found = matchAt(words, i, variant);
                if (found != null) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    private String matchAt(List<String> words, int start, String first) {
        String found = lookup(first);
        if (found != null) {
            return found;
        }
        StringBuilder phrase = new StringBuilder(first);
        for (int n = 1; n < longestPhrase && start + n < words.size(); n++) {
            phrase.append(' ').append(words.get(start + n));
            found = exact.get(phrase.toString());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private String lookup(String word) {
        String found = exact.get(word);
        if (found == null && hasRun(word, 3)) {
            found = stretched.get(collapseRuns(word));
        }
        for (int end = word.length(); found == null && end > 0 && !prefixes.isEmpty(); end--) {
            found = prefixes.get(word.substring(0, end));
        }
        return found;
    }

    /**
     * Text as canonical words: compatibility forms folded (full-width, ligatures), invisible characters
     * dropped, lower case, accents removed, other alphabets' look-alikes replaced by the Latin letter.
     */
    public static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder canonical = new StringBuilder(folded.length());
        String decomposed = Normalizer.normalize(folded.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            canonical.append(c < 128 ? String.valueOf(c) : asciiLookalike(c));
        }
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= canonical.length(); i++) {
            boolean inWord = i < canonical.length() && isWordChar(canonical.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                String word = trimPunctuation(canonical.substring(start, i));
                if (!word.isEmpty()) {
                    words.add(word);
                }
                start = -1;
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || LEET.containsKey(c);
    }

    /** "shit!" is a word and an exclamation mark; "sh!t" and "!diot" are disguises. */
    private static String trimPunctuation(String word) {
        int to = word.length();
        while (to > 0 && (word.charAt(to - 1) == '!' || word.charAt(to - 1) == '|')) {
            to--;
        }
        return word.substring(0, to);
    }

    private static String asciiLookalike(char c) {
        return ASCII_LOOKALIKE.computeIfAbsent(c, ch -> {
            String skeleton = CONFUSABLES.getSkeleton(String.valueOf(ch)).toLowerCase(Locale.ROOT);
            return skeleton.chars().allMatch(x -> x < 128) ? skeleton : String.valueOf(ch);
        });
    }

    /** Three or more single letters in a row ("f u c k") are read as the word they spell, in place. */
    private static List<String> withSpacedOutWords(List<String> words) {
        List<String> result = new ArrayList<>(words.size());
        int i = 0;
        while (i < words.size()) {
            int j = i;
            while (j < words.size() && words.get(j).length() == 1) {
                j++;
            }
            if (j - i >= 3) {
                result.add(String.join("", words.subList(i, j)));
                i = j;
            } else {
                result.add(words.get(i++));
            }
        }
        return result;
    }

    /** The word itself and, where it has leet characters, each reading of them. */
    private static List<String> variants(String word) {
        List<String> variants = new ArrayList<>(List.of(""));
        boolean leet = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            String[] readings = Character.isLetter(c) ? null : LEET.get(c);
            if (readings == null) {
                for (int v = 0; v < variants.size(); v++) {
                    variants.set(v, variants.get(v) + c);
                }
                continue;
            }
            leet = true;
            List<String> next = new ArrayList<>();
            for (String prefix : variants) {
                for (String reading : readings) {
                    if (next.size() < MAX_LEET_VARIANTS) {
                        next.add(prefix + reading);
                    }
                }
            }
            variants = next;
        }
        if (leet) {
            variants.add(0, word);
        }
        return variants;
    }

    private static boolean hasRun(String word, int length) {
        int run = 1;
        for (int i = 1; i < word.length(); i++) {
            run = word.charAt(i) == word.charAt(i - 1) ? run + 1 : 1;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    /** Repeated letters as one: "shiiiit" and "shit" both read "shit". */
    private static String collapseRuns(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            if (i == 0 || word.charAt(i) != word.charAt(i - 1)) {
                out.append(word.charAt(i));
            }
        }
        return out.toString();
    }
}
