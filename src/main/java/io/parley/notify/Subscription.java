package io.parley.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A reader's wish to hear about replies to a comment, or about every new comment on an article (migration V18). */
@Entity
public class Subscription extends PanacheEntityBase {

    public static final String CONFIRMING = "confirming";
    public static final String CONFIRMED = "confirmed";
    public static final String UNSUBSCRIBED = "unsubscribed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String email;

    @Column(name = "article_id")
    public String articleId;

    /** The comment whose replies are wanted; null for every new comment on the article. */
    @Column(name = "comment_id")
    public Long commentId;

    public String status;

    @Column(name = "confirm_hash")
    public byte[] confirmHash;

    @Column(name = "confirm_expires_at")
    public Instant confirmExpiresAt;

    @Column(name = "unsubscribe_token")
    public String unsubscribeToken;

    @Column(name = "next_mail_at")
    public Instant nextMailAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    boolean wholeArticle() {
        return commentId == null;
    }
}
