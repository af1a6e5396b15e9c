-- Array-to-array casts apply the element types' cast to every element
-- (ArrayCoerceExpr), keep dimensions and lower bounds, and take the
-- element cast's context for implicit and assignment coercion.
select '{1,2}'::text[]::int[];
select array['1.5']::numeric[];
select '{1,2}'::int[]::text[];
select '{1.234}'::numeric(5,1)[];
select array[1.26,2.5]::numeric(3,1)[];
select array[1.26,2.5]::numeric(2,1)[];
select '{{1,2},{3,4}}'::text[]::int[];
select '[0:1]={1,2}'::text[]::int[];
select array_lower('[0:1]={1,2}'::text[]::int[], 1);
select '{1,x}'::text[]::int[];
select '{1,NULL}'::text[]::int[];
select '{}'::text[]::int[];
select '{1,2}'::int[]::float8[];
select '{1.5,2.5}'::float8[]::int[];
select array[1,2]::bigint[];
select array[300000]::int2[];
select array['abc','de']::varchar(2)[];
select array[now()]::date[] = array[current_date];
select array[1,2]::date[];
select array[true]::int[];
select array[1]::bool[];
select '{a,b}'::text[]::char(3)[];
select pg_typeof(array[1,2]::int8[]);
create temp table ta(a int[], b numeric(4,1)[], c varchar(2)[]);
insert into ta(a) values ('{1,2}'::text[]::int[]);
insert into ta(a) values (array['1']::text[]);
insert into ta(a) values (array[1.5]);
insert into ta(b) values (array[1.55, 2]);
insert into ta(b) values (array[12345]);
insert into ta(c) values (array['abc']);
insert into ta(c) values (array['abc']::varchar(2)[]);
select * from ta;
select array[1,2] || array[3.5];
select array[1,2]::int[]::oid[];
-- Array coercion in CASE, COALESCE and UNION; CASE is named after its ELSE.
select coalesce(array[1], array[1.5]);
select case when true then array[1] else array[1.5] end;
select case when true then 1 else x end from (select 1 x) s;
select case when true then 1 else 2::int end, case when true then 1 end, case 1 when 1 then 2 else coalesce(3) end;
select array[array[1], array[2.5]];
select array[1.5] union select array[1];
select '{1,2}'::int[]::varchar(1)[], array[[1,2],[3,4]]::text[], cast(array['1','2'] as smallint[]);
select array['2020-01-01']::date[]::timestamp[], array[1] @> array[1.0];
select array_to_string(array[1.5,2]::varchar[], '-'), '{1,2}'::int[]::text;
