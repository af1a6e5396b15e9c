-- Causes found by PostgreSQL's int2/numeric regression files: variance of
-- values whose squares need more than numeric's 16383 display digits (the
-- aggregate state keeps full precision), and the alias named in the error
-- for too many column aliases.
select trim_scale(variance(a) * 1e1000), trim_scale(var_pop(a) * 1e1000), trim_scale(var_samp(a) * 1e1000)
  from (values (0), (3e-500), (-3e-500), (4e-500 - 1e-16383), (-4e-500 + 1e-16383)) v(a);
select trim_scale(stddev(a) * 1e500) from (values (1e-600 - 1e-16383), (-1e-600)) v(a);
create temp table num_alias_t (f1 int2);
select * from num_alias_t as f(a, b);
select * from num_alias_t f(a, b, c);
select * from (values (1::int2)) as f(a, b);
with w as (select 1) select * from w as x(a, b);
select * from abs(1) as f(a, b);
select * from (select 1) as s(a, b);
-- A literal's typmod coercion fails without an error position.
select '1000'::numeric(5,2);
select 'inf'::numeric(5,2);
select cast('999.99' as numeric(4,1));
select 0.00001234::numeric(3,5), '-0.5'::numeric(1,0), '12.345'::numeric(4,2);
select '12345'::varchar(3), 'abcdef'::char(2), '12:34:56.789'::time(1);
select 'x'::numeric(5,2);
