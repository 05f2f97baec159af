ALTER TABLE api_keys
DROP COLUMN IF EXISTS expiration_email_sent;