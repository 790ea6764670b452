-- An endpoint's deliveries are listed newest event first, which the unique key (endpoint_id,
-- event_id) answers as it is; webhook_delivery_endpoint (endpoint_id, id desc) cost every delivery
-- an index entry when it was made and another when its attempt succeeded (a status change is never
-- a HOT update: status is in webhook_delivery_due's predicate).
drop index webhook_delivery_endpoint;
