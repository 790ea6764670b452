-- V24's partial queue indexes undone. bench/run.sh measured queue pages at a million comments 1.3 ms
-- slower at p50 with them (3.8-4.2 ms against 2.6-3.1 ms), and imports gained nothing measurable. The
-- likely cause: the queue's queries name their status as a parameter (status = $1), which a partial
-- index can serve only in a plan made for that value, so every page was planned afresh.
-- Back to V6 and V15's indexes.
drop index comment_queue;
create index comment_queue on comment (status, created_at, id);
drop index comment_queue_article;
create index comment_queue_article on comment (article_id, status, created_at, id);
drop index comment_queue_priority;
create index comment_queue_priority on comment (status, (-flag_count), (-coalesce(spam_score, 0)), created_at, id);

drop index comment_approved_time;
drop index comment_approved;
create index comment_approved on comment (article_id) where status = 'APPROVED';
