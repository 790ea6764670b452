package io.parley.moderation;

import io.parley.common.db.RoundTrip;
import io.parley.identity.Commenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
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
    public Map<String, QueueItem.AuthorHistory> of(Collection<String> keys) {
        return keys.isEmpty() ? new HashMap<>() : RoundTrip.one(em, query(keys));
    }

    /** {@link #of}'s query, for a caller that runs it along with others. */
    public RoundTrip.Query<Map<String, QueueItem.AuthorHistory>> query(Collection<String> keys) {
        return RoundTrip.query("select author_key, approved, pending, spam, rejected from author_history where author_key = any(cast(? as text[]))",
                rows -> {
                    Map<String, QueueItem.AuthorHistory> histories = new HashMap<>();
                    while (rows.next()) {
                        histories.put(rows.getString(1), new QueueItem.AuthorHistory(rows.getLong(2), rows.getLong(3), rows.getLong(4),
                                rows.getLong(5)));
                    }
                    return histories;
                }).bind(keys.stream().distinct().toArray(String[]::new));
    }
}
