-- Set-returning functions in FROM are strict: a NULL argument gives no rows (it was
-- an internal error), also for LATERAL and correlated calls.
select * from generate_series(1, null::int);
select * from generate_series(null::int, 3);
select * from generate_series(1, 5, null::int);
select * from generate_series(1.0, null::numeric);
select * from generate_series(null::timestamp, '2020-01-02', '1 day');
select count(*) from (values (1), (null), (3)) v(x), lateral generate_series(1, v.x) g;
select x, (select count(*) from generate_series(1, x) g) from (values (2), (null)) v(x);
select x, generate_series(1, x) from (values (2), (null)) v(x);
