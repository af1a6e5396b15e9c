-- CREATE TEMP TABLE: the session's pg_temp schema, searched before the others.
CREATE TEMP TABLE tmpt (a int DEFAULT 7, b text);
INSERT INTO tmpt (b) VALUES ('x'), ('y');
SELECT * FROM tmpt ORDER BY b;
CREATE TABLE tmpt (c text);
SELECT * FROM tmpt ORDER BY b;
SELECT count(*) FROM pg_class WHERE relname = 'tmpt' AND relpersistence = 't';
CREATE TEMP TABLE public.tmpt2 (a int);
CREATE TABLE pg_temp.tmpt3 (a int);
SELECT relpersistence FROM pg_class WHERE relname = 'tmpt3';
CREATE TEMP TABLE tmpt4 (a int) ON COMMIT PRESERVE ROWS;
BEGIN;
CREATE TEMP TABLE tmpt5 (a int);
ROLLBACK;
SELECT * FROM tmpt5;
DROP TABLE tmpt;
SELECT * FROM tmpt;
DROP TABLE tmpt, tmpt3, tmpt4;
DROP TABLE public.tmpt;
