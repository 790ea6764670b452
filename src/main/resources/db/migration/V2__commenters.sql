-- A commenter is a guest (one per browser session) or a social login (provider + provider user id).
create sequence commenter_seq increment by 50;

create table commenter (
    id               bigint primary key,
    provider         text        not null check (provider in ('guest', 'twitter', 'facebook')),
    provider_user_id text,
    name             text        not null,
    email            text,
    website          text,
    avatar_url       text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create unique index commenter_provider_user on commenter (provider, provider_user_id)
    where provider_user_id is not null;

-- Commenter tokens are opaque; only their SHA-256 is stored so a database leak reveals no session.
create sequence commenter_session_seq increment by 50;

create table commenter_session (
    id           bigint primary key,
    commenter_id bigint      not null references commenter (id),
    token_hash   bytea       not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);

create index commenter_session_commenter on commenter_session (commenter_id);
