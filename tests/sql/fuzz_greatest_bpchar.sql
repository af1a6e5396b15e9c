-- GREATEST/LEAST over char(n) compare without trailing blanks and keep the
-- first of equal values, constant-folded or evaluated per row.
select '[' || greatest('日本語', '日本語'::char(8)) || ']' as g, length(greatest('日本語', '日本語'::char(8))::text);
select format($$[%s]$$, greatest('日本語', '日本語'::char(8))) as g;
select format($$[%s]$$, greatest('a'::char(3), 'b'::char(1), 'b  '::char(4))) as g;
select format($$[%s]$$, least('b  '::char(4), 'b'::char(1), 'c'::char(2))) as l;
select format($$[%s]$$, least('a '::char(5), 'a'::char(2))) as l;
create table gl_t (x char(4), y char(1));
insert into gl_t values ('b', 'b'), ('a', 'b'), ('c', null);
select x, y, greatest(x, y) as g, least(y, x)::varchar as l, format($$[%s]$$, greatest(y, x)) as n from gl_t order by x;
select greatest(x, 'b  '::char(3)) as g from gl_t order by x;
drop table gl_t;
