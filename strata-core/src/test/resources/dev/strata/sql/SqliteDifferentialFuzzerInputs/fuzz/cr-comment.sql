DELETE FROM acct -- noteWHERE id = 42;
