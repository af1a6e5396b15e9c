-- A strict function or operator with a NULL constant argument is NULL
-- without being called, whatever its other arguments: none of these raise.
create table snf (x int, s text);
insert into snf values (1, 'a'), (0, 'b'), (null, null);
select x, x / 0 + null as div, position(null in md5(s)) as pos, mod(x, abs(null::int) * 2) as m from snf order by x;
select count(*) from snf where x / 0 = null;
select (x / 0)::text || null from snf;
select null::int + (select 1 / x from snf where x = 0);
-- Without a NULL constant the call is made.
select x / 0 from snf where x = 1;
select coalesce(x / 0, 1) from snf where x is null;
