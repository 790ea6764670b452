-- What the queue shows without reading the audit trail: why the comment has its status, its spam
-- score (null until scoring exists) and how many readers reported it.
alter table comment add column reasons jsonb not null default '[]';
alter table comment add column spam_score double precision;
alter table comment add column flag_count integer not null default 0;

-- who made a change: the pipeline, the comment's author, or a moderator (for stats and the audit filter)
alter table moderation_event add column actor_kind text not null default 'system'
    check (actor_kind in ('system', 'author', 'moderator'));

-- the queue: one status, oldest first, keyset-paged; optionally narrowed to an article or an author
create index comment_queue on comment (status, created_at, id);
create index comment_queue_article on comment (article_id, status, created_at, id);
drop index comment_commenter;
create index comment_queue_commenter on comment (commenter_id, status, created_at, id);
-- a guest's history follows their email address
create index comment_author_email on comment (lower(author_email));

create index moderation_event_actor on moderation_event (actor, created_at);
create index moderation_event_decisions on moderation_event (created_at) where actor_kind = 'moderator';
create index moderation_event_comment_id on moderation_event (comment_id, created_at);
