-- Measured with bench/run.sh: the outbox and webhook deliveries as first written (V16, V17) cost
-- more than half of the write throughput. Now an event leaves the outbox when it is dispatched
-- (a delete: no new row version, no index entries), a delivery's last attempt is kept on the
-- delivery itself, and only failed attempts get a row of their own.
alter table outbox_event drop column dispatched_at; -- its two indexes go with it

alter table webhook_delivery
    add column last_attempt_at  timestamptz,
    add column last_duration_ms integer,
    add column last_excerpt     text;

comment on table webhook_attempt is 'Failed attempts; the last attempt of a delivery is also on the delivery.';

-- The same measurement: a NOTIFY inside the writers' transactions serialised their commits
-- (PostgreSQL holds a database-wide lock from a notifying transaction's pre-commit to its end, fsync
-- included). Workers are now woken after the commit: at once on the replica that committed, and on
-- the others by a NOTIFY sent on a connection of its own (DatabaseNotifications.notifySoon).
drop trigger outbox_event_written on outbox_event;
drop trigger outgoing_mail_written on outgoing_mail;
drop function notify_outbox();
