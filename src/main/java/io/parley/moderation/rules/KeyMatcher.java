package io.parley.moderation.rules;

import java.util.List;
import java.util.Optional;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * WordPress's comment moderation and disallowed keys: each key matches anywhere inside the comment's
 * text, author name, email, website or IP, ignoring case ("press" matches "WordPress"). One
 * Aho-Corasick pass per field, whatever the number of keys.
 */
public final class KeyMatcher {

    private final Trie trie;

    private KeyMatcher(List<String> keys) {
        this.trie = keys.isEmpty() ? null : Trie.builder().ignoreCase().addKeywords(keys.stream().map(String::strip).toList()).build();
    }

    public static KeyMatcher of(List<String> keys) {
        return new KeyMatcher(keys);
    }

    public Optional<String> firstMatch(List<String> fields) {
        if (trie == null) {
            return Optional.empty();
        }
        for (String field : fields) {
            if (field != null) {
                Emit emit = trie.firstMatch(field);
                if (emit != null) {
                    return Optional.of(emit.getKeyword());
                }
            }
        }
        return Optional.empty();
    }
}
