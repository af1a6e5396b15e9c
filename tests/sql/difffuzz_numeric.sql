-- Causes found by differential fuzzing (difffuzz) in numeric and float
-- arithmetic and aggregates; each case answers as PostgreSQL 15 does.
-- IN lists resolve one common type for the left side and the constant items first.
select 0.1::float4 in (0.1, 2), 0.1::float4 not in (0.1, 2), '1.5' in (1.5, 2), 1 in (1.5, 1);
select 1 in (1.0, 2), 2::int2 in (2.0::float8, 3), 'a' in ('a', 'b'), 0.1::float4 in (0.1);
select x, x in (0.1, 0.2, 2) from (values (0.1::float4), (0.2::float4)) v(x);
select x in (y, 0.1, 2) from (values (0.1::float4, 5::float4)) v(x, y);
-- numeric power with a fractional exponent is computed in numeric precision.
select power(2::numeric, 0.5), 2::numeric ^ 0.5, power(10::numeric, -2.5), power(1.5, 2.25);
select power(2::numeric, 1000.5), power(0.5::numeric, 0.5), power(0::numeric, 0.5), power(123.456, 7.89);
select power(1.000001::numeric, 1234567.5), power(9.99, -13.25), 2::numeric ^ 1.0;
-- |/ is float8 only.
select |/ 4.0, |/ 4, |/ 2.25::numeric, |/ 2::numeric, (|/ 2.0)::text;
-- float output: shortest string strictly inside the rounding interval (Ryu).
select '1e23'::float8, '9.999999999999999e22'::float8, '1e23'::float4, 5e-324::float8, 1e22::float8;
select '1.5e-45'::float4, 3.4028235e38::float4, 1e21::float4, 8.589973e9::float4, 0.1::float8 + 0.2;
select '2e23'::float8, '8e23'::float8, '1e24'::float8, '4.35e-308'::float8, 1.7976931348623157e308::float8;
-- max and min keep the later of equal values.
select max(x), min(x) from (values (1.0), (1.00), (1.000)) v(x);
select max(x), min(x) from (values ('0'::float8), ('-0'::float8)) v(x);
select max(x), min(x) from (values ('-0'::float8), ('0'::float8)) v(x);
select max(x), min(x) from (values (interval '1 day'), (interval '24 hours')) v(x);
-- avg over floats: sum from +0, sum of squares overflow, no underflow check.
select avg(x), sum(x) from (values ('-0'::float8), ('-0'::float8)) v(x);
select avg(x) from (values ('-0'::float4)) v(x);
select avg(x) from (values (5e-324::float8), (0::float8)) v(x);
select avg(x) from (values (1e200::float8), (1e200::float8)) v(x);
select avg(x) from (values (1e300::float8), (1e150::float8)) v(x);
select avg(x) from (values (1e308::float8), (1e308::float8)) v(x);
select avg(x) from (values ('Infinity'::float8), (1e308::float8)) v(x);
select avg(x), avg(x::float4) from (values (1.5::float8), (2.5)) v(x);
select avg(x) from (values ('NaN'::float8), (1::float8)) v(x);
-- NaN divided by zero is NaN; infinity to a negative power is zero.
select 'NaN'::float8 / 0, 'NaN'::float4 / 0, 'NaN'::numeric / 0;
select 1::float8 / 0;
select power('Infinity'::float8, -2), power('-Infinity'::float8, -3), power(0.5::float8, 'Infinity');
select 'Infinity'::float8 ^ -2, power('-Infinity'::float8, -2);
-- numeric holds at most 131072 digits before the point.
select length((10::numeric ^ 131071)::text);
select 10::numeric ^ 131072;
select 1e131071 * 10;
select length((1e131071 * 9)::text), length((1e131071 + 1e131071)::text);
select 9e131071 + 1e131071;
-- Integer bitwise operators; shift counts wrap as the machine's do.
select 5 & 3, 5 | 3, 5 # 3, ~ 5, 5::int2 & 3::int2, ~ 5::int2, 5::int8 # 3::int8, ~ 5::int8;
select 1 << 33, 1 << -1, (-8) >> 1, 1::int2 << 15, 1::int2 << 16, 1::int2 << 33, 1::int8 << 65, (-1)::int2 >> 40, 1::int8 << 63;
select (2147483647 >> 16), (1000000000000::int8 | (-1)::int8), (10 << 15), null::int4 & 1;
-- A simple CASE with a constant argument drops, unevaluated, the arms it cannot take.
select case 'ABC' when '2020-02-29' then (- (-9223372036854775808)::int8) else 2147483647::int8 end;
select case 1 when 2 then 1 / 0 when 1 then 7 else 1 / 0 end, case 3 when 1 then 1 / 0 else 9 end;
select case ('')::char(1)::text when repeat('hello world'::bpchar, 2) then (date '2000-02-29' + 2147483647) else date '1999-12-31' end;
select case 1 when 1 then case 2 when 3 then 1 / 0 else 5 end end;
-- A negative base with an integer exponent past int4.
select length(power((-0.5), 1e20)::text), power((-1)::numeric, 10000000001), power((-1)::numeric, 10000000000);
select power((-1.5)::numeric, 1e10);
-- NULLIF and IS DISTINCT FROM of constants fold, so arms they rule out never run.
select case when nullif((-3)::int2 + (-1), 0::float4) is distinct from 3.4e38::float4 then 1 else 1 / 0 end;
select coalesce(nullif(5::int8, 3::int8), (- (-9223372036854775808)::int8));
select case when 1 is not distinct from 2 then 1 / 0 else 3 end, nullif(1, 1) is null;
-- GREATEST and LEAST of constants fold, so COALESCE stops at them.
select coalesce(null, least(2::int2, 7::int2, (-3)::int2), (- (-32768)::int2));
select coalesce(least('0001-01-01'::date, date '-infinity'), date '2020-01-01' - -2147483648), greatest(1, null, 3);
-- right() with count -2147483648 keeps the whole string; -Infinity to a fraction is complex.
select right('abc', -2147483648), right('abc', -2147483647), left('abc', -2147483648);
select power('-Infinity'::numeric, 2.5);
select power('-Infinity'::numeric, 3), power('-Infinity'::numeric, -3), power('-Infinity'::numeric, 0.0);
