-- Every new comment and every decision writes an audit row. moderation_event_comment (article_id,
-- comment_id, created_at) repeated moderation_event_comment_id (comment_id, created_at) with the
-- article in front: comment ids are unique across articles, so the second answers every lookup of a
-- comment's history, the retention job's joins and the foreign key's checks when a comment goes.
drop index moderation_event_comment;
