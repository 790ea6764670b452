-- The first 2xx answer to a POST carrying an Idempotency-Key, replayed for retries with the same body.
-- The row is written in the same transaction as the comment, so concurrent retries wait on the key.
create table idempotency_key (
    key          text        primary key,
    request_hash text        not null,
    status       integer,
    response     jsonb,
    commenter_id bigint,
    created_at   timestamptz not null
);

create index idempotency_key_created on idempotency_key (created_at);
