-- CREATE SCHEMA / DROP SCHEMA: pg_namespace rows, transactional.
CREATE SCHEMA clients_s1;
CREATE SCHEMA clients_s1;
CREATE SCHEMA IF NOT EXISTS clients_s1;
CREATE SCHEMA pg_clients;
CREATE SCHEMA clients_s2 AUTHORIZATION nosuch_role;
CREATE SCHEMA clients_s2 AUTHORIZATION postgres;
SELECT nspname, pg_get_userbyid(nspowner) AS owner, nspacl FROM pg_namespace WHERE nspname LIKE 'clients_%' ORDER BY 1;
SET search_path = clients_s1, public;
SELECT current_schema(), current_schemas(false);
CREATE TABLE clients_t (a int);
INSERT INTO clients_t VALUES (1);
SELECT * FROM clients_s1.clients_t;
CREATE VIEW clients_s1.clients_v AS SELECT a FROM clients_s1.clients_t;
RESET search_path;
DROP SCHEMA clients_s1;
DROP SCHEMA clients_s1 RESTRICT;
DROP SCHEMA nosuch_schema;
DROP SCHEMA IF EXISTS nosuch_schema;
DROP SCHEMA pg_catalog;
-- Transactional: a rolled-back CREATE leaves nothing, a rolled-back DROP
-- leaves the schema.
BEGIN;
CREATE SCHEMA clients_s3;
SELECT count(*) FROM pg_namespace WHERE nspname = 'clients_s3';
ROLLBACK;
SELECT count(*) FROM pg_namespace WHERE nspname = 'clients_s3';
BEGIN;
DROP SCHEMA clients_s2;
ROLLBACK;
SELECT count(*) FROM pg_namespace WHERE nspname = 'clients_s2';
DROP SCHEMA clients_s2;
DROP SCHEMA clients_s1 CASCADE;
SELECT * FROM clients_s1.clients_t;
SELECT count(*) FROM pg_class WHERE relname IN ('clients_t', 'clients_v');
CREATE SCHEMA clients_s4;
CREATE TABLE clients_s4.only_one (a int);
DROP SCHEMA clients_s4 CASCADE;
DROP SCHEMA IF EXISTS clients_s4, clients_s5;
