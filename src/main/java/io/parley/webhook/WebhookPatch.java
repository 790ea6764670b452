package io.parley.webhook;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Changes to an endpoint; what is left out keeps its value. {@code enabled: true} revives a disabled endpoint. */
public record WebhookPatch(@Size(max = 2000) String url, @Size(min = 1, max = 20) List<@NotBlank String> events,
        @Size(max = 500) String description, @Email @Size(max = 254) String ownerEmail, Boolean enabled) {
}
