package io.parley.common.outbox;

import java.util.Arrays;
import java.util.Optional;

/** What the outbox records: the event types webhooks subscribe to (openapi.yaml, webhooks). */
public enum EventType {
    /** A comment was submitted and stored, whatever the pipeline made of it. */
    COMMENT_CREATED("comment.created"),
    /** A comment became visible to readers: approved on arrival or by a moderator. */
    COMMENT_PUBLISHED("comment.published"),
    /** A comment entered the moderation queue: held on arrival, or reported enough to go back. */
    COMMENT_HELD("comment.held"),
    /** A moderator changed a comment's status. */
    COMMENT_DECIDED("comment.decided"),
    COMMENT_EDITED("comment.edited"),
    COMMENT_DELETED("comment.deleted"),
    COMMENT_REPORTED("comment.reported"),
    ARTICLE_CLOSED("article.closed");

    private final String apiName;

    EventType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<EventType> of(String apiName) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(apiName)).findFirst();
    }
}
