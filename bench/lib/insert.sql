-- write-ceiling: the same row a guest submission stores, one INSERT per transaction (pgbench)
\set n random(1, 1000000000)
insert into bench_comment (id, article_id, depth, commenter_id, status, body, html, author_name, author_email, author_ip,
                           reasons, created_at)
values (nextval('bench_comment_seq'), 'bench-write', 0, 1, 'PENDING',
        'Comment ' || :n || ': the council should publish the lighthouse budget before spring, so that readers can judge the cost for themselves.',
        '<p>Comment ' || :n || ': the council should publish the lighthouse budget before spring, so that readers can judge the cost for themselves.</p>',
        'Writer ' || :n, 'w' || :n || '@example.com', '10.1.2.3', '[{"code":"FIRST_COMMENT","text":"First comment."}]', now());
