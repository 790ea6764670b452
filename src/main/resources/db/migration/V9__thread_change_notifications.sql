-- Every replica caches the public thread of busy articles. Whatever changes what readers see
-- (a published comment added, edited, withdrawn, deleted), however it is changed, tells every
-- replica at commit through NOTIFY, so each one drops that article's cached pages.
create function notify_thread_change() returns trigger language plpgsql as $$
begin
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

create trigger comment_thread_change after insert or update or delete on comment
    for each row execute function notify_thread_change();
