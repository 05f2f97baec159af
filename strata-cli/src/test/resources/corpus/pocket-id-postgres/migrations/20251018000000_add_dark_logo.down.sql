ALTER TABLE oidc_clients DROP COLUMN dark_image_type;
