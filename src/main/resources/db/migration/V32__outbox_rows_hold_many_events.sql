-- A row of the outbox holds the events of one transaction: a JSON array of
-- {article_id, comment_id, types, data}, the data written once for all of a comment's types (a new
-- comment is comment.created and comment.held, or published). The writer's batch of new comments,
-- two events each, wrote two rows per comment with their index entries, and the dispatcher deleted
-- them one by one: a sixth of the batch's WAL records. An event's id (webhook-id evt_<id>) is its
-- row's id times 1024 plus its place in the row (OutboxEvent), so ids still grow in commit order;
-- the rows waiting here are the latest, and their ids times 1024 lie above every id dispatched before.
alter table outbox_event add column events jsonb;
update outbox_event set events = jsonb_build_array(jsonb_build_object(
    'article_id', article_id, 'comment_id', comment_id, 'types', jsonb_build_array(type), 'data', data));
alter table outbox_event
    alter column events set not null,
    drop column type,
    drop column article_id,
    drop column comment_id,
    drop column data;
