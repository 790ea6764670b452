package io.parley.comment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.common.validation.WebAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A comment as a reader submits it. Status, ids and times are the server's: there is no field for them.
 * ({@code notify} is a method of Object, hence the longer Java name.)
 */
public record NewComment(
        @NotBlank @Size(max = CommentLimits.BODY) String body,
        @Positive Long parentId,
        @WebAddress @Size(max = CommentLimits.URL) String articleUrl,
        @JsonProperty("notify") Boolean notifyByEmail,
        NotifyScope notifyScope,
        @Valid GuestAuthor author) {

    /** What "notify me" asks for: replies to this comment (the default), or every new comment on the article. */
    public enum NotifyScope {
        @JsonProperty("replies") REPLIES,
        @JsonProperty("article") ARTICLE
    }
}
