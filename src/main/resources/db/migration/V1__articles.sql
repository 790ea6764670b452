-- An article is the page a comment thread belongs to; ids are the newsroom's own.
create table article (
    id               text primary key,
    url              text,
    title            text,
    closed           boolean     not null default false,
    pre_moderation   boolean     not null default false,
    created_at       timestamptz not null default now(),
    first_comment_at timestamptz
);
