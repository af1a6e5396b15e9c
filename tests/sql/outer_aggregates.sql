-- Aggregates that belong to an enclosing query level (agglevelsup): nesting inside
-- another aggregate of that level is refused as PostgreSQL does, also through a subquery.
select (select max((select sum(s.x) from generate_series(1, 2) u))) from generate_series(1, 3) s(x);
select max((select sum(s.x) from generate_series(1, 2) u)) from generate_series(1, 3) s(x);
select (select max((select sum(s.x + u.y) from generate_series(1, 2) u(y))) from generate_series(1, 3) s(x));
select sum(x), (select max(y) from generate_series(1, x) y) from generate_series(1, 3) x group by x order by 1;
select max(x) from generate_series(1, 3) x where x in (select count(*) from generate_series(1, 2));
select (select sum(x)) from generate_series(1, 4) x;
select max((select count(*) from generate_series(1, x))) from generate_series(1, 3) x;
