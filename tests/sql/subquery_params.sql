-- The comparison of an IN / ANY / ALL subquery may hold other parameters beside the
-- subquery's columns: outputs of InitPlans in its left operand and references to outer
-- query levels. Each keeps its own number (they were confused with the columns: wrong
-- answers, or a crash of the backend).
select (select 1) in (select 2);
select (select 5) in (select 5), (select 3) = any (select 4), (select 3) < all (select 4);
select x, (select x in (select g from generate_series(1, 3) g)) from generate_series(1, 5) x;
select x, (select x + 10 = any (select g from generate_series(11, 12) g)) from generate_series(1, 3) x;
select (select l), (select 1) in (select 2) from generate_series(1, 2) as l;
select x, (select x) in (select g from generate_series(2, 3) g), (select x + 0) not in (select g from generate_series(2, 3) g) from generate_series(1, 4) x;
select x, (select (select x) = any (select g from generate_series(x, x + 1) g)) from generate_series(1, 3) x;
select x, (x, (select 1)) in (select g, 1 from generate_series(2, 3) g) from generate_series(1, 4) x;
select x from generate_series(1, 6) x where x in (select g * (select 2) from generate_series(1, 3) g) and (select x) not in (select 4);
