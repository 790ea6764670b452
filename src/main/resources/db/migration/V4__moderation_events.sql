-- Every status change, by the pipeline ('system') or a moderator (JWT subject).
create sequence moderation_event_seq increment by 50;

create table moderation_event (
    id          bigint      primary key,
    article_id  text        not null,
    comment_id  bigint      not null,
    actor       text        not null,
    from_status text,
    to_status   text        not null,
    reasons     jsonb       not null default '[]',
    note        text,
    created_at  timestamptz not null,
    foreign key (article_id, comment_id) references comment (article_id, id)
);

create index moderation_event_comment on moderation_event (article_id, comment_id, created_at);
create index moderation_event_time on moderation_event (created_at);
