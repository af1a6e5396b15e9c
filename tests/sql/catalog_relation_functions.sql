-- The catalog functions over relations that psql's \d commands call.
CREATE TABLE crf (id int NOT NULL, name varchar(20));
CREATE VIEW crf_v AS SELECT 1 AS one;
SELECT pg_table_is_visible('crf'::regclass) AS t, pg_table_is_visible('pg_class'::regclass) AS c,
       pg_table_is_visible(0) IS NULL AS missing, pg_type_is_visible('int4'::regtype) AS ty;
SELECT pg_relation_size('crf'), pg_relation_size('crf', 'fsm'), pg_table_size('crf'),
       pg_total_relation_size('crf'), pg_indexes_size('crf'), pg_relation_size('crf_v');
SELECT pg_relation_size('crf', 'nosuch');
SELECT pg_relation_is_publishable('crf') AS tab, pg_relation_is_publishable('crf_v') AS view,
       pg_relation_is_publishable('pg_class') AS cat;
SELECT obj_description('crf'::regclass, 'pg_class') IS NULL AS no_comment, col_description('crf'::regclass, 1) IS NULL AS no_col,
       obj_description('crf'::regclass) IS NULL AS no_any, shobj_description(10, 'pg_authid') IS NULL AS no_shared;
SELECT pg_get_expr(NULL, 0) IS NULL AS null_expr;
DROP VIEW crf_v;
DROP TABLE crf;
CREATE TABLE ddl_ft (a int);
SELECT format_type(c.reltype, NULL) AS rowtype, format_type(t.typarray, -1) AS arr, format_type(99999, NULL) AS missing
  FROM pg_class c JOIN pg_type t ON t.oid = c.reltype WHERE c.relname = 'ddl_ft';
SELECT format_type(reltype, NULL) FROM pg_class WHERE relname = 'pg_class';
DROP TABLE ddl_ft;
