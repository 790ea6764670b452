package io.parley.moderation;

import io.parley.comment.ThreadCache;
import io.quarkus.arc.Arc;
import io.parley.comment.Comment;
import io.parley.comment.CommentStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One status change of a comment: the audit trail moderators and editors rely on. */
@Entity
@Table(name = "moderation_event")
public class ModerationEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "moderation_event_seq")
    @SequenceGenerator(name = "moderation_event_seq", sequenceName = "moderation_event_seq", allocationSize = 50)
    public Long id;

    @Column(name = "article_id")
    public String articleId;

    @Column(name = "comment_id")
    public Long commentId;

    /** {@code system}, {@code commenter:<id>} or a moderator's JWT subject. */
    public String actor;

    @Column(name = "actor_kind")
    public String actorKind;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public CommentStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public CommentStatus toStatus;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Reason> reasons;

    public String note;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Records that {@code comment} moved from {@code from} to its current status, for the reasons it now carries. */
    public static ModerationEvent record(Comment comment, CommentStatus from, Actor actor, String note, Instant at) {
        ModerationEvent event = new ModerationEvent();
        event.articleId = comment.articleId;
        event.commentId = comment.id;
        event.actor = actor.name();
        event.actorKind = actor.kindName();
        event.fromStatus = from;
        event.toStatus = comment.status;
        event.reasons = comment.reasons;
        event.note = note;
        event.createdAt = at;
        event.persist();
        // every change of a comment passes here: drop the article's cached public pages at commit
        Arc.container().instance(ThreadCache.class).get().evictAfterCommit(comment.articleId);
        return event;
    }
}
