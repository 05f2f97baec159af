DROP TRIGGER update_users_updated_at ON users;
DROP INDEX idx_users_created_at;
DROP TABLE users;
