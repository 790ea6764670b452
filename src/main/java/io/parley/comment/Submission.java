package io.parley.comment;

import io.parley.common.web.ClientInfo;
import io.parley.moderation.AuthorHistories;
import java.time.Instant;
import java.util.Set;

/**
 * A new comment as the request thread prepared it: validated, sanitised, and with what it needs
 * from outside the database (spam features, Akismet's opinion). Everything that depends on the
 * database is decided when it is written, together with the comments submitted at the same time.
 *
 * @param commenterId the caller's account, or null for a guest without a token
 * @param hasToken the caller sent a commenter token, so no new one is issued
 */
record Submission(String articleId, String articleUrl, Long parentId, Long commenterId, boolean guest, boolean hasToken,
        String authorName, String authorEmail, String authorWebsite, ClientInfo client, String body, String html, boolean notifyByEmail,
        boolean notifyArticle,
        String idempotencyKey, String requestHash, Set<String> features, boolean akismetSpam) {

    /** A new, unsaved comment with this text and author: each attempt to write it starts from a fresh one. */
    Comment comment(Instant at) {
        Comment comment = new Comment();
        comment.articleId = articleId;
        comment.parentId = parentId;
        comment.commenterId = commenterId;
        comment.body = body;
        comment.html = html;
        comment.authorName = authorName;
        comment.authorEmail = authorEmail;
        comment.authorWebsite = authorWebsite;
        comment.authorIp = client.ip();
        comment.userAgent = client.userAgent();
        comment.notify = notifyByEmail;
        comment.notifyArticle = notifyByEmail && notifyArticle;
        comment.createdAt = at;
        return comment;
    }

    Submission withOutsideFacts(Set<String> spamFeatures, boolean akismetSays) {
        return new Submission(articleId, articleUrl, parentId, commenterId, guest, hasToken, authorName, authorEmail, authorWebsite,
                client, body, html, notifyByEmail, notifyArticle, idempotencyKey, requestHash, spamFeatures, akismetSays);
    }

    /** Whose history the trust rule reads: the email address for a guest, the account for a login. */
    String authorKey() {
        return AuthorHistories.key(guest, commenterId, authorEmail);
    }
}
