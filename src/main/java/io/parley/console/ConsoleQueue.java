package io.parley.console;

import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.common.db.ById;
import io.parley.moderation.QueueItem;
import io.parley.moderation.QueueSearch;
import io.parley.moderation.Reason;
import io.parley.moderation.rules.ModerationRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One page of the console's queue as a moderator reads it: each comment with the article it is on,
 * the comment it answers, readers' reports and every reason explained in words, and the tabs' counts.
 */
@ApplicationScoped
class ConsoleQueue {

    /** A reader's report as the moderator sees it. */
    record Report(String reason, String note) {
    }

    /** A reason with its explanation; {@code term} is highlighted in the comment's text. */
    record Explained(String code, String text, String term) {
    }

    /** One card of the queue. */
    record Card(QueueItem item, String articleTitle, String articleUrl, String parentAuthor, String parentHtml,
            List<Explained> reasons, List<Report> reports) {

        /** The matched words and keys, for highlighting. */
        public String terms() {
            return reasons.stream().map(Explained::term).filter(Objects::nonNull).distinct().collect(Collectors.joining("\n"));
        }
    }

    /** A tab and how many comments it holds ("1,000+" past the cap). */
    record TabCount(String name, String label, String count, boolean current) {
    }

    record Page(List<Card> cards, List<TabCount> tabs, String nextCursor) {
    }

    private final QueueSearch search;
    private final ModerationRules rules;
    private final EntityManager em;

    ConsoleQueue(QueueSearch search, ModerationRules rules, EntityManager em) {
        this.search = search;
        this.rules = rules;
        this.em = em;
    }

    @Transactional
    Page page(QueueSearch.Filter filter, int limit, String cursor) {
        QueueSearch.Result result = search.search(filter, limit, cursor);
        List<QueueItem> items = result.items();
        if (items.isEmpty()) {
            return new Page(List.of(), tabs(filter), null);
        }
        Map<String, Article> articles = ById.find(Article.class, "article", items.stream().map(QueueItem::articleId).distinct().toList(),
                a -> a.id);
        List<Long> parentIds = items.stream().map(QueueItem::parentId).filter(Objects::nonNull).distinct().toList();
        Map<Long, Comment> parents = ById.find(Comment.class, "comment", parentIds, c -> c.id);
        Map<Long, List<Report>> reports = reports(items.stream().filter(i -> i.flags() > 0).map(QueueItem::id).toList());
        var settings = rules.current().values();
        List<Card> cards = new ArrayList<>();
        for (QueueItem item : items) {
            Article article = articles.get(item.articleId());
            Comment parent = item.parentId() == null ? null : parents.get(item.parentId());
            cards.add(new Card(item, article == null || article.title == null ? item.articleId() : article.title,
                    article == null ? null : article.url, parent == null ? null : parent.authorName, parent == null ? null : parent.html,
                    item.reasons().stream().map(r -> explain(r, item, settings.spamHoldThreshold(), settings.spamThreshold())).toList(),
                    reports.getOrDefault(item.id(), List.of())));
        }
        return new Page(cards, tabs(filter), result.nextCursor());
    }

    List<TabCount> tabs(QueueSearch.Filter filter) {
        Map<QueueSearch.Tab, Long> counts = search.counts(filter);
        List<TabCount> tabs = new ArrayList<>();
        counts.forEach((tab, count) -> tabs.add(new TabCount(tab.apiName(),
                tab.apiName().substring(0, 1).toUpperCase(Locale.ROOT) + tab.apiName().substring(1),
                count >= QueueSearch.COUNT_CAP ? String.format(Locale.ROOT, "%,d+", count) : String.format(Locale.ROOT, "%,d", count),
                tab == filter.tab())));
        return tabs;
    }

    /** Each reason in the words a moderator needs to decide: the score against the threshold that held it, and so on. */
    private static Explained explain(Reason reason, QueueItem item, double holdAt, double spamAt) {
        String text = switch (reason.code()) {
            case "SPAM_SCORE" -> String.format(Locale.ROOT, "Spam score %.2f: held from %.2f, spam from %.2f.",
                    item.spamScore() == null ? 0 : item.spamScore(), holdAt, spamAt);
            case "FIRST_COMMENT" -> "First comment by this author (" + item.author().history().approved() + " published before).";
            case "REPORTED" -> "Reported by " + item.flags() + (item.flags() == 1 ? " reader." : " readers.");
            case "SUSPECT_WORD" -> "Suspect word \u201c" + reason.term() + "\u201d.";
            case "MODERATION_KEY" -> "Moderation key \u201c" + reason.term() + "\u201d.";
            case "DISALLOWED_KEY" -> "Disallowed key \u201c" + reason.term() + "\u201d.";
            default -> reason.text();
        };
        return new Explained(reason.code(), text, reason.term());
    }

    @SuppressWarnings("unchecked")
    private Map<Long, List<Report>> reports(List<Long> ids) {
        Map<Long, List<Report>> reports = new HashMap<>();
        if (ids.isEmpty()) {
            return reports;
        }
        List<Object[]> rows = em.createNativeQuery("""
                        select comment_id, reason, note from comment_flag where comment_id = any(cast(?1 as bigint[]))
                        order by created_at""")
                .setParameter(1, ids.toArray(Long[]::new)).getResultList();
        for (Object[] row : rows) {
            reports.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>()).add(new Report((String) row[1], (String) row[2]));
        }
        return reports;
    }
}
