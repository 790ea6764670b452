package io.parley.moderation.ban;

import java.time.Instant;

/** A ban as the admin API shows it; {@code active} is false once it has expired. */
public record BanView(long id, String kind, String value, String reason, Instant expiresAt, boolean active, Instant createdAt,
        String createdBy) {

    static BanView of(Ban ban, Instant now) {
        return new BanView(ban.id, ban.kind, ban.value, ban.reason, ban.expiresAt,
                ban.expiresAt == null || ban.expiresAt.isAfter(now), ban.createdAt, ban.createdBy);
    }
}
