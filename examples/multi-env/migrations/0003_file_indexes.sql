CREATE INDEX idx_files_user_id ON files (user_id);
CREATE INDEX idx_audit_logs_user_id ON audit_logs (user_id, created_at);
