package io.parley.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An author's correction of their comment's text. */
public record CommentEdit(@NotBlank @Size(max = CommentLimits.BODY) String body) {
}
