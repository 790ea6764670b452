package io.parley.moderation;

import io.parley.comment.Comment;
import io.parley.comment.CommentStatus;
import io.parley.common.db.ById;
import io.parley.common.paging.Keyset;
import io.parley.identity.Commenter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What moderators read: the queue, one comment with its history, and the audit trail. */
@ApplicationScoped
public class ModerationQueue {

    private final EntityManager em;
    private final AuthorHistories authorHistories;
    private final Claims claims;

    ModerationQueue(EntityManager em, AuthorHistories authorHistories, Claims claims) {
        this.em = em;
        this.authorHistories = authorHistories;
        this.claims = claims;
    }

    /**
     * Comments of one status, oldest first, keyset-paged on (created_at, id) so that the
     * comment_queue indexes serve every page at the same cost, however deep.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public QueuePage list(CommentStatus status, String articleId, Long authorId, boolean reported, int limit, Keyset after) {
        StringBuilder sql = new StringBuilder("select c.* from comment c where c.status = :status");
        if (reported) {
            sql.append(" and c.flag_count > 0");
        }
        if (articleId != null) {
            sql.append(" and c.article_id = :article");
        }
        if (authorId != null) {
            sql.append(" and c.commenter_id = :author");
        }
        if (after != null) {
            sql.append(" and (c.created_at, c.id) > (:afterTime, :afterId)");
        }
        sql.append(" order by c.created_at, c.id limit :limit");
        Query query = em.createNativeQuery(sql.toString(), Comment.class)
                .setParameter("status", status.name()).setParameter("limit", limit + 1);
        if (articleId != null) {
            query.setParameter("article", articleId);
        }
        if (authorId != null) {
            query.setParameter("author", authorId);
        }
        if (after != null) {
            query.setParameter("afterTime", after.time()).setParameter("afterId", after.id());
        }
        Keyset.Page<Comment> page = Keyset.page((List<Comment>) query.getResultList(), limit, c -> new Keyset(c.createdAt, c.id));
        return new QueuePage(items(page.items()), page.nextCursor());
    }

    @Transactional
    public Optional<CommentDetail> detail(long id) {
        Comment comment = Comment.findById(id);
        if (comment == null) {
            return Optional.empty();
        }
        QueueItem parent = comment.parentId == null ? null : item(Comment.findById(comment.parentId));
        List<AuditEntry> history = ModerationEvent.<ModerationEvent>list("commentId = ?1 order by createdAt, id", id)
                .stream().map(AuditEntry::of).toList();
        return Optional.of(new CommentDetail(item(comment), parent, history));
    }

    /** Status changes, newest first, narrowed by actor, comment and time. */
    @Transactional
    @SuppressWarnings("unchecked")
    public AuditPage audit(String actor, Long commentId, Instant since, Instant until, int limit, Keyset before) {
        StringBuilder sql = new StringBuilder("select e.* from moderation_event e where true");
        Map<String, Object> params = new HashMap<>();
        if (actor != null) {
            sql.append(" and e.actor = :actor");
            params.put("actor", actor);
        }
        if (commentId != null) {
            sql.append(" and e.comment_id = :commentId");
            params.put("commentId", commentId);
        }
        if (since != null) {
            sql.append(" and e.created_at >= :since");
            params.put("since", since);
        }
        if (until != null) {
            sql.append(" and e.created_at < :until");
            params.put("until", until);
        }
        if (before != null) {
            sql.append(" and (e.created_at, e.id) < (:beforeTime, :beforeId)");
            params.put("beforeTime", before.time());
            params.put("beforeId", before.id());
        }
        sql.append(" order by e.created_at desc, e.id desc limit :limit");
        Query query = em.createNativeQuery(sql.toString(), ModerationEvent.class).setParameter("limit", limit + 1);
        params.forEach(query::setParameter);
        Keyset.Page<ModerationEvent> page = Keyset.page((List<ModerationEvent>) query.getResultList(), limit,
                e -> new Keyset(e.createdAt, e.id));
        return new AuditPage(page.items().stream().map(AuditEntry::of).toList(), page.nextCursor());
    }

    QueueItem item(Comment comment) {
        return items(List.of(comment)).get(0);
    }

    /** Queue items for a page of comments: one query for their authors, one for the authors' histories, one for claims. */
    List<QueueItem> items(List<Comment> comments) {
        if (comments.isEmpty()) {
            return List.of();
        }
        Map<Long, Commenter> authors = ById.find(Commenter.class, "commenter", comments.stream().map(c -> c.commenterId).toList(),
                c -> c.id);
        Map<String, QueueItem.AuthorHistory> histories = authorHistories.of(
                comments.stream().map(c -> AuthorHistories.key(authors.get(c.commenterId), c.authorEmail)).toList());
        Map<Long, Claims.Claim> claimed = claims.current(comments.stream().map(c -> c.id).toList());
        List<QueueItem> items = new ArrayList<>(comments.size());
        for (Comment c : comments) {
            Commenter author = authors.get(c.commenterId);
            QueueItem.AuthorHistory history = histories.getOrDefault(AuthorHistories.key(author, c.authorEmail), QueueItem.AuthorHistory.NONE);
            items.add(new QueueItem(c.id, c.articleId, c.parentId, c.depth, c.body, c.html, c.createdAt, c.editedAt,
                    c.status.apiName(), c.version, c.reasons, c.spamScore, c.flagCount, c.likeCount, c.featuredAt != null, c.pinned,
                    new QueueItem.QueueAuthor(author.id, author.provider, c.authorName, c.authorEmail, c.authorWebsite,
                            author.avatarUrl, c.authorIp == null ? null : c.authorIp.getHostAddress(), history),
                    claimed.get(c.id)));
        }
        return items;
    }
}
