-- Bringing comments in (imports of WordPress WXR and Disqus exports) and answering for personal data.

-- One import job per upload. Its file lives in the import directory of the replica that received it
-- (a shared or persistent volume in production), so a job interrupted by a restart resumes there.
create table import_job (
    id           bigint generated always as identity primary key,
    format       text        not null check (format in ('wxr', 'disqus')),
    status       text        not null check (status in ('queued', 'running', 'done', 'failed')),
    file         text        not null,
    size         bigint      not null,
    options      jsonb       not null default '{}',
    created_by   text        not null,
    created_at   timestamptz not null,
    started_at   timestamptz,
    finished_at  timestamptz,
    -- a running job's worker renews this; a job whose worker stopped renewing is taken over
    heartbeat_at timestamptz,
    -- comments and threads staged so far: where a resumed job starts reading again
    staged       bigint      not null default 0,
    progress     double precision not null default 0,
    counts       jsonb       not null default '{}',
    errors       jsonb       not null default '[]',
    failure      text
);
-- one import at a time for the site
create unique index import_job_one_at_a_time on import_job ((true)) where status in ('queued', 'running');

-- What a job has read, before it becomes comments in one transaction at the end.
create table import_thread (
    job_id     bigint not null references import_job (id) on delete cascade,
    source_key text   not null,
    article_id text   not null,
    title      text,
    url        text,
    primary key (job_id, source_key)
);

create table import_row (
    job_id           bigint      not null references import_job (id) on delete cascade,
    seq              bigint      not null,
    comment_id       bigint      not null,
    source_id        text        not null,
    parent_source_id text,
    thread_key       text        not null,
    author_name      text        not null,
    author_email     text,
    author_url       text,
    author_ip        inet,
    user_agent       text,
    created_at       timestamptz not null,
    status           text        not null,
    body             text,
    html             text,
    line             integer,
    primary key (job_id, seq)
);

-- Every comment an import created, by its id in the source: importing a file again adds nothing twice.
create table import_source (
    format     text   not null,
    source_id  text   not null,
    comment_id bigint not null,
    primary key (format, source_id)
);
create index import_source_comment on import_source (comment_id);

-- Imported authors, by email (or, without one, by name and website): one commenter each.
create table import_author (
    author_key   text   primary key,
    commenter_id bigint not null references commenter (id)
);

-- A reader's request, proved by a link mailed to the address, for their data or its erasure.
create table privacy_request (
    id         bigint      generated always as identity primary key,
    email      text        not null,
    kind       text        not null check (kind in ('access', 'erasure')),
    token_hash bytea       not null unique,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index privacy_request_email on privacy_request (lower(email), created_at);
