-- like/notlike and name() as functions, textlen, and the pattern comparison operators as PostgreSQL 15
select like('abc', 'a%'), notlike('abc', 'a%'), like('abc'::name, '_b_'), notlike('abc'::name, 'b%'), like('a%c', 'a\%c'), like(null, 'a');
select like('abc', 'a\');
select textlen('héllo'), textlen(''), name('abc'::text), name('x'::varchar), name('ab  '::char(4)), pg_typeof(name('x'::text));
select name(repeat('x', 70)::text) = repeat('x', 63), length(name(repeat('é', 40)::text));
select 'ab' ~<~ 'b', 'b' ~<~ 'ab', 'a' ~<=~ 'a', 'a' ~>=~ 'b', 'é' ~>~ 'z', 'a' ~<~ 'a ';
select 'ab '::char(4) ~<~ 'ab'::char(2), 'ab '::char(4) ~<=~ 'ab'::char(2), 'b'::char(3) ~>~ 'a'::char(1), 'a'::char(3) ~>=~ 'a'::char(1);
select x from (values ('b'), ('B'), ('a'), ('é'), ('A'), ('ab')) v(x) where x ~>=~ 'B' order by x;
