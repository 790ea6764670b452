package io.parley.moderation;

import io.parley.comment.Comment;
import io.parley.common.paging.Keyset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's queue: one tab of comments narrowed by the moderator's filters, in the order they
 * chose, keyset-paged so that a page costs the same at any depth; and how many comments each tab
 * holds. Counts stop at {@link #COUNT_CAP}: a tab of a million approved comments is "1,000+", not a
 * scan of a million rows on every page (a text search reads each counted row).
 */
@ApplicationScoped
public class QueueSearch {

    public static final int COUNT_CAP = 1_000;

    public enum Tab {
        PENDING("c.status = 'PENDING'"),
        REPORTED("c.flag_count > 0 and c.status in ('PENDING', 'APPROVED')"),
        SPAM("c.status = 'SPAM'"),
        REJECTED("c.status = 'REJECTED'"),
        APPROVED("c.status = 'APPROVED'");

        final String condition;

        Tab(String condition) {
            this.condition = condition;
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Sort { OLDEST, NEWEST, PRIORITY }

    /** What the moderator narrowed the tab to; null fields do not narrow. */
    public record Filter(Tab tab, String articleId, Long authorId, String reason, Double minScore, Double maxScore, String text,
            Sort sort) {

        public Filter {
            tab = tab == null ? Tab.PENDING : tab;
            sort = sort == null ? Sort.OLDEST : sort;
        }
    }

    public record Result(List<QueueItem> items, String nextCursor) {
    }

    private final EntityManager em;
    private final ModerationQueue queue;

    QueueSearch(EntityManager em, ModerationQueue queue) {
        this.em = em;
        this.queue = queue;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Result search(Filter filter, int limit, String cursor) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select c.* from comment c where ").append(where(filter, params));
        Position after = Position.fromCursor(cursor);
        if (after != null) {
            sql.append(switch (filter.sort()) {
                case OLDEST -> " and (c.created_at, c.id) > (:afterTime, :afterId)";
                case NEWEST -> " and (c.created_at, c.id) < (:afterTime, :afterId)";
                // most reports first, then the highest spam score, then the oldest
                case PRIORITY -> " and (-c.flag_count, -coalesce(c.spam_score, 0), c.created_at, c.id)"
                        + " > (:afterFlags, :afterScore, :afterTime, :afterId)";
            });
            params.put("afterTime", after.time());
            params.put("afterId", after.id());
            if (filter.sort() == Sort.PRIORITY) {
                params.put("afterFlags", -after.flags());
                params.put("afterScore", -after.score());
            }
        }
        sql.append(switch (filter.sort()) {
            case OLDEST -> " order by c.created_at, c.id";
            case NEWEST -> " order by c.created_at desc, c.id desc";
            case PRIORITY -> " order by -c.flag_count, -coalesce(c.spam_score, 0), c.created_at, c.id";
        }).append(" limit :limit");
        params.put("limit", limit + 1);
        Query query = em.createNativeQuery(sql.toString(), Comment.class);
        params.forEach(query::setParameter);
        List<Comment> rows = query.getResultList();
        List<Comment> items = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? Position.of(items.get(limit - 1)).toCursor() : null;
        return new Result(queue.items(items), next);
    }

    /** Comments in each tab (up to {@link #COUNT_CAP}), narrowed by the same filters except the tab. */
    @Transactional
    public Map<Tab, Long> counts(Filter filter) {
        Map<Tab, Long> counts = new EnumMap<>(Tab.class);
        for (Tab tab : Tab.values()) {
            counts.put(tab, count(new Filter(tab, filter.articleId(), filter.authorId(), filter.reason(), filter.minScore(),
                    filter.maxScore(), filter.text(), filter.sort())));
        }
        return counts;
    }

    /** The comments the filter matches, up to {@link #COUNT_CAP}: each count reads at most that many index entries. */
    @Transactional
    public long count(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        Query query = em.createNativeQuery("select count(*) from (select 1 from comment c where " + where(filter, params)
                + " limit " + COUNT_CAP + ") capped");
        params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    /** The ids the filter matches, oldest first, at most {@code limit}: a bulk decision on "all matching". */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Long> ids(Filter filter, int limit) {
        Map<String, Object> params = new HashMap<>();
        Query query = em.createNativeQuery("select c.id from comment c where " + where(filter, params)
                + " order by c.created_at, c.id limit " + limit);
        params.forEach(query::setParameter);
        return ((List<Number>) query.getResultList()).stream().map(Number::longValue).toList();
    }

    private static String where(Filter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(filter.tab().condition);
        if (filter.articleId() != null) {
            where.append(" and c.article_id = :article");
            params.put("article", filter.articleId());
        }
        if (filter.authorId() != null) {
            where.append(" and c.commenter_id = :author");
            params.put("author", filter.authorId());
        }
        if (filter.reason() != null) {
            where.append(" and c.reasons @> cast(:reason as jsonb)");
            params.put("reason", "[{\"code\": \"" + filter.reason().replaceAll("[^A-Z_]", "") + "\"}]");
        }
        if (filter.minScore() != null) {
            where.append(" and c.spam_score >= :minScore");
            params.put("minScore", filter.minScore());
        }
        if (filter.maxScore() != null) {
            where.append(" and c.spam_score <= :maxScore");
            params.put("maxScore", filter.maxScore());
        }
        if (filter.text() != null && filter.text().strip().matches("#[0-9]{1,18}")) {
            where.append(" and c.id = :id"); // "#123": one comment, as mail alerts link to it
            params.put("id", Long.parseLong(filter.text().strip().substring(1)));
        } else if (filter.text() != null && !filter.text().isBlank()) {
            // body, name and email contain the words; an IP is matched from its start ("203.0.113." finds the network)
            where.append(" and (c.body ilike :like escape '\\' or c.author_name ilike :like escape '\\'"
                    + " or c.author_email ilike :like escape '\\' or host(c.author_ip) like :prefix escape '\\')");
            String literal = filter.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("like", "%" + literal + "%");
            params.put("prefix", literal + "%");
        }
        return where.toString();
    }

    /** Where a page ends, in the order of the moderator's sort. */
    record Position(int flags, double score, Instant time, long id) {

        static Position of(Comment c) {
            return new Position(c.flagCount, c.spamScore == null ? 0 : c.spamScore, c.createdAt, c.id);
        }

        String toCursor() {
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
            String text = flags + ":" + Double.doubleToLongBits(score) + ":" + micros + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
        }

        static Position fromCursor(String cursor) {
            if (cursor == null) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
                return new Position(Integer.parseInt(parts[0]), Double.longBitsToDouble(Long.parseLong(parts[1])),
                        Instant.EPOCH.plus(Long.parseLong(parts[2]), ChronoUnit.MICROS), Long.parseLong(parts[3]));
            } catch (RuntimeException e) {
                throw Keyset.badParameter("cursor", "is not a cursor this service gave out");
            }
        }
    }
}
