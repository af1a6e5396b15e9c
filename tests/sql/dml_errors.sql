-- INSERT, UPDATE, DELETE, MERGE and COPY (which the server does not run yet)
-- report a missing table first, as PostgreSQL does, in all their forms.
INSERT INTO dml_no_such AS x (a, b[1]) VALUES (1, DEFAULT) ON CONFLICT DO NOTHING RETURNING *;
INSERT INTO dml_no_such DEFAULT VALUES;
WITH w AS (SELECT 1) INSERT INTO dml_no_such SELECT * FROM w;
UPDATE ONLY dml_no_such AS u SET (a, b) = (1, 2) FROM pg_class WHERE false;
UPDATE dml_no_such SET a = DEFAULT WHERE CURRENT OF c;
DELETE FROM dml_no_such d USING pg_class RETURNING d.*;
MERGE INTO dml_no_such t USING pg_class c ON false WHEN MATCHED THEN DELETE;
COPY dml_no_such (a, b) FROM STDIN;
COPY BINARY dml_no_such TO STDOUT;
COPY dml_no_such FROM STDIN WITH (FORMAT csv) WHERE a > 1;
-- The WITH clause is analyzed first.
WITH w AS (SELECT * FROM dml_no_such_either) INSERT INTO dml_no_such SELECT 1;
WITH w AS (SELECT nosuchcol FROM (SELECT 1) s) UPDATE dml_no_such SET a = 1;
WITH w AS (SELECT 1), w AS (SELECT 2) DELETE FROM dml_no_such;
WITH w AS (SELECT ARRAY[1]) DELETE FROM dml_no_such;
WITH m AS (MERGE INTO dml_no_such USING pg_class ON true WHEN MATCHED THEN DELETE) DELETE FROM dml_no_such;
-- Errors of the grammar.
INSERT INTO dml_no_such (a) DEFAULT VALUES;
COPY dml_no_such TO STDOUT WHERE a > 1;
COPY dml_no_such FROM PROGRAM STDIN;
MERGE INTO dml_no_such USING pg_class ON true WHEN NOT MATCHED THEN DELETE;
-- DEFAULT outside an INSERT's VALUES and an UPDATE's SET.
SELECT DEFAULT;
SELECT 1 + DEFAULT;
VALUES (DEFAULT);
-- MERGE cannot be a WITH query.
WITH m AS (MERGE INTO dml_no_such USING pg_class ON true WHEN MATCHED THEN DELETE) SELECT 1;
select 'still connected';
