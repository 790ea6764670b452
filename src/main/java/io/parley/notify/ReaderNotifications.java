package io.parley.notify;

import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.comment.CommentStatus;
import io.parley.common.outbox.EventType;
import io.parley.common.outbox.OutboxConsumer;
import io.parley.common.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a published comment means for readers' mail: its author's subscription (if they ticked
 * "Notify me"), and a notice for everyone following its thread. Held and spam comments never get
 * here; a comment removed again before its event was dispatched is passed over.
 */
@ApplicationScoped
class ReaderNotifications implements OutboxConsumer {

    private final Subscriptions subscriptions;

    ReaderNotifications(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void consume(List<OutboxEvent> events) {
        Map<Long, Instant> published = events.stream().filter(e -> e.eventType() == EventType.COMMENT_PUBLISHED)
                .collect(Collectors.toMap(OutboxEvent::commentId, OutboxEvent::createdAt, (a, b) -> a));
        if (published.isEmpty()) {
            return;
        }
        List<Comment> comments = Comment.<Comment>list("id in ?1 and status = ?2 order by id", List.copyOf(published.keySet()),
                CommentStatus.APPROVED);
        Map<String, Article> articles = Article.<Article>list("id in ?1", comments.stream().map(c -> c.articleId).distinct().toList())
                .stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        for (Comment comment : comments) {
            subscriptions.noticeReplies(comment, published.get(comment.id));
            subscriptions.subscribe(comment, articles.get(comment.articleId));
        }
    }
}
