-- CREATE DATABASE (a copy of the template), a table that lives in it alone, DROP DATABASE.
CREATE DATABASE ddlg_db;
CREATE DATABASE ddlg_db;
CREATE DATABASE ddlg_db2 TEMPLATE ddlg_nosuch;
CREATE DATABASE ddlg_db3 ENCODING 'LATIN1';
BEGIN;
CREATE DATABASE ddlg_db4;
ROLLBACK;
\c ddlg_db
CREATE TABLE ddlg_t (a int, b text);
INSERT INTO ddlg_t VALUES (1, 'only here');
SELECT * FROM ddlg_t;
DROP DATABASE ddlg_db;
\c postgres
SELECT * FROM ddlg_t;
SELECT datname, datistemplate, datallowconn, datconnlimit FROM pg_database WHERE datname LIKE 'ddlg%';
DROP DATABASE ddlg_db;
DROP DATABASE ddlg_db;
DROP DATABASE IF EXISTS ddlg_db;
DROP DATABASE template1;
DROP DATABASE postgres;
