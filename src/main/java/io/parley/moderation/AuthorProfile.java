package io.parley.moderation;

import io.parley.moderation.ban.BanView;
import java.time.Instant;
import java.util.List;

/** Everything a moderator wants to know about an author before deciding on them. */
public record AuthorProfile(long id, String provider, String name, String email, String avatarUrl, Instant since,
        QueueItem.AuthorHistory history, List<Recent> recent, List<BanView> bans, List<Seen> sameIp, List<Seen> sameEmail,
        List<Note> notes) {

    /** One of the author's latest comments and the last moderator decision on it. */
    public record Recent(long id, String articleId, String status, String excerpt, Instant createdAt, String decidedBy,
            Instant decidedAt) {
    }

    /** Another author met on the same IP address or email address. */
    public record Seen(long commenterId, String name, String email, String ip) {
    }

    public record Note(long id, String moderator, String name, String text, Instant at) {

        static Note of(AuthorNote note) {
            return new Note(note.id, note.moderator, note.name, note.text, note.createdAt);
        }
    }

    /** A note as a moderator writes it. */
    public record NewNote(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 2000) String text) {
    }
}
