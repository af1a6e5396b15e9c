-- Causes found by differential fuzzing (difffuzz) in text, boolean and
-- character types; each case answers as PostgreSQL 15 does.
-- Boolean to text is a cast function (true/false), not boolout (t/f).
select true::text, false::text, true::varchar, false::char(5), true::char(2);
select 'a' || false, true || 'b', text(true), concat(true, false);
select '1.2.3.4'::inet || 'x', 'x' || '10.0.0.0/8'::cidr;
-- char(n) keeps its pad blanks in octet_length and drops them in the cast to name.
select octet_length('ab'::char(4)), length('ab'::char(4)), octet_length('ab  '::varchar);
select 'a '::bpchar::name, ('a '::bpchar::name)::text || '|';
-- Of equal char(n) values max and min keep the first.
select max(x)::bytea, min(x)::bytea from (values ('a  '::char(3)), ('a'::char(1))) v(x);
select max(x)::bytea, min(x)::bytea from (values ('a'::char(1)), ('a  '::char(3))) v(x);
-- varchar sorts and groups with text's operators.
select x from (values ('b'::varchar), ('a'::varchar), ('c'::varchar(3))) v(x) order by x;
select x, count(*) from (values ('b'::varchar), ('a'::varchar), ('b'::varchar)) v(x) group by x order by x;
-- A LIKE pattern that ends in the escape character fails only when matching reaches it.
select 'a' like 'a\', 'b' like 'a\', 'ab' like 'ab\', '' like '%\';
select 'ab' like 'a\';
select 'ab' like '%\';
select 'abc' ilike 'A\';
select 'a' like 'a#' escape '#';
-- Case mapping follows lc_ctype C: ASCII letters only.
select upper('ßaé'), lower('ÀÉa'), 'É' ilike 'é', 'é' ilike 'É', 'A' ilike 'a', 'ÀB' ilike 'Àb';
select 'Straße' ilike 'STRASSE', upper('ǅ'), lower('Σ');
-- GROUP BY and ORDER BY take integer positions only; another constant is an error.
select 1 group by true;
select count(*) from (values (1)) v(x) group by 'a';
select 1 group by null;
select 1 group by 1.5;
select 1 order by 'a';
select 1 order by true;
select x from (values (2), (1)) v(x) order by 1;
-- char(n) values equal but for trailing blanks are one value to GROUP BY, DISTINCT,
-- count(DISTINCT), UNION, INTERSECT, EXCEPT and ORDER BY, which keep the first.
select x::bytea, count(*) from (values ('a'::char(3)), ('a '::bpchar), ('a'::bpchar), ('b'::bpchar)) v(x) group by x order by x;
select distinct x::bytea from (values ('a'::char(3)), ('a '::bpchar), ('a'::bpchar)) v(x);
select count(distinct x), count(x) from (values ('a'::char(3)), ('a '::bpchar), ('a'::bpchar)) v(x);
select x, count(distinct y) from (values (1, 'a'::char(3)), (1, 'a'::bpchar), (2, 'b  '::bpchar)) v(x, y) group by x order by x;
select ('a'::bpchar union select 'a  '::bpchar)::bytea;
select ('a '::bpchar intersect select 'a'::bpchar)::bytea;
select 'a'::bpchar except select 'a  '::bpchar;
select x || '|' from (values ('b'::bpchar), ('a  '::bpchar), ('a!'::bpchar), (' a'::bpchar)) v(x) order by x;
select x || '|' from (values ('b'::bpchar), ('a  '::bpchar), ('a!'::bpchar)) v(x) order by x desc;
select k, max(c) from (values ('x'::char(2), 1), ('x', 2), ('y', 3)) v(k, c) group by k order by k;
