CREATE TRIGGER t AFTER INSERT ON a BEGIN
  UPDATE a SET n = n + 1; -- inside
  SELECT CASE WHEN 1 THEN 'x;y' END;
END;
SELECT "q;" , `b;`, [c;], X'00';
/* c; */ -- strata:no-transaction
