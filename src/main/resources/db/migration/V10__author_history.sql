-- The queue shows each author's record (approved, pending, spam, rejected). Counting it from the
-- comment table costs a scan of every comment of the page's authors; these counters are kept by
-- the database itself, whatever path changes a comment, and read by primary key.
-- A guest's record follows their email address (each browser is a new guest); a login's, the account.
create table author_history (
    author_key text   primary key,
    approved   bigint not null default 0,
    pending    bigint not null default 0,
    spam       bigint not null default 0,
    rejected   bigint not null default 0
);

create function author_history_key(commenter_id bigint, author_email text) returns text language sql stable as $$
    select case when p.provider = 'guest' then 'email:' || lower(coalesce(author_email, ''))
                else 'commenter:' || p.id end
    from commenter p where p.id = commenter_id
$$;

create function author_history_add(author_key text, status text, delta integer) returns void language sql as $$
    insert into author_history as h (author_key, approved, pending, spam, rejected)
    values (author_key,
            case when status = 'APPROVED' then delta else 0 end, case when status = 'PENDING' then delta else 0 end,
            case when status = 'SPAM' then delta else 0 end, case when status = 'REJECTED' then delta else 0 end)
    on conflict (author_key) do update set approved = h.approved + excluded.approved, pending = h.pending + excluded.pending,
                                           spam = h.spam + excluded.spam, rejected = h.rejected + excluded.rejected
$$;

create function count_author_history() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if old.status = new.status and old.commenter_id = new.commenter_id
                and old.author_email is not distinct from new.author_email then
            return null;
        end if;
    end if;
    if tg_op <> 'INSERT' and old.status <> 'DELETED' then
        perform author_history_add(author_history_key(old.commenter_id, old.author_email), old.status, -1);
    end if;
    if tg_op <> 'DELETE' then
        if new.status <> 'DELETED' then
            perform author_history_add(author_history_key(new.commenter_id, new.author_email), new.status, 1);
        end if;
    end if;
    return null;
end
$$;

create trigger comment_author_history after insert or update or delete on comment
    for each row execute function count_author_history();

insert into author_history (author_key, approved, pending, spam, rejected)
select author_history_key(c.commenter_id, c.author_email),
       count(*) filter (where c.status = 'APPROVED'), count(*) filter (where c.status = 'PENDING'),
       count(*) filter (where c.status = 'SPAM'), count(*) filter (where c.status = 'REJECTED')
from comment c
group by 1;
