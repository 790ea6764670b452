-- The read scenario's article: 100 published comments (60 threads, 40 replies) of usual length.
-- Bench rows use ids far above the application's sequences, and skip the triggers (bulk load).
set session_replication_role = replica;
insert into article (id, url, created_at) values ('bench-read', 'http://localhost:8080/news/bench-read', now() - interval '1 day')
on conflict do nothing;
insert into commenter (id, provider, name, email, created_at, updated_at)
select 900000000000 + n, 'guest', 'Reader ' || n, 'reader' || n || '@example.com', now(), now()
from generate_series(1, 100) n on conflict do nothing;
insert into comment (id, article_id, parent_id, root_id, depth, commenter_id, status, body, html, author_name, author_email,
                     created_at)
select 800000000000 + n, 'bench-read',
       case when n > 60 then 800000000000 + (n - 60) end, case when n > 60 then 800000000000 + (n - 60) end,
       case when n > 60 then 1 else 0 end, 900000000000 + n, 'APPROVED', t.body, '<p>' || t.body || '</p>', 'Reader ' || n,
       'reader' || n || '@example.com', now() - make_interval(mins => 200 - n)
from generate_series(1, 100) n,
     lateral (select 'Comment ' || n || ': the council was right to keep the light on. Fishing crews still rely on it '
                     || 'on winter nights, and the cost is small next to a single rescue. I hope the harbour trust '
                     || 'agrees to share the bill, and that the solar panels arrive before spring as promised.' as body) t
on conflict do nothing;
set session_replication_role = origin;
analyze comment;
