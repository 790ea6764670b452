package io.parley.webhook;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An endpoint as an admin registers it. {@code ownerEmail} is told if the endpoint is disabled for
 * failing; without it, the moderator alert addresses are.
 */
public record NewWebhook(@NotBlank @Size(max = 2000) String url, @NotEmpty @Size(max = 20) List<@NotBlank String> events,
        @Size(max = 500) String description, @Email @Size(max = 254) String ownerEmail) {
}
