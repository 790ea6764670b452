package io.parley.moderation;

import io.parley.identity.Commenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each author's record (approved, pending, spam, rejected), from the counters the database keeps
 * whatever path changes a comment (migration V10), read by primary key.
 */
@ApplicationScoped
public class AuthorHistories {

    private final EntityManager em;

    AuthorHistories(EntityManager em) {
        this.em = em;
    }

    /** A guest's record follows their email address (each browser is a new guest); a login's, the account. */
    public static String key(Commenter author, String email) {
        return key(author.isGuest(), author.id, email);
    }

    public static String key(boolean guest, Long commenterId, String email) {
        return guest ? "email:" + (email == null ? "" : email.toLowerCase(Locale.ROOT)) : "commenter:" + commenterId;
    }

    /** The records of {@code keys}; authors without one have {@link QueueItem.AuthorHistory#NONE}. */
    @SuppressWarnings("unchecked")
    public Map<String, QueueItem.AuthorHistory> of(Collection<String> keys) {
        Map<String, QueueItem.AuthorHistory> histories = new HashMap<>();
        if (keys.isEmpty()) {
            return histories;
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select author_key, approved, pending, spam, rejected from author_history where author_key = any(cast(?1 as text[]))")
                .setParameter(1, keys.stream().distinct().toArray(String[]::new)).getResultList();
        for (Object[] row : rows) {
            histories.put((String) row[0], new QueueItem.AuthorHistory(((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), ((Number) row[3]).longValue(), ((Number) row[4]).longValue()));
        }
        return histories;
    }
}
