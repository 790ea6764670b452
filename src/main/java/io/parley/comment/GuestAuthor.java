package io.parley.comment;

import io.parley.common.validation.WebAddress;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Who a guest says they are. The email is for moderators only and never shown. */
public record GuestAuthor(
        @NotBlank @Size(max = CommentLimits.NAME) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String name,
        @NotBlank @Size(max = CommentLimits.EMAIL) @Email @Pattern(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a well-formed email address")
        String email,
        @WebAddress @Size(max = CommentLimits.WEBSITE) String website) {
}
