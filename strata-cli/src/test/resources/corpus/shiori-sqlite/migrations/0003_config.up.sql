ALTER TABLE account
    ADD config JSON NOT NULL DEFAULT '{}';

