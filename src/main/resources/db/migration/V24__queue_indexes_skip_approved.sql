-- Nearly every comment is approved, and the queue's orders serve the other tabs: kept in full they made
-- three of a comment's index entries (a third of the time an import's INSERT took, and 260 MB per
-- million comments) for pages the approved tab reads from two narrower indexes. The pending, spam and
-- rejected tabs still read these (status = 'PENDING' implies the predicate, so the planner uses them as
-- before). What is given up: the approved tab in priority order sorts the approved comments (about a
-- second at a million; oldest and newest first, and any one article, stay index reads).
drop index comment_queue;
create index comment_queue on comment (status, created_at, id) where status <> 'APPROVED';
drop index comment_queue_article;
create index comment_queue_article on comment (article_id, status, created_at, id) where status <> 'APPROVED';
drop index comment_queue_priority;
create index comment_queue_priority on comment (status, (-flag_count), (-coalesce(spam_score, 0)), created_at, id)
    where status <> 'APPROVED';

-- the approved tab, oldest or newest first, on the whole site or one article (which also counts an article's comments)
create index comment_approved_time on comment (created_at, id) where status = 'APPROVED';
drop index comment_approved;
create index comment_approved on comment (article_id, created_at, id) where status = 'APPROVED';
-- comment_queue_commenter stays whole: a commenter's approved comments are looked up by the pipeline and the people pages
