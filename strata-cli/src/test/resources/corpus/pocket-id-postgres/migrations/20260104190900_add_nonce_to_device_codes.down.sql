ALTER TABLE oidc_device_codes DROP COLUMN nonce;
