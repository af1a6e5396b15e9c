-- Set operations resolve their column types pair by pair, as PostgreSQL's
-- transformSetOperationTree does: a nested UNION of two untyped literals
-- is text before it meets the next arm.
select 'a' union select 'b' union select 1;
select 1 union select 2 union select 'a'::text;
select 1 union (select 2.5 union select 'x'::text);
select 1 union (select 2.5 union select 3::float8) union select 'a'::text;
select x, pg_typeof(x) from (select 1 union select 2.5 union select 3::float8) s(x) order by x;
select x, pg_typeof(x) from (select 'a' union select 'b' union select 'c'::varchar) s(x) order by x;
select x, pg_typeof(x) from (select 1::int2 intersect select 1::int8 except select 2) s(x);
select 'a' union select 'b' union select 'b' order by 1;
-- A value that cannot be converted is an error of type 42846 at the value.
select date '2020-01-01' union select time '10:00';
select 1 union select 2.5 union select 'a';
values (1), (time '10:00');
select 1 union select cast('a' as text);
select 1 intersect select 'a'::text;
select 1 except select 1, 2;
