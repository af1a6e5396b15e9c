-- CREATE OR REPLACE VIEW of an existing view: columns kept, new ones appended, dependencies replaced.
CREATE OR REPLACE VIEW ddl_rv AS SELECT 1 AS a, 'x'::text AS b;
CREATE OR REPLACE VIEW ddl_rv AS SELECT 1 AS a;
CREATE OR REPLACE VIEW ddl_rv AS SELECT 1 AS z, 'x'::text AS b;
CREATE OR REPLACE VIEW ddl_rv AS SELECT 'q'::text AS a, 'x'::text AS b;
CREATE OR REPLACE VIEW ddl_rv AS SELECT 2 AS a, 'y'::text AS b, 3 AS c;
SELECT * FROM ddl_rv;
CREATE TABLE ddl_rt (v int);
INSERT INTO ddl_rt VALUES (5);
CREATE OR REPLACE VIEW ddl_rv AS SELECT v AS a, 'z'::text AS b, v + 1 AS c FROM ddl_rt;
SELECT * FROM ddl_rv;
DROP TABLE ddl_rt;
DROP TABLE ddl_rt CASCADE;
SELECT * FROM ddl_rv;
