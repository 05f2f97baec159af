-- Blockchain events as the indexer saw them. Rows are only ever added.
CREATE TABLE events (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    chain_id INTEGER NOT NULL,
    block_number BIGINT NOT NULL,
    block_hash VARCHAR(66) NOT NULL,
    transaction_hash VARCHAR(66) NOT NULL,
    log_index INTEGER NOT NULL,
    registry VARCHAR(32) NOT NULL,
    event_type VARCHAR(64) NOT NULL,
    agent_id TEXT,
    event_data JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    -- The same log seen twice (an indexer restart) is one event.
    UNIQUE (chain_id, transaction_hash, log_index)
);

CREATE INDEX idx_events_chain_block ON events(chain_id, block_number DESC);
CREATE INDEX idx_events_registry_type ON events(registry, event_type);

-- Wakes listeners (LISTEN new_event) as soon as an event is stored, so the
-- trigger processor need not poll. The payload is kept small: NOTIFY payloads
-- are limited to 8000 bytes, so listeners read the rest from the table.
CREATE OR REPLACE FUNCTION notify_new_event()
RETURNS TRIGGER AS $body$
BEGIN
    PERFORM pg_notify(
        'new_event',
        json_build_object(
            'id', NEW.id,
            'chain_id', NEW.chain_id,
            'block_number', NEW.block_number,
            'registry', NEW.registry,
            'event_type', NEW.event_type
        )::text
    );
    RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

CREATE TRIGGER events_notify_trigger
    AFTER INSERT ON events
    FOR EACH ROW
    EXECUTE FUNCTION notify_new_event();
