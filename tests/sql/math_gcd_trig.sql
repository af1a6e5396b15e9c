-- gcd, lcm, scale, min_scale, trim_scale, the trigonometric functions
-- in radians and degrees, the hyperbolic functions and num_nulls /
-- num_nonnulls, with their error paths.
select gcd(12, 18), gcd(-12, 18), gcd(0, 0), gcd(0, -7), gcd(-2147483648, 2), gcd(7::int8, 0);
select gcd(-2147483648, 0);
select gcd(-2147483648, -2147483648);
select gcd(-9223372036854775808, 0::int8);
select gcd(-9223372036854775808, 6::int8), gcd(1071::int8, 462);
select lcm(4, 6), lcm(-4, 6), lcm(0, 5), lcm(5, 0), lcm(4::int8, -6::int8);
select lcm(2147483647, 2);
select lcm(9223372036854775807, 2::int8);
select gcd(12.5, 7.50), gcd(0.0, 0.00), gcd(-6::numeric, 4), gcd(1.2, 0.018);
select gcd('NaN'::numeric, 3), gcd('Infinity'::numeric, 3), gcd(3, '-Infinity'::numeric);
select lcm(12.5, 7.50), lcm(0.0, 5.00), lcm(-6::numeric, 4), lcm(1.2, 0.018);
select lcm('NaN'::numeric, 3), lcm('Infinity'::numeric, 0);
select scale(1.2300), scale(0), scale(-7.5), scale(1e-5), scale('NaN'::numeric), scale('Infinity'::numeric);
select min_scale(1.2300), min_scale(0.000), min_scale(100), min_scale(-0.10), min_scale(1e3), min_scale('NaN'::numeric);
select trim_scale(1.2300), trim_scale(0.000), trim_scale(100.00), trim_scale(-0.10), trim_scale('NaN'::numeric), trim_scale('-Infinity'::numeric);
select pg_typeof(scale(1.5)), pg_typeof(trim_scale(1.5)), pg_typeof(gcd(1, 2)), pg_typeof(gcd(1::int8, 2)), pg_typeof(lcm(1.5, 2));
select sin(0), sin(1), cos(0), cos(pi()), tan(1), cot(1), cot(0);
select sin('NaN'), cos('NaN'), tan('NaN'), cot('NaN'), asin('NaN'), acos('NaN'), atan('NaN');
select sin('Infinity');
select cos('-Infinity');
select tan('Infinity');
select cot('Infinity');
select asin(0.5), asin(-1), acos(0.5), acos(-1), atan(1), atan('Infinity'), atan('-Infinity');
select asin(1.0000001);
select acos(-2);
select atan2(1, 1), atan2(0, -1), atan2(-1, 0), atan2('NaN', 1), atan2(1, 'Infinity');
select sind(30), sind(90), sind(-30), sind(180), sind(270), sind(360), sind(45), sind(1000);
select cosd(60), cosd(0), cosd(90), cosd(120), cosd(180), cosd(-60), cosd(45), cosd(1000);
select tand(45), tand(0), tand(90), tand(135), tand(-45), tand(180), tand(30), tand(-90);
select cotd(45), cotd(0), cotd(90), cotd(135), cotd(-45), cotd(180), cotd(60);
select sind('NaN'), cosd('NaN'), tand('NaN'), cotd('NaN');
select sind('Infinity');
select cosd('Infinity');
select tand('-Infinity');
select cotd('Infinity');
select asind(0.5), asind(1), asind(-0.5), asind(0), asind(0.3), asind(0.8), asind('NaN');
select acosd(0.5), acosd(1), acosd(-0.5), acosd(-1), acosd(0), acosd(0.3), acosd(0.8);
select asind(2);
select acosd(-1.5);
select atand(1), atand(-1), atand(0), atand('Infinity'), atand(0.5), atand('NaN');
select atan2d(1, 1), atan2d(1, 0), atan2d(0, -1), atan2d(-1, -1), atan2d('NaN', 1);
select x, sind(x), cosd(x), tand(x), cotd(x) from generate_series(-360, 360, 15) as x;
select sinh(1), cosh(1), tanh(1), asinh(1), acosh(1), atanh(0.5);
select sinh(0), cosh(0), tanh(0), asinh(0), atanh(0), sinh(-1), tanh(-100);
select sinh(1000), sinh(-1000), cosh(1000), cosh(-1000), tanh('Infinity'), asinh('-Infinity');
select sinh('NaN'), cosh('NaN'), tanh('NaN'), asinh('NaN'), acosh('NaN'), atanh('NaN');
select acosh('Infinity'), atanh(1), atanh(-1);
select acosh(0.5);
select atanh(1.5);
select atanh('-Infinity');
select num_nulls(1, null, 'a'::text, null::int), num_nonnulls(1, null, 'a'::text, null::int), num_nulls(null), num_nonnulls(1);
select num_nulls(), num_nonnulls();
select pg_typeof(1), pg_typeof('a'), pg_typeof(null), pg_typeof(1.5), pg_typeof(2.5e0), pg_typeof(1::int2), pg_typeof(3000000000);
select pg_typeof('x'::varchar(3)), pg_typeof('x'::text), pg_typeof(true), pg_typeof(array[1, 2]), pg_typeof(pg_typeof(1)), pg_typeof(current_date);
select pg_typeof(1) = 'integer'::regtype as same, pg_typeof(x) from (values (1::int8), (null)) v(x);
select p.oid, p.proname, pg_get_function_arguments(p.oid), p.prorettype::regtype, p.provolatile, p.proisstrict
  from pg_proc p
  where p.proname in ('gcd', 'lcm', 'scale', 'min_scale', 'trim_scale', 'sind', 'atan2d', 'acosh', 'cot', 'num_nulls', 'num_nonnulls', 'pg_typeof')
  order by p.oid;
select width_bucket(5, array[1, 3, 5, 7]), width_bucket(0, array[1, 3]), width_bucket(9, array[1, 3]), width_bucket(5, '{}'::int[]), width_bucket(null, array[1]);
select width_bucket('b'::text, array['a', 'c']), width_bucket(5, array[7, 3, 1]), width_bucket(2.5, array[1.0, 2.0, 3.0]), width_bucket(date '2020-01-02', array[date '2020-01-01', date '2021-01-01']);
select width_bucket(5, array[[1, 2], [3, 4]]);
select width_bucket(5, array[1, null]);
select asinh(0.1), asinh(3), asinh(-44.65), asinh(1e300), acosh(1.5), acosh(3), acosh(1e300), atanh(-0.5), atanh(0.1), atanh(0.999);
select cbrt(27), cbrt(10), cbrt(-3.5), cbrt(1e-310), cbrt(1e300), ||/ 27::float8, ||/ 0.001::float8, cbrt('-Infinity'), cbrt(-0.0::float8);
