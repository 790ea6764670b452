package io.parley.moderation.ban;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A ban as an admin requests it: {@code ip} takes an address or a CIDR network. */
public record NewBan(@NotNull BanKind kind, @NotBlank @Size(max = 200) String value, @Size(max = 1000) String reason,
        Instant expiresAt) {

    public enum BanKind {
        @JsonProperty("commenter") COMMENTER,
        @JsonProperty("email") EMAIL,
        @JsonProperty("ip") IP
    }
}
