-- The conditions of a WHERE are tested cheapest first (PostgreSQL's
-- order_qual_clauses): the overflow in the dearer condition is never
-- reached for rows the cheaper one rejects.
select c0 from (values (100::int2, (-9223372036854775808)::int8), (2::int2, null::int8)) v(c0, c2)
  where greatest(c0, (-1)::int2) between (c2 * 13) and abs(7::int2);
select x from (values (1), (0)) v(x) where 10 / x > 1 and x <> 0;
select x from (values (1), (0)) v(x) where x <> 0 and 10 / x > 1;
-- Equal costs keep the written order.
select x from (values (1), (0)) v(x) where 10 / x > 1 and x + 1 > 1;
select x, count(*) from (values (1), (0)) v(x) group by x having 10 / x > 1 and x > 0;
-- A condition that is NULL rejects the row at once, as false does (the
-- NOT IN list holds a NULL, so it is never true): the division by zero
-- in a later condition is not reached.
select c0 from (values (1e308::float8), ((-0)::float8), (100::float8)) v(c0)
  where (178647088::int8 not in (3037000500::int8, (9223372036854775807::int8 / c0), null, 4294967296::int8));
