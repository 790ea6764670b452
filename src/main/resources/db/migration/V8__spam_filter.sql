-- The learning spam filter's model: how often each feature was seen in spam and in ham, shared by replicas.
create table spam_token (
    token text    primary key,
    spam  integer not null default 0,
    ham   integer not null default 0
);
create table spam_corpus (
    id        integer primary key check (id = 1),
    spam_docs integer not null default 0,
    ham_docs  integer not null default 0
);
insert into spam_corpus (id) values (1);

-- what the filter learnt from each comment, so a changed decision can be unlearnt
alter table comment add column trained_as text check (trained_as in ('spam', 'ham'));
