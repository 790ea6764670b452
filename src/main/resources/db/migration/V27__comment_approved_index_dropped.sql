-- Every comment written (a submission, an imported comment) updates every index of the table, and this
-- one only repeated the first columns of a wider one: comment_queue_article (article_id, status,
-- created_at, id) answers the published counts per article as well, from the index alone.
drop index comment_approved;
