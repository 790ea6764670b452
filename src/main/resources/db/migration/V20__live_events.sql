-- Live events (package io.parley.live) are not stored: the outbox's dispatcher sends them with
-- NOTIFY parley_live in its own transaction, and every replica keeps the recent ones in memory for
-- clients that reconnect. Their ids come from this sequence, so they are the same on every replica.
create sequence live_event_seq;
