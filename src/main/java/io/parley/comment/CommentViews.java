package io.parley.comment;

import io.parley.identity.Commenter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Builds what a given reader may see of a comment. */
@ApplicationScoped
class CommentViews {

    /**
     * @param author the comment's commenter: logged-in readers show their current name and avatar
     * @param viewerId the reader asking, or null; authors see their own pending comments, their text and until when they may edit
     * @param liked whether the reader asking likes it; null when nobody identified asks
     */
    CommentView view(Comment comment, Commenter author, Long viewerId, Duration editWindow, Boolean liked) {
        boolean mine = viewerId != null && viewerId.equals(comment.commenterId);
        if (comment.status == CommentStatus.DELETED) {
            return new CommentView(comment.id, comment.articleId, comment.parentId, comment.depth, null, null,
                    comment.createdAt, comment.editedAt, CommentStatus.DELETED.apiName(), 0, false, false, null, null, null, null);
        }
        CommentView.Author shown = author.isGuest()
                ? new CommentView.Author(comment.authorName, null, comment.authorWebsite, author.provider)
                : new CommentView.Author(author.name, author.avatarUrl, author.website, author.provider);
        Instant editableUntil = mine ? comment.createdAt.plus(editWindow) : null;
        String status = mine ? comment.status.asSeenByAuthor() : comment.status.apiName();
        return new CommentView(comment.id, comment.articleId, comment.parentId, comment.depth, shown, comment.html,
                comment.createdAt, comment.editedAt, status, comment.likeCount, comment.featuredAt != null, comment.pinned,
                liked, mine ? comment.body : null, editableUntil, null);
    }
}
