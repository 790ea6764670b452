-- Webhook endpoints the newsroom registered, one delivery per endpoint and event (its exact body,
-- signed anew at each attempt), and every attempt's outcome. Standard Webhooks 1.0.
create table webhook_endpoint (
    id                    bigint      generated always as identity primary key,
    url                   text        not null,
    description           text,
    events                text[]      not null,
    secret                text        not null,
    previous_secret       text,        -- still signed with until previous_secret_until (rotation)
    previous_secret_until timestamptz,
    enabled               boolean     not null default true,
    disabled_reason       text,
    failing_since         timestamptz, -- the first failure since the last success
    owner_email           text,        -- told when the endpoint is disabled for failing
    created_by            text        not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create table webhook_delivery (
    id               bigint      generated always as identity primary key,
    endpoint_id      bigint      not null references webhook_endpoint (id) on delete cascade,
    event_id         bigint      not null, -- outbox_event.id: webhook-id is evt_<event_id>
    type             text        not null,
    body             text        not null,
    status           text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,          -- while pending; also the lease of the worker sending it
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (endpoint_id, event_id)
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, id desc);

create table webhook_attempt (
    id               bigint      generated always as identity primary key,
    delivery_id      bigint      not null references webhook_delivery (id) on delete cascade,
    attempted_at     timestamptz not null,
    status_code      integer,              -- null when no answer came
    duration_ms      integer     not null,
    error            text,                 -- what went wrong, in a few words
    response_excerpt text                  -- the first 200 printable characters of the answer
);

create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
