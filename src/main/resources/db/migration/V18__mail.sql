-- "Notify me of new comments via email": a comment's author may ask for its replies (the default)
-- or for every new comment on the article.
alter table comment add column notify_article boolean not null default false;

-- A reader's subscription, double opt-in: created when their comment is published, confirmed by the
-- link in the mail that asks (once, within 48 hours). Replies wait as notices until the next mail.
create table subscription (
    id                 bigint      generated always as identity primary key,
    email              text        not null,
    article_id         text        not null references article (id),
    comment_id         bigint,               -- replies to this comment; null: every new comment on the article
    status             text        not null check (status in ('confirming', 'confirmed', 'unsubscribed')),
    confirm_hash       bytea       unique,   -- SHA-256 of the confirmation link's token, until it is used
    confirm_expires_at timestamptz,
    unsubscribe_token  text        not null unique, -- only unsubscribes: kept as is, every mail carries it
    next_mail_at       timestamptz,          -- replies are gathered until then
    created_at         timestamptz not null,
    confirmed_at       timestamptz,
    unsubscribed_at    timestamptz
);

create unique index subscription_once on subscription (lower(email), article_id, coalesce(comment_id, 0));
create index subscription_comment on subscription (comment_id) where status = 'confirmed';
create index subscription_article on subscription (article_id) where status = 'confirmed' and comment_id is null;

create table reply_notice (
    subscription_id bigint      not null references subscription (id) on delete cascade,
    comment_id      bigint      not null,
    created_at      timestamptz not null,
    primary key (subscription_id, comment_id)
);

-- Every mail Parley sends, rendered when its cause committed and sent by workers with retries: a
-- failing SMTP server delays mail, it never loses it or holds up what caused it.
create table outgoing_mail (
    id              bigint      generated always as identity primary key,
    kind            text        not null,   -- confirm, replies, alert, digest, webhook-disabled
    to_address      text        not null,
    subject         text        not null,
    text_body       text        not null,
    html_body       text        not null,
    headers         jsonb       not null default '{}',
    status          text        not null check (status in ('pending', 'sent', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,            -- while pending; also the lease of the worker sending it
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);

create index outgoing_mail_due on outgoing_mail (next_attempt_at) where status = 'pending';

-- Moderator digests: the replica that records a period first sends its mails.
create table alert_digest (
    mode       text        not null,
    period     timestamptz not null,
    created_at timestamptz not null,
    primary key (mode, period)
);

-- outgoing mail wakes the workers as events do
create trigger outgoing_mail_written after insert on outgoing_mail
    for each statement execute function notify_outbox();
