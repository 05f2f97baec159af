ALTER TABLE oidc_clients ADD COLUMN dark_image_type TEXT;
