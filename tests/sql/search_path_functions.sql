-- current_schema() and current_schemas(bool) show the effective search
-- path (fetch_search_path): schemas that do not exist are skipped, the
-- implicit pg_catalog appears only when asked for.
SELECT current_schema(), current_schema, current_schemas(false), current_schemas(true);
SET search_path = nosuch, public;
SELECT current_schema(), current_schemas(false), current_schemas(true);
SET search_path = nosuch;
SELECT current_schema() IS NULL AS no_schema, current_schemas(false), current_schemas(true);
SET search_path = public, pg_catalog;
SELECT current_schemas(false), current_schemas(true);
SET search_path = pg_catalog;
SELECT current_schema(), current_schemas(false);
SET search_path = "$user", public, public;
SELECT current_schemas(true);
RESET search_path;
SELECT current_schemas(NULL) IS NULL AS strict;
SELECT current_schemas(true)\gdesc
-- pg_is_in_recovery() is false outside the startup process.
SELECT pg_is_in_recovery();
-- to_regclass and its kin: NULL where the cast would say "does not exist".
SELECT to_regclass('pg_class'), to_regclass('nosuch'), to_regclass('nosuch_schema.t');
SELECT to_regtype('integer'), to_regtype('int4[]'), to_regtype('nosuch'), to_regtype('nosuch_schema.t');
SELECT to_regnamespace('public'), to_regnamespace('nosuch'), to_regproc('now'), to_regproc('nosuch');
