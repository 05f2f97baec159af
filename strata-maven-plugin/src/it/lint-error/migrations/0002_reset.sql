-- Meant to reset one account.
DELETE FROM accounts;
