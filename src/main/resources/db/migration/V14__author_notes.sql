-- Moderators' notes about an author, shown in the console's author panel.
create sequence author_note_seq increment by 50;
create table author_note (
    id           bigint      primary key,
    commenter_id bigint      not null references commenter (id) on delete cascade,
    moderator    text        not null,
    name         text        not null,
    text         text        not null,
    created_at   timestamptz not null
);
create index author_note_commenter on author_note (commenter_id, created_at);

-- "Other authors seen on the same IP" in the author panel
create index comment_author_ip on comment (author_ip) where author_ip is not null;
