package io.parley.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The moderation desk's numbers. */
@ApplicationScoped
public class ModerationStats {

    private static final Duration DECISION_WINDOW = Duration.ofDays(30);

    private final EntityManager em;
    private final Clock clock;

    ModerationStats(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public StatsView stats() {
        Instant now = clock.instant();
        Map<String, Long> queue = new TreeMap<>();
        for (String status : List.of("pending", "approved", "spam", "rejected", "deleted")) {
            queue.put(status, 0L);
        }
        List<Object[]> byStatus = em.createNativeQuery("select status, count(*) from comment group by status").getResultList();
        byStatus.forEach(row -> queue.put(((String) row[0]).toLowerCase(Locale.ROOT), ((Number) row[1]).longValue()));

        List<Object[]> perModerator = em.createNativeQuery("""
                        select actor, count(*) filter (where created_at >= :day), count(*)
                        from moderation_event where actor_kind = 'moderator' and created_at >= :week
                        group by actor order by 3 desc, actor""")
                .setParameter("day", now.minus(Duration.ofDays(1))).setParameter("week", now.minus(Duration.ofDays(7)))
                .getResultList();
        List<StatsView.ModeratorActivity> decisions = perModerator.stream()
                .map(row -> new StatsView.ModeratorActivity((String) row[0], ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue()))
                .toList();

        Object[] wait = (Object[]) em.createNativeQuery("""
                        select count(*),
                               percentile_cont(0.5) within group (order by seconds),
                               percentile_cont(0.9) within group (order by seconds)
                        from (select extract(epoch from min(e.created_at) - c.created_at) as seconds
                              from moderation_event e join comment c on c.article_id = e.article_id and c.id = e.comment_id
                              where e.actor_kind = 'moderator'
                              group by c.article_id, c.id, c.created_at
                              having min(e.created_at) >= :since) first_decisions""")
                .setParameter("since", now.minus(DECISION_WINDOW))
                .getSingleResult();
        return new StatsView(queue, decisions, new StatsView.TimeToDecision(((Number) wait[0]).longValue(),
                wait[1] == null ? null : ((Number) wait[1]).doubleValue(),
                wait[2] == null ? null : ((Number) wait[2]).doubleValue()));
    }
}
