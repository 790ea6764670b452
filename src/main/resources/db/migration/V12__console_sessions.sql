-- Moderators signed in to the console: the browser holds a random token, the database its SHA-256.
-- The CSRF token goes with every state-changing request the console makes.
create table console_session (
    token_hash  bytea       primary key,
    subject     text        not null,
    name        text        not null,
    email       text,
    roles       text        not null,
    csrf_token  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);

create index console_session_expiry on console_session (expires_at);
