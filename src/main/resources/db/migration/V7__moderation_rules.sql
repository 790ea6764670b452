-- The moderation settings document (one row); fields left out take the defaults in code.
create table moderation_settings (
    id         integer     primary key check (id = 1),
    doc        jsonb       not null default '{}',
    version    integer     not null default 0,
    updated_at timestamptz not null default now(),
    updated_by text
);
insert into moderation_settings (id) values (1);

-- Bans by commenter, email, IP or CIDR; an expired ban stops applying by itself.
create sequence ban_seq increment by 50;
create table ban (
    id         bigint      primary key,
    kind       text        not null check (kind in ('commenter', 'email', 'ip')),
    value      text        not null,
    network    inet,
    reason     text,
    expires_at timestamptz,
    created_at timestamptz not null,
    created_by text        not null
);
create index ban_value on ban (kind, lower(value));
create index ban_network on ban using gist (network inet_ops) where network is not null;

-- Settings and ban changes, by whom.
create sequence admin_event_seq increment by 50;
create table admin_event (
    id         bigint      primary key,
    actor      text        not null,
    action     text        not null,
    detail     jsonb       not null,
    created_at timestamptz not null
);
create index admin_event_time on admin_event (created_at);

-- Flood control shared by every replica: the last accepted comment per identity and per IP.
create table flood_gate (
    key     text        primary key,
    last_at timestamptz not null
);

-- One report per reader per comment.
create table comment_flag (
    article_id text        not null,
    comment_id bigint      not null,
    reporter   text        not null,
    reason     text        not null check (reason in ('offensive', 'abusive', 'spam', 'other')),
    note       text,
    created_at timestamptz not null,
    primary key (article_id, comment_id, reporter),
    foreign key (article_id, comment_id) references comment (article_id, id)
);
create index comment_reported on comment (status, created_at, id) where flag_count > 0;

-- duplicate detection: the same text by the same author on the same article
create index comment_same_text on comment (article_id, md5(body)) where body is not null;
