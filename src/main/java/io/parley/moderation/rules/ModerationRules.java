package io.parley.moderation.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.db.RoundTrip;
import io.parley.common.error.ProblemException;
import io.parley.common.json.JsonText;
import io.parley.moderation.AdminEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The moderation settings in force, with their word lists compiled. Every replica reads the settings
 * version on each use (one indexed row) and recompiles only when an admin changed them, so a change
 * applies to the next comment on every replica.
 */
@ApplicationScoped
public class ModerationRules {

    /** Settings with their lists compiled for matching. */
    public record Compiled(int version, ModerationSettings values, WordMatcher bannedWords, WordMatcher suspectWords,
            KeyMatcher moderationKeys, KeyMatcher disallowedKeys) {

        public Duration editWindow() {
            return Duration.ofSeconds(values.editWindowSeconds());
        }
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile Compiled cached;

    ModerationRules(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Compiled current() {
        return current(RoundTrip.one(em, version()));
    }

    /** The settings' version, for a caller that runs it along with other queries and then asks {@link #current(int)}. */
    public RoundTrip.Query<Integer> version() {
        return RoundTrip.query("select version from moderation_settings where id = 1", rows -> {
            rows.next();
            return rows.getInt(1);
        });
    }

    /** The settings of {@code version}, just read from the database: compiled again only if they changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Compiled current(int version) {
        Compiled compiled = cached;
        if (compiled != null && compiled.version() == version) {
            return compiled;
        }
        Object[] row = (Object[]) em.createNativeQuery("select cast(doc as text), version from moderation_settings where id = 1")
                .getSingleResult();
        compiled = compile(((Number) row[1]).intValue(), ModerationSettings.DEFAULTS.with(read((String) row[0])));
        cached = compiled;
        return compiled;
    }

    /** Applies the fields {@code patch} sets; the whole result must make sense (hold threshold below spam threshold). */
    @Transactional
    public ModerationSettings update(ModerationSettings patch, String actor) {
        String stored = (String) em.createNativeQuery("select cast(doc as text) from moderation_settings where id = 1 for update")
                .getSingleResult();
        ModerationSettings merged = merge(ModerationSettings.DEFAULTS.with(read(stored)), patch);
        Instant now = clock.instant();
        em.createNativeQuery("update moderation_settings set doc = cast(?1 as jsonb), version = version + 1, updated_at = ?2,"
                        + " updated_by = ?3 where id = 1")
                .setParameter(1, JsonText.of(json, merged)).setParameter(2, now).setParameter(3, actor).executeUpdate();
        AdminEvent.record(actor, "settings.update", Map.of("changed", json.convertValue(patch, Map.class)), now);
        return merged;
    }

    /** The settings {@code patch} would make, compiled, without saving them (a dry run). */
    @Transactional
    public Compiled proposed(ModerationSettings patch) {
        return compile(-1, merge(current().values(), patch));
    }

    /** The whole result of a change must make sense: the hold threshold not above the spam threshold. */
    private static ModerationSettings merge(ModerationSettings settings, ModerationSettings patch) {
        ModerationSettings merged = settings.with(patch);
        if (merged.spamHoldThreshold() > merged.spamThreshold()) {
            throw ProblemException.invalid("spamHoldThreshold", "must not be above spamThreshold (" + merged.spamThreshold() + ")");
        }
        return merged;
    }

    private static Compiled compile(int version, ModerationSettings settings) {
        return new Compiled(version, settings, WordMatcher.of(settings.bannedWords()), WordMatcher.of(settings.suspectWords()),
                KeyMatcher.of(settings.moderationKeys()), KeyMatcher.of(settings.disallowedKeys()));
    }

    private ModerationSettings read(String doc) {
        try {
            return json.readValue(doc, ModerationSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored moderation settings are unreadable", e);
        }
    }
}
