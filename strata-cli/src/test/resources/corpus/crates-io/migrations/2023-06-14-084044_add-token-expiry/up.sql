ALTER TABLE api_tokens ADD expired_at TIMESTAMP;
