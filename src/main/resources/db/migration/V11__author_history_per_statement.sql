-- New comments arrive in batches (group commit, one multi-row INSERT): count them once per
-- statement instead of once per row. Keys are upserted in sorted order, so that concurrent
-- batches lock author records in the same order. Updates and deletes keep the row trigger.
create function count_author_history_inserts() returns trigger language plpgsql as $$
begin
    insert into author_history as h (author_key, approved, pending, spam, rejected)
    select case when p.provider = 'guest' then 'email:' || lower(coalesce(n.author_email, '')) else 'commenter:' || p.id end,
           count(*) filter (where n.status = 'APPROVED'), count(*) filter (where n.status = 'PENDING'),
           count(*) filter (where n.status = 'SPAM'), count(*) filter (where n.status = 'REJECTED')
    from new_comments n join commenter p on p.id = n.commenter_id
    where n.status <> 'DELETED'
    group by 1
    order by 1
    on conflict (author_key) do update set approved = h.approved + excluded.approved, pending = h.pending + excluded.pending,
                                           spam = h.spam + excluded.spam, rejected = h.rejected + excluded.rejected;
    return null;
end
$$;

drop trigger comment_author_history on comment;
create trigger comment_author_history after update or delete on comment
    for each row execute function count_author_history();
create trigger comment_author_history_inserts after insert on comment referencing new table as new_comments
    for each statement execute function count_author_history_inserts();
