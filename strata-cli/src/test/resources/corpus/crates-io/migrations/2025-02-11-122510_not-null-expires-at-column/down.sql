alter table crate_owner_invitations alter column expires_at drop not null;
