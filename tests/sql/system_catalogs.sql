-- The system catalogs as initdb makes them: PostgreSQL 15's columns,
-- types and initial rows.
SELECT attnum, attname, atttypid::regtype, attlen, attalign, attstorage, attnotnull, attndims
  FROM pg_attribute WHERE attrelid = 'pg_class'::regclass ORDER BY attnum;
SELECT attnum, attname, atttypid::regtype, attnotnull
  FROM pg_attribute WHERE attrelid = 'pg_authid'::regclass AND attnum > 0 ORDER BY attnum;
SELECT relname, relnatts, relkind, relpersistence, relisshared, reltype::regtype, relam
  FROM pg_class WHERE relname IN ('pg_class', 'pg_attribute', 'pg_type', 'pg_proc', 'pg_database', 'pg_authid', 'pg_namespace')
  ORDER BY relname;
SELECT count(*) FROM pg_class WHERE relnamespace = 'pg_catalog'::regnamespace AND relkind = 'r';
SELECT count(*) FROM pg_class WHERE relnamespace = 'pg_catalog'::regnamespace AND relkind = 'r' AND relisshared;
SELECT oid, nspname, nspowner FROM pg_namespace
  WHERE nspname IN ('pg_catalog', 'public', 'information_schema', 'pg_toast') ORDER BY oid;
SELECT oid, datname, datdba, encoding, datistemplate, datallowconn, datconnlimit, dattablespace
  FROM pg_database WHERE datname IN ('template0', 'template1', 'postgres') ORDER BY oid;
SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
       rolbypassrls, rolconnlimit, rolpassword IS NULL AS nopassword
  FROM pg_authid WHERE oid < 16384 ORDER BY oid;
SELECT oid, spcname, spcowner FROM pg_tablespace ORDER BY oid;
SELECT oid, typname, typlen, typbyval, typtype, typcategory, typelem, typarray, typalign, typstorage, typcollation
  FROM pg_type WHERE typname IN ('bool', 'name', 'int4', 'text', 'oidvector', '_int4', 'numeric', 'pg_class', '_pg_class', 'record', 'aclitem')
  ORDER BY oid;
SELECT 'pg_class'::regclass::oid, 1262::regclass, 'pg_toast'::regnamespace::oid, 1034::regtype;
-- System views defined at initdb as real views.
SELECT rolname, rolsuper, rolinherit, rolcanlogin, rolconnlimit, rolpassword, rolconfig, oid
  FROM pg_roles WHERE oid < 16384 ORDER BY oid;
SELECT usename, usesysid, usecreatedb, usesuper, passwd FROM pg_user WHERE usesysid < 16384;
SELECT usename, usesysid, usesuper, passwd IS NULL AS nopassword FROM pg_shadow WHERE usesysid < 16384;
SELECT schemaname, tablename, tableowner, tablespace FROM pg_tables
  WHERE tablename IN ('pg_class', 'pg_authid', 'pg_database') ORDER BY tablename;
SELECT c.oid, c.relkind, c.relnatts, r.rulename, r.ev_type
  FROM pg_class c JOIN pg_rewrite r ON r.ev_class = c.oid
  WHERE c.relname IN ('pg_roles', 'pg_shadow', 'pg_user', 'pg_tables') ORDER BY c.oid;
\du
