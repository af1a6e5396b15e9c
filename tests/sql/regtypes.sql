-- The OID alias types by name: regclass, regtype, regproc, regnamespace.
select 'pg_settings'::regclass, 'pg_catalog.pg_cursors'::regclass, '"pg_settings"'::regclass, 'PG_SETTINGS'::regclass;
select 'pg_settings'::regclass::oid = 12104 as oid_ok;
select 'int4'::regtype, 'integer'::regtype, 'character varying(10)'::regtype, 'int4[]'::regtype, 'pg_catalog.text'::regtype, 'double precision'::regtype;
select 'now'::regproc, 'pg_catalog'::regnamespace, '-'::regclass, '0'::regtype, '23'::regtype;
select 'rel_no_such'::regclass;
select 'nosuch.t'::regclass;
select 'a b'::regclass;
select '"x'::regclass;
select 'x'::regtype;
select 'nosuch.t'::regtype;
select 'x'::regnamespace;
select 'nosuchfn'::regproc;
select 'abs'::regproc;
select 'a.b.c.d'::regclass;
select 'otherdb.pg_catalog.pg_settings'::regclass;
-- No relation is a sequence yet: the sequence functions answer as for one that is not.
select nextval('pg_settings');
select currval('pg_catalog.pg_cursors');
select setval('pg_settings', 1);
select setval('pg_settings', 1, false);
select nextval('rel_no_such_seq');
select lastval();
