package io.parley.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

@Entity
public class Article extends PanacheEntityBase {

    @Id
    public String id;

    public String url;

    public String title;

    public boolean closed;

    @Column(name = "pre_moderation")
    public boolean preModeration;

    /** The order readers see first ("oldest", "newest", "best"); null: the site's. */
    @Column(name = "default_sort")
    public String defaultSort;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "first_comment_at")
    public Instant firstCommentAt;
}
