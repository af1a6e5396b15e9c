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
