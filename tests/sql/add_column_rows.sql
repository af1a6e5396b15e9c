-- ALTER TABLE ADD COLUMN with DEFAULT, NOT NULL and CHECK on a table with
-- rows: a non-volatile default becomes the column's missing value
-- (pg_attribute.atthasmissing/attmissingval), a volatile one rewrites the
-- table, NOT NULL and CHECK are verified against the rows.
CREATE TABLE acr (a int);
ALTER TABLE acr ADD COLUMN e int DEFAULT 5;
SELECT attname, atthasmissing, attmissingval FROM pg_attribute WHERE attrelid = 'acr'::regclass AND attnum > 0 ORDER BY attnum;
INSERT INTO acr VALUES (1), (2);
ALTER TABLE acr ADD COLUMN b int DEFAULT 7;
ALTER TABLE acr ADD COLUMN c varchar(3) DEFAULT 'ab';
ALTER TABLE acr ADD COLUMN d numeric DEFAULT 1.5 NOT NULL;
ALTER TABLE acr ADD COLUMN ch char(4) DEFAULT 'x';
ALTER TABLE acr ADD COLUMN t text DEFAULT 'long' || repeat('y', 3);
ALTER TABLE acr ADD COLUMN n int DEFAULT NULL;
ALTER TABLE acr ADD COLUMN dt date DEFAULT '2020-02-29';
ALTER TABLE acr ADD COLUMN bo boolean DEFAULT true;
SELECT attname, atthasmissing, attmissingval FROM pg_attribute WHERE attrelid = 'acr'::regclass AND attnum > 0 ORDER BY attnum;
SELECT * FROM acr ORDER BY a;
INSERT INTO acr (a) VALUES (3);
INSERT INTO acr (a, b, c) VALUES (4, 40, 'zz');
SELECT * FROM acr ORDER BY a;
SELECT a, b FROM acr WHERE b = 7 ORDER BY a;
SELECT count(*), sum(b), sum(e) FROM acr;
UPDATE acr SET b = b + 1 WHERE a = 1;
SELECT a, b, c FROM acr ORDER BY a;
-- NOT NULL without a value for the old rows
ALTER TABLE acr ADD COLUMN g int NOT NULL;
ALTER TABLE acr ADD COLUMN g2 int DEFAULT NULL NOT NULL;
-- CHECK over the old rows (NULL passes)
ALTER TABLE acr ADD COLUMN h int CHECK (h > 0);
ALTER TABLE acr ADD COLUMN i int DEFAULT 0 CHECK (i > 0);
ALTER TABLE acr ADD COLUMN i int DEFAULT 1 CHECK (i > 0);
ALTER TABLE acr ADD CONSTRAINT pos CHECK (a > 1);
ALTER TABLE acr ADD CONSTRAINT pos CHECK (a > 0);
ALTER TABLE acr ADD CONSTRAINT bpos CHECK (b > 7);
INSERT INTO acr (a, i) VALUES (5, 0);
-- a default too long for the column
ALTER TABLE acr ADD COLUMN k varchar(1) DEFAULT 'abc';
-- a volatile default rewrites the table and clears the missing values
ALTER TABLE acr ADD COLUMN v float8 DEFAULT random();
SELECT count(*) FROM acr WHERE v >= 0 AND v < 1;
SELECT attname, atthasmissing, attmissingval FROM pg_attribute WHERE attrelid = 'acr'::regclass AND attnum > 0 ORDER BY attnum;
SELECT a, e, b, c, d, ch, t, n, dt, bo, h, i FROM acr ORDER BY a;
ALTER TABLE acr ADD COLUMN w int DEFAULT (random() * 0)::int NOT NULL;
ALTER TABLE acr ADD COLUMN w2 int DEFAULT CASE WHEN random() < 2 THEN NULL ELSE 1 END NOT NULL;
SELECT sum(w) FROM acr;
-- a missing value survives DROP COLUMN of another column and goes with its own
CREATE TABLE acr2 (a int);
INSERT INTO acr2 VALUES (1);
ALTER TABLE acr2 ADD COLUMN b text DEFAULT 'bee', ADD COLUMN c int DEFAULT 3;
ALTER TABLE acr2 DROP COLUMN b;
SELECT * FROM acr2;
SELECT attname, atthasmissing, attmissingval FROM pg_attribute WHERE attrelid = 'acr2'::regclass AND attnum > 0 ORDER BY attnum;
-- ALTER COLUMN TYPE rewrites: the missing values are written into the rows
ALTER TABLE acr2 ALTER COLUMN c TYPE bigint;
SELECT * FROM acr2;
SELECT attname, atthasmissing, attmissingval FROM pg_attribute WHERE attrelid = 'acr2'::regclass AND attnum > 0 ORDER BY attnum;
-- in a transaction that rolls back, the column goes and the rows stay
BEGIN;
ALTER TABLE acr2 ADD COLUMN z int DEFAULT 9;
SELECT * FROM acr2;
ROLLBACK;
SELECT * FROM acr2;
-- a dropped column's bytes stay in the old rows and read as nothing
CREATE TABLE acr3 (a int, b numeric, c text);
INSERT INTO acr3 VALUES (1, 2.5, 'x'), (2, NULL, 'y');
ALTER TABLE acr3 DROP COLUMN b;
SELECT * FROM acr3 ORDER BY a;
ALTER TABLE acr3 ADD COLUMN d int DEFAULT 4;
SELECT * FROM acr3 ORDER BY a;
UPDATE acr3 SET c = c || '!' WHERE a = 1;
SELECT * FROM acr3 ORDER BY a;
DROP TABLE acr, acr2, acr3;
