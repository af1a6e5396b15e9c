-- psql's describe commands over the catalogs, byte for byte as PostgreSQL 15 prints them.
CREATE TABLE psqld_t (id int NOT NULL, name varchar(20) DEFAULT 'x', price numeric(10,2), at timestamptz DEFAULT now(), ok bool);
CREATE VIEW psqld_v AS SELECT id FROM psqld_t;
\dt psqld*
\dv psqld*
\dt+ psqld_t
\di psqld*
\dn public
\l postgres
\l template*
\dt psqld_nosuch
\d psqld*
\d psqld_t
\d+ psqld_t
\d psqld_v
\d+ psqld_v
CREATE VIEW psqld_v2 AS SELECT id + 1 AS x, lower(name) AS l, (id + 1) * 2 AS y, id - (1 - id) AS z, 'a'::text AS t, -1 AS neg, 2.5 AS num, NULL::int AS nl FROM psqld_t t WHERE NOT ok OR price IS NULL OR (id > 1 AND name = 'x');
\d+ psqld_v2
SELECT pg_get_viewdef('psqld_v2'::regclass) AS plain, pg_get_viewdef('psqld_v2'::regclass, true) AS pretty;
SELECT pg_get_ruledef(oid) AS plain, pg_get_ruledef(oid, true) AS pretty FROM pg_rewrite WHERE ev_class = 'psqld_v'::regclass;
\df+ psqld*
DROP VIEW psqld_v2;
\d psqld_nosuch
CREATE TABLE psqld_c (a int CHECK (a IS NOT NULL AND (a > 1 OR a < -5)), s text CHECK (length(s) < 10 AND s <> ''), d date CHECK (d > '2020-01-01'), n numeric(5,2) CHECK (n * 2 + 1 > 0.5), y int CONSTRAINT y_not_3 CHECK (NOT (y = 3)));
\d psqld_c
DROP TABLE psqld_c;
\df psqld*
\df array_upper
DROP VIEW psqld_v;
DROP TABLE psqld_t;
