-- psql's describe commands over the catalogs, byte for byte as PostgreSQL 15 prints them.
CREATE TABLE psqld_t (id int NOT NULL, name varchar(20) DEFAULT 'x', price numeric(10,2), at timestamptz DEFAULT now(), ok bool);
CREATE VIEW psqld_v AS SELECT id FROM psqld_t;
\dt psqld*
\dv psqld*
\dt+ psqld_t
\di psqld*
\dn public
\l postgres
\dt psqld_nosuch
\d psqld*
\d psqld_t
\d+ psqld_t
\d psqld_v
\d psqld_nosuch
\df psqld*
\df array_upper
DROP VIEW psqld_v;
DROP TABLE psqld_t;
