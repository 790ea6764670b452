-- Comments become a table partitioned by id, so that an import can build a million comments in a
-- table of its own and join them at the end (see portability.Importer). Maintaining the comment
-- table's fourteen indexes row by row was nine tenths of an import's cost; building them in one
-- sort per index after the rows are in costs a fraction of it (bench/README.md, 2026-12-01).
-- What was the comment table becomes the partition of comments posted here: ids from comment_seq,
-- below 10^15. Each import's comments take ids in a range of their own above that.
alter table comment rename to comment_live;
alter table comment_live rename constraint comment_pkey to comment_pkey_live;
alter index comment_id rename to comment_id_live;
alter index comment_thread_roots rename to comment_thread_roots_live;
alter index comment_thread_members rename to comment_thread_members_live;
alter index comment_queue_commenter rename to comment_queue_commenter_live;
alter index comment_author_email rename to comment_author_email_live;
alter index comment_reported rename to comment_reported_live;
alter index comment_same_text rename to comment_same_text_live;
alter index comment_author_ip rename to comment_author_ip_live;
alter index comment_best_roots rename to comment_best_roots_live;
alter index comment_featured rename to comment_featured_live;
alter index comment_queue rename to comment_queue_live;
alter index comment_queue_article rename to comment_queue_article_live;
alter index comment_queue_priority rename to comment_queue_priority_live;

-- what refers to comments, and their triggers, move to the partitioned table below
alter table moderation_event drop constraint moderation_event_article_id_comment_id_fkey;
alter table comment_flag drop constraint comment_flag_article_id_comment_id_fkey;
alter table comment_claim drop constraint comment_claim_article_id_comment_id_fkey;
alter table comment_like drop constraint comment_like_comment_id_fkey;
-- A reply's key to its parent is not carried over. PostgreSQL would check it for every row of an
-- import's partition while attaching it, under a lock that stops new comments (2.2 s for a million
-- comments, measured), and cannot keep such a key NOT VALID on a partitioned table. The writers
-- accept a reply only to a parent of the same article that they have read, the import resolves
-- parents itself, and retention never deletes a comment that has replies.
alter table comment_live drop constraint comment_article_id_parent_id_fkey;
drop trigger comment_thread_change on comment_live;
drop trigger comment_author_history on comment_live;
drop trigger comment_author_history_inserts on comment_live;

create table comment (like comment_live including defaults including constraints including storage) partition by range (id);
alter table comment add primary key (article_id, id);
create unique index comment_id on comment (id);
create index comment_thread_roots on comment (article_id, created_at, id) where parent_id is null;
create index comment_thread_members on comment (article_id, root_id);
create index comment_queue_commenter on comment (commenter_id, status, created_at, id);
create index comment_author_email on comment (lower(author_email));
create index comment_reported on comment (status, created_at, id) where flag_count > 0;
create index comment_same_text on comment (article_id, md5(body)) where body is not null;
create index comment_author_ip on comment (author_ip) where author_ip is not null;
create index comment_best_roots on comment (article_id, coalesce(best_at, created_at), id) where parent_id is null;
create index comment_featured on comment (article_id, featured_at desc) where featured_at is not null;
create index comment_queue on comment (status, created_at, id);
create index comment_queue_article on comment (article_id, status, created_at, id);
create index comment_queue_priority on comment (status, (-flag_count), (-coalesce(spam_score, 0)), created_at, id);

-- the partition's keys to articles and commenters become the parent's when it is attached (not checked again)
alter table comment add constraint comment_article_id_fkey foreign key (article_id) references article (id);
alter table comment add constraint comment_commenter_id_fkey foreign key (commenter_id) references commenter (id);

-- the check lets ATTACH skip its scan for the partition's bound
alter table comment_live add constraint comment_live_ids check (id < 1000000000000000);
alter table comment attach partition comment_live for values from (minvalue) to (1000000000000000);

alter table moderation_event add foreign key (article_id, comment_id) references comment (article_id, id);
alter table comment_flag add foreign key (article_id, comment_id) references comment (article_id, id);
alter table comment_claim add foreign key (article_id, comment_id) references comment (article_id, id) on delete cascade;
alter table comment_like add foreign key (comment_id) references comment (id) on delete cascade;

create trigger comment_thread_change after insert or update or delete on comment
    for each row execute function notify_thread_change();
create trigger comment_author_history after update or delete on comment
    for each row execute function count_author_history();
create trigger comment_author_history_inserts after insert on comment referencing new table as new_comments
    for each statement execute function count_author_history_inserts();
alter table comment enable always trigger comment_author_history;
alter table comment enable always trigger comment_author_history_inserts;
