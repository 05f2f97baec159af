-- strata:no-transaction
VACUUM;
BEGIN;COMMIT;
;;
