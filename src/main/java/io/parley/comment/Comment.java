package io.parley.comment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import java.net.InetAddress;
import io.parley.moderation.Reason;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One comment. The table's primary key is (article_id, id) so it can be distributed by article;
 * ids are unique on their own too, which is what Hibernate keys on.
 */
@Entity
public class Comment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comment_seq")
    @SequenceGenerator(name = "comment_seq", sequenceName = "comment_seq", allocationSize = 50)
    public Long id;

    @Column(name = "article_id")
    public String articleId;

    @Column(name = "parent_id")
    public Long parentId;

    /** The top-level comment of this reply's thread; null on a top-level comment. */
    @Column(name = "root_id")
    public Long rootId;

    /** 0 for a top-level comment, parent's depth + 1 for a reply. */
    public int depth;

    @Column(name = "commenter_id")
    public Long commenterId;

    @Enumerated(EnumType.STRING)
    public CommentStatus status;

    /** What the author typed; null once deleted. */
    public String body;

    /** The sanitised HTML readers get; null once deleted. */
    public String html;

    @Column(name = "author_name")
    public String authorName;

    @Column(name = "author_email")
    public String authorEmail;

    @Column(name = "author_website")
    public String authorWebsite;

    @Column(name = "author_ip")
    @JdbcTypeCode(SqlTypes.INET)
    public InetAddress authorIp;

    @Column(name = "user_agent")
    public String userAgent;

    public boolean notify;

    /** With {@link #notify}: the author wants every new comment on the article, not only replies to this one. */
    @Column(name = "notify_article")
    public boolean notifyArticle;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Why the comment has its current status; shown in the moderation queue. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Reason> reasons = List.of();

    /** Probability of spam from the spam filter; null until scored. */
    @Column(name = "spam_score")
    public Double spamScore;

    /** Reader reports. */
    @Column(name = "flag_count")
    public int flagCount;

    /** What the spam filter learnt from this comment: {@code spam}, {@code ham} or nothing yet. */
    @Column(name = "trained_as")
    public String trainedAs;

    /** Readers' likes; written only by the likes' own statements, never from an entity, so no flush loses one. */
    @Column(name = "like_count", insertable = false, updatable = false)
    public int likeCount;

    /** Where "best first" ranks the comment; null until liked. Kept with {@link #likeCount}. */
    @Column(name = "best_at", insertable = false, updatable = false)
    public Instant bestAt;

    /** Set while an editor features the comment ("Editors' picks"). */
    @Column(name = "featured_at")
    public Instant featuredAt;

    @Column(name = "featured_by")
    public String featuredBy;

    /** A featured top-level comment kept on top of the thread in every order. */
    public boolean pinned;

    @Version
    public int version;
}
