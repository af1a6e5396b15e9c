-- Statements outside the slice answer 0A000 (expected output recorded from
-- our server with `cargo xtask bless-sql --only unsupported`: PostgreSQL
-- would run these).
vacuum;
listen chan;
-- An aggregate of an outer query level whose arguments hold a subquery (PostgreSQL
-- evaluates it in the outer level: 3, and 21000 for the second).
select (select count((select s.x))) from generate_series(1, 3) s(x);
select (select min((select l.v)) from generate_series(1, 2) s) from (select 3 as v) as l;
select 'after errors, still fine';
