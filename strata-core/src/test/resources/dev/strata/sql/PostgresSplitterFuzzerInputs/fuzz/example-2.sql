-- Shared helper for every table with an updated_at column: a BEFORE UPDATE
-- trigger calls it to stamp the row with the time of the change.
CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
