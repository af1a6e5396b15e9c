-- Expressions without FROM: literals, arithmetic, comparison, logic, CASE, casts.
select 1 + 1;
select 1 + 1 as two, 'a' || 'b' as ab, true and null as tn, false or null as fn;
select 7 / 2, 7 % 3, -7 / 2, 7.0 / 2, 2 ^ 10;
select 1.5 + 2.25, 0.1 + 0.2, 1e3, 1.5e-3;
select 1/3::numeric, 10::numeric / 4, 2.50 * 4;
select 2147483647 + 0, 9223372036854775807, 12345678901234567890;
select 3.0::float8 / 2, 1::float4 / 3, 1e300 * 10.0::float8;
select 'abc' < 'abd', 1 = 1.0, 2 <> 3, null = null, null is null, 1 is not null;
select not true, true and false, true or false;
select case when 1 > 2 then 'no' when 2 > 1 then 'yes' else 'never' end;
select case 3 when 1 then 'one' when 3 then 'three' end, case when false then 1 end;
select '42'::int4 + 1, cast('3.5' as numeric) * 2, 42::text || '!', 't'::boolean;
select 1::int2, 100000::int8, '1.5'::float8, 'hello'::varchar(3), 3.14159::numeric(5,2);
select coalesce(null, 2, 3), nullif(1, 1), nullif(1, 2), greatest(1, 5, 3), least('b', 'a');
select 5 between 1 and 10, 5 in (1, 2, 5), 'abc' like 'a%', 'ABC' ilike 'a_c';
select length('hello'), upper('abc'), lower('ABC'), abs(-5), round(2.567, 2);
select $$dollar quoted$$, $tag$with 'quotes'$tag$, E'tab\there', 'it''s';
select 'multi'
  'line';
select -2147483648::int4, (-32768)::int2, - - 1;
select 1 as "Mixed Case", 2 as lower_case, 3;
select null::int4, null::text, null;
