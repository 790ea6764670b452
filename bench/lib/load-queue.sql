-- The queue scenario: :total comments over 1,000 articles and 20,000 guests, a tenth of them
-- pending (the rest published, spam or rejected), spread over the last 30 days.
set session_replication_role = replica;
insert into article (id, url, created_at)
select 'bench-q-' || a, 'http://localhost:8080/news/bench-q-' || a, now() - interval '31 days' from generate_series(0, 999) a
on conflict do nothing;
insert into commenter (id, provider, name, email, created_at, updated_at)
select 910000000000 + g, 'guest', 'Guest ' || g, 'guest' || g || '@example.com', now(), now()
from generate_series(0, 19999) g on conflict do nothing;
insert into comment (id, article_id, depth, commenter_id, status, body, html, author_name, author_email, author_ip,
                     reasons, created_at)
select 700000000000 + n, 'bench-q-' || (n % 1000), 0, 910000000000 + (n * 7919) % 20000,
       (array['PENDING', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'SPAM',
              'REJECTED'])[1 + n % 10],
       'Queue comment ' || n || ' about the harbour, the lighthouse and the council budget.',
       '<p>Queue comment ' || n || ' about the harbour, the lighthouse and the council budget.</p>',
       'Guest ' || (n * 7919) % 20000, 'guest' || (n * 7919) % 20000 || '@example.com',
       ('10.' || (n % 250) || '.' || (n / 250 % 250) || '.1')::inet,
       case when n % 10 = 0 then '[{"code":"FIRST_COMMENT","text":"First comment of this author."}]' else '[]' end::jsonb,
       now() - make_interval(secs => (:total - n) * (2592000.0 / :total))
from generate_series(1::bigint, :total) n
on conflict do nothing;
set session_replication_role = origin;
-- the counters the trigger would have kept
truncate author_history;
insert into author_history (author_key, approved, pending, spam, rejected)
select author_history_key(c.commenter_id, c.author_email),
       count(*) filter (where c.status = 'APPROVED'), count(*) filter (where c.status = 'PENDING'),
       count(*) filter (where c.status = 'SPAM'), count(*) filter (where c.status = 'REJECTED')
from comment c group by 1;
vacuum analyze comment;
vacuum analyze author_history;
