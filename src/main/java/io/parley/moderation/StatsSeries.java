package io.parley.moderation;

import static io.parley.common.db.SqlTimes.instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The moderation desk over time, for charts: the queue's size at the end of each hour, decisions
 * per hour by moderator, and the median and 90th percentile of the time from submission to the
 * first decision. All from the audit trail, which records every change.
 */
@ApplicationScoped
public class StatsSeries {

    /** One point in time and its value. */
    public record Point(Instant at, double value) {
    }

    /** Time to first decision in one bucket: median and 90th percentile, in seconds. */
    public record Wait(Instant at, double median, double p90) {
    }

    public record Series(Instant from, Instant to, List<Point> queueSize, Map<String, List<Point>> decisionsByModerator,
            List<Wait> timeToDecision) {
    }

    private final EntityManager em;
    private final Clock clock;

    StatsSeries(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Series over(Duration period) {
        Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant from = to.minus(period);
        Map<Instant, Long> change = new HashMap<>();
        ((List<Object[]>) em.createNativeQuery("""
                        select date_trunc('hour', created_at),
                               count(*) filter (where to_status = 'PENDING') - count(*) filter (where from_status = 'PENDING')
                        from moderation_event where created_at >= :from group by 1""")
                .setParameter("from", from).getResultList())
                .forEach(row -> change.put(instant(row[0]), ((Number) row[1]).longValue()));
        long pending = ((Number) em.createNativeQuery("select count(*) from comment where status = 'PENDING'").getSingleResult())
                .longValue();
        // walk back from the queue as it is now: each hour's size is the next hour's minus what that hour added
        List<Point> queue = new ArrayList<>();
        for (Instant hour = to.minus(Duration.ofHours(1)); !hour.isBefore(from); hour = hour.minus(Duration.ofHours(1))) {
            queue.add(0, new Point(hour.plus(Duration.ofHours(1)), pending));
            pending -= change.getOrDefault(hour, 0L);
        }

        Map<String, List<Point>> decisions = new TreeMap<>();
        ((List<Object[]>) em.createNativeQuery("""
                        select actor, date_trunc('hour', created_at), count(*) from moderation_event
                        where actor_kind = 'moderator' and created_at >= :from group by 1, 2 order by 1, 2""")
                .setParameter("from", from).getResultList())
                .forEach(row -> decisions.computeIfAbsent((String) row[0], a -> new ArrayList<>())
                        .add(new Point(instant(row[1]), ((Number) row[2]).doubleValue())));

        String bucket = period.compareTo(Duration.ofDays(2)) > 0 ? "day" : "hour";
        List<Wait> waits = new ArrayList<>();
        ((List<Object[]>) em.createNativeQuery("""
                        select date_trunc('%s', first_at),
                               percentile_cont(0.5) within group (order by seconds),
                               percentile_cont(0.9) within group (order by seconds)
                        from (select min(e.created_at) as first_at, extract(epoch from min(e.created_at) - c.created_at) as seconds
                              from moderation_event e join comment c on c.article_id = e.article_id and c.id = e.comment_id
                              where e.actor_kind = 'moderator' and e.created_at >= :from
                              group by c.article_id, c.id, c.created_at) first_decisions
                        group by 1 order by 1""".formatted(bucket))
                .setParameter("from", from).getResultList())
                .forEach(row -> waits.add(new Wait(instant(row[0]), ((Number) row[1]).doubleValue(), ((Number) row[2]).doubleValue())));
        return new Series(from, to, queue, decisions, waits);
    }
}
