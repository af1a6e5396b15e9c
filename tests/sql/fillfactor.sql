-- fillfactor: heap_insert leaves the rest of each page free.
-- (Page counts are chosen to agree with PostgreSQL although tuple headers
-- here are 8 bytes longer: 64-bit xmin/xmax.)
-- fillfactor leaves room on each page, where updates then fit
CREATE TABLE ro7 (a int, b text) WITH (fillfactor=10);
INSERT INTO ro7 SELECT g, repeat('x', 100) FROM generate_series(1, 200) g;
SELECT pg_relation_size('ro7') / 8192 AS pages;
UPDATE ro7 SET a = a + 1000 WHERE a <= 5;
SELECT pg_relation_size('ro7') / 8192 AS pages;
SELECT count(*), sum(a) FROM ro7;
CREATE TABLE ro8 (a int, b text);
INSERT INTO ro8 SELECT g, repeat('x', 100) FROM generate_series(1, 200) g;
SELECT pg_relation_size('ro8') / 8192 AS pages;
ALTER TABLE ro8 SET (fillfactor=10);
INSERT INTO ro8 SELECT g, repeat('x', 100) FROM generate_series(201, 400) g;
SELECT pg_relation_size('ro8') / 8192 AS pages;
DROP TABLE ro7, ro8;
