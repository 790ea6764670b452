package io.parley.moderation;

import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.comment.CommentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Decides what happens to a new or edited comment. Until the automatic rules exist every comment
 * waits for a moderator, which is the safe default for a newsroom.
 */
@ApplicationScoped
public class ModerationPipeline {

    static final Verdict HOLD_ALL = new Verdict(CommentStatus.PENDING,
            List.of(Reason.of("MANUAL_APPROVAL", "Every comment waits for a moderator.")));

    public Verdict judge(Comment comment, Article article) {
        if (article.preModeration) {
            return new Verdict(CommentStatus.PENDING,
                    List.of(Reason.of("PRE_MODERATION", "Every comment on this article waits for a moderator.")));
        }
        return HOLD_ALL;
    }
}
