-- count, sum, avg, min and max over int2/int4/int8 columns with NULLs,
-- a column that is all NULL, DISTINCT, grouping and an overflowing sum:
-- the executor picks each aggregate's transition once and must give
-- PostgreSQL's answers on every path.
CREATE TABLE aggt (g int, s smallint, i int, b bigint, t text);
INSERT INTO aggt VALUES
  (1, 3::smallint, 10, 100, 'a'), (1, NULL, NULL, NULL, NULL), (1, (-7)::smallint, 5, -5, 'b'),
  (2, 32767::smallint, 2147483647, 9223372036854775807, 'c'), (2, (-32768)::smallint, -2147483648, -9223372036854775808, NULL),
  (3, NULL, NULL, NULL, NULL), (1, 3::smallint, 10, 100, 'a');
SELECT count(*), count(s), count(i), count(b), count(t) FROM aggt;
SELECT sum(s), sum(i), avg(s), avg(i), min(s), max(s), min(i), max(i), min(b), max(b) FROM aggt;
SELECT g, count(*), count(i), sum(s), sum(i), avg(i), min(s), max(s), min(i), max(i), min(b), max(b)
  FROM aggt GROUP BY g ORDER BY g;
SELECT count(DISTINCT i), sum(DISTINCT i), min(DISTINCT s), max(DISTINCT b) FROM aggt;
SELECT count(*), count(i), sum(i), min(i), max(b) FROM aggt WHERE g = 3;
SELECT count(*), count(i), sum(i), min(i), max(b) FROM aggt WHERE g = 4;
SELECT sum(i), sum(s) FROM aggt WHERE g = 2;
SELECT sum(b) FROM aggt WHERE g = 2;
SELECT sum(b) FROM aggt WHERE g IN (1, 2) AND b > 0;
SELECT sum(x) FROM (VALUES (9223372036854775807::bigint), (1::bigint)) v(x);
SELECT sum(x) FROM (VALUES (9223372036854775807::bigint), (1::bigint), (-2::bigint)) v(x);
SELECT min(x), max(x), sum(x), count(x) FROM (VALUES (2), (NULL), (-1), (2)) v(x);
DROP TABLE aggt;
