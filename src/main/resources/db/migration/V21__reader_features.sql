-- What readers expect of a thread: likes, editors' picks (featured, optionally pinned on top) and a
-- chosen default order.

-- The count lives on the comment, so a page reads it with the comment; comment_like makes it one
-- like per reader.
alter table comment
    add column like_count  integer     not null default 0 check (like_count >= 0),
    -- the time "best first" ranks the comment at: created_at moved later by 12.5 hours for each
    -- tenfold of likes (null: no likes, created_at); kept by the statements that count likes
    add column best_at     timestamptz,
    add column featured_at timestamptz,
    add column featured_by text,
    add column pinned      boolean     not null default false;

create table comment_like (
    comment_id   bigint      not null references comment (id) on delete cascade,
    commenter_id bigint      not null references commenter (id),
    created_at   timestamptz not null,
    primary key (comment_id, commenter_id)
);
-- everything one reader liked (their own view of a page, a request for their data)
create index comment_like_commenter on comment_like (commenter_id);

-- top-level threads in "best" order, as comment_thread_roots serves the time orders
create index comment_best_roots on comment (article_id, coalesce(best_at, created_at), id) where parent_id is null;

create index comment_featured on comment (article_id, featured_at desc) where featured_at is not null;

-- null: the site's default order (moderation settings)
alter table article add column default_sort text check (default_sort in ('oldest', 'newest', 'best'));

-- A like changes only like_count (by a plain UPDATE, so the row's version stays): telling every
-- replica to drop the article's cached pages on each click would make a popular comment empty the
-- cache of a viral thread many times a second. Cached pages show counts at most their TTL old.
create or replace function notify_thread_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.version = old.version and new.like_count <> old.like_count then
        return null;
    end if;
    if tg_op <> 'INSERT' then
        if old.status in ('APPROVED', 'DELETED') then
            perform pg_notify('parley_thread', old.article_id);
            return null;
        end if;
    end if;
    if tg_op <> 'DELETE' then
        if new.status in ('APPROVED', 'DELETED') then
            perform pg_notify('parley_thread', new.article_id);
        end if;
    end if;
    return null;
end
$$;
