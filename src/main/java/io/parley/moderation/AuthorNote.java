package io.parley.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A moderator's note about an author ("warned twice about insults"), for the next moderator. */
@Entity
@Table(name = "author_note")
public class AuthorNote extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "author_note_seq")
    @SequenceGenerator(name = "author_note_seq", sequenceName = "author_note_seq", allocationSize = 50)
    public Long id;

    @Column(name = "commenter_id")
    public long commenterId;

    /** The moderator's subject, as the audit names them. */
    public String moderator;

    public String name;

    public String text;

    @Column(name = "created_at")
    public Instant createdAt;
}
