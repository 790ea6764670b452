-- The transactional outbox: what happened, written in the transaction that made it happen, so an
-- event exists if and only if its change committed. Workers on every replica claim undispatched
-- rows with FOR UPDATE SKIP LOCKED and hand them to mail, webhooks and live streams; rows stay a
-- while after dispatch (parley.outbox.retention) for inspection and replay.
create table outbox_event (
    id            bigint      generated always as identity primary key,
    type          text        not null,
    article_id    text,
    comment_id    bigint,
    data          jsonb       not null,
    created_at    timestamptz not null,
    dispatched_at timestamptz
);

create index outbox_event_waiting on outbox_event (id) where dispatched_at is null;
create index outbox_event_dispatched on outbox_event (dispatched_at) where dispatched_at is not null;

-- Wakes the workers of every replica at commit (PostgreSQL delivers NOTIFY only then, and once per
-- transaction for the same payload); they also poll, so a lost notification only delays delivery.
create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('parley_outbox', '');
    return null;
end
$$;

create trigger outbox_event_written after insert on outbox_event
    for each statement execute function notify_outbox();
