-- The flood gate is a rate limit, not a record: each accepted comment upserts a row per identity
-- and per address, and the write benchmark measured those upserts at a ninth of a comment's WAL.
-- Unlogged, they write none. A crash (or a failover to a standby) empties the table, so for one
-- flood interval afterwards a writer may post twice in quick succession; nothing else is lost.
alter table flood_gate set unlogged;
