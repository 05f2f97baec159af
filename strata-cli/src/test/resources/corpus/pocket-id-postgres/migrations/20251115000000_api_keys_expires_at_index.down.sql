DROP INDEX idx_api_keys_expires_at;
