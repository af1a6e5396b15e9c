-- Views record what they read: DROP refuses under RESTRICT and takes them with CASCADE.
CREATE TABLE dep_t (a int, b text);
CREATE VIEW dep_v AS SELECT a FROM dep_t;
CREATE VIEW dep_w AS SELECT v.a, t.b FROM dep_v v JOIN dep_t t ON v.a = t.a;
DROP TABLE dep_t;
DROP TABLE dep_t CASCADE;
SELECT * FROM dep_w;
CREATE TABLE dep_t2 (a int);
CREATE VIEW dep_v2 AS SELECT * FROM dep_t2 WHERE a IN (SELECT a FROM dep_t2);
DROP TABLE dep_t2 CASCADE;
