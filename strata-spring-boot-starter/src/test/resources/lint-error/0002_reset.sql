-- Meant to remove one test account.
DELETE FROM users;
