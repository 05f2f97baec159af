CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
BEGIN RETURN 1; END;
$body$;
SELECT E'it\'s', U&'d\0061t', $$a;b$$, $1;
/* outer /* inner; */ still; */
CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
