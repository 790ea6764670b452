-- The author history's counting of new comments, as SQL that names the table they are in. The
-- statement trigger on comment counts each batch's transition table with it; an import counts its
-- job's table with it once, when the job is published. Counting each imported batch of 5,000 as it
-- was created (the trigger on the job's table) took 30 of an import's 82 s for a million comments:
-- the same authors' rows were updated batch after batch (bench/README.md).
create function author_history_counting(comments text) returns text language sql immutable as $$
select format($q$
    insert into author_history as h (author_key, approved, pending, spam, rejected)
    select case when p.provider = 'guest' then 'email:' || lower(coalesce(n.author_email, '')) else 'commenter:' || p.id end,
           count(*) filter (where n.status = 'APPROVED'), count(*) filter (where n.status = 'PENDING'),
           count(*) filter (where n.status = 'SPAM'), count(*) filter (where n.status = 'REJECTED')
    from %s n join commenter p on p.id = n.commenter_id
    where n.status <> 'DELETED'
    group by 1
    order by 1
    on conflict (author_key) do update set approved = h.approved + excluded.approved, pending = h.pending + excluded.pending,
                                           spam = h.spam + excluded.spam, rejected = h.rejected + excluded.rejected$q$, comments)
$$;

-- The trigger's body is that SQL, written in when the function is created (as V11 wrote it by
-- hand), so that PL/pgSQL keeps its plan: a per-batch EXECUTE would plan it for every batch.
do $do$
begin
    execute format($f$
        create or replace function count_author_history_inserts() returns trigger language plpgsql as $body$
        begin
            %s;
            return null;
        end
        $body$
    $f$, author_history_counting('new_comments'));
end
$do$;
