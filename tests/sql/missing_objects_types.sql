-- Types, domains, collations, conversions, text search objects, statistics and policies:
-- a missing schema or table is reported before the server says it cannot run the statement.
CREATE TYPE nosuch_s.t AS (a int);
CREATE TYPE nosuch_s.e AS ENUM ('a');
CREATE TYPE nosuch_s.shell;
CREATE DOMAIN nosuch_s.d AS int CHECK (VALUE > 0);
CREATE COLLATION nosuch_s.c FROM "C";
CREATE CONVERSION nosuch_s.cv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE TEXT SEARCH DICTIONARY nosuch_s.dict (TEMPLATE = simple);
CREATE STATISTICS st ON a, b FROM rel_no_such_table;
CREATE POLICY p ON rel_no_such_table USING (true);
ALTER POLICY p ON nosuch_s.t USING (true);
