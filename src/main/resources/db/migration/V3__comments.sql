-- article_id leads every key so the table can later be distributed by article (Citus).
create sequence comment_seq increment by 50;

create table comment (
    id             bigint      not null,
    article_id     text        not null references article (id),
    parent_id      bigint,
    root_id        bigint,     -- the thread's top-level comment; null on top-level comments
    depth          integer     not null check (depth >= 0),
    commenter_id   bigint      not null references commenter (id),
    status         text        not null check (status in ('PENDING', 'APPROVED', 'SPAM', 'REJECTED', 'DELETED')),
    body           text,
    html           text,
    author_name    text        not null,
    author_email   text,
    author_website text,
    author_ip      inet,
    user_agent     text,
    notify         boolean     not null default false,
    created_at     timestamptz not null,
    edited_at      timestamptz,
    deleted_at     timestamptz,
    version        integer     not null default 0,
    primary key (article_id, id),
    -- a reply and its parent always share the article
    foreign key (article_id, parent_id) references comment (article_id, id)
);

create unique index comment_id on comment (id);
-- top-level threads of an article in time order (public paging by thread)
create index comment_thread_roots on comment (article_id, created_at, id) where parent_id is null;
-- everything inside a page's threads
create index comment_thread_members on comment (article_id, root_id);
-- a reader's own comments, to show them theirs while pending
create index comment_commenter on comment (commenter_id, article_id);
create index comment_approved on comment (article_id) where status = 'APPROVED';
