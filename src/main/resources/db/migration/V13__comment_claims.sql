-- A moderator reviewing a comment holds a short, renewable lease on it, so that two moderators do
-- not review the same comment at once; the console skips comments others are reviewing.
create table comment_claim (
    article_id text        not null,
    comment_id bigint      not null,
    moderator  text        not null,
    name       text        not null,
    expires_at timestamptz not null,
    primary key (article_id, comment_id),
    foreign key (article_id, comment_id) references comment (article_id, id) on delete cascade
);

create unique index comment_claim_comment on comment_claim (comment_id);
