DROP TRIGGER events_notify_trigger ON events;
DROP FUNCTION notify_new_event();
DROP INDEX idx_events_registry_type;
DROP INDEX idx_events_chain_block;
DROP TABLE events;
