DROP TABLE email_verification_tokens;
