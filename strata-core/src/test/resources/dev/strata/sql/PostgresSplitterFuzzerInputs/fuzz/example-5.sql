DROP TRIGGER update_triggers_updated_at ON triggers;
DROP INDEX idx_triggers_chain_registry;
DROP INDEX idx_triggers_user_id;
DROP TABLE triggers;
