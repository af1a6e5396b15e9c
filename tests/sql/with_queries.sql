-- WITH queries: inlined, materialized, nested, recursive; errors and plans.
with w as (select 1 as a) select * from w;
with w(x, y) as (select 1, 2) select y, x from w;
with w as (select g from generate_series(1, 3) g) select a.g, b.g from w a, w b where a.g < b.g order by 1, 2;
with w as materialized (select 42 as answer) select * from w;
with w as not materialized (select 7 as n) select n * 2 as doubled from w;
with a as (select 1 as x), b as (select x + 1 as y from a) select * from a, b;
with w as (select 1 as x) select (select x + 1 from w) as next;
with w as (select g from generate_series(1, 5) g) select g, exists (select 1 from w where w.g = s.g * 2) as has_double from generate_series(1, 3) s(g);
with w as (select 1 as x) select * from (with w as (select 2 as x) select x from w) inner_w, w;
select (with w as (select s + 1 as v) select v from w) as v from generate_series(1, 3) s;
with unused as (select 1 / 0) select 'not evaluated' as note;
with w as (select g, g % 2 as parity from generate_series(1, 6) g) select parity, count(*), sum(g) from w group by parity order by parity;
with w as (select 1 as a union all select 2) select a from w order by a desc;
-- WITH RECURSIVE.
with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r;
with recursive r(n) as (values (1) union all select n + 1 from r) select n from r limit 5;
with recursive r(n) as (select 1 union select n % 3 + 1 from r) select * from r;
with recursive fib(a, b) as (select 0::bigint, 1::bigint union all select b, a + b from fib where b < 100) select a from fib;
with recursive r(n, path) as (select 1, '1'::text union all select n + 1, path || '-' || (n + 1) from r where n < 4) select * from r;
with recursive r(n) as (select 1 union all select n + 1 from r left join generate_series(1, 2) g on true where n < 3) select * from r;
with recursive t(n) as (select 1 union all select n + 1 from t where n < 3), u as (select n * 10 as m from t) select * from u;
with recursive r(n) as (select 1::bigint union all select n + 1 from r where n < 3) select n from r;
with recursive plain as (select 5 as v) select v from plain;
select (with recursive r(n) as (select s union all select n - 1 from r where n > 1) select count(*) from r) as c from generate_series(1, 4) s;
-- Errors.
with w as (select 1), w as (select 2) select 1;
with recursive r as (select * from r) select 1;
with recursive r(n) as (select n from r union all select 1) select * from r;
with recursive r(n) as (select 1 union all select n + 1 from r, r r2) select * from r;
with recursive r(n) as (select 1 union all select (select n from r)) select * from r;
with recursive r(n) as (select 1 union all select count(*) from r) select * from r;
with recursive r(n) as (select 1 union all select n + 1 from r order by 1) select * from r;
with recursive r(n) as (select 1 intersect select n + 1 from r) select * from r;
with recursive r(n) as (select 1::int union all select n::bigint + 1 from r where n < 3) select * from r;
with recursive r(n) as (select 1 union all select n + 1 from generate_series(1, 2) g left join r on true where n < 3) select * from r;
with w(a, b) as (select 1) select * from w;
with w as (select 1 as a) select b from w;
select * from w;
with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r where n > (select 1 / 0);
select 'still fine' as after_errors;
-- Plans.
explain (costs off) with w as (select 1 as a) select * from w, w w2;
explain (costs off) with w as materialized (select 1 as a) select * from w;
explain (costs off) with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r;
explain (costs off) with recursive r(n) as (select 1 union select n + 1 from r where n < 5) select n from r where n > 2;
explain (costs off) with a as (select 1 as x), b as materialized (select x from a, a a2) select * from b;
explain (analyze, costs off, timing off, summary off) with recursive r(n) as (select 1 union all select n + 1 from r) select * from r limit 3;
