-- chr, ascii, left, right, reverse, lpad, rpad, repeat, concat, concat_ws, md5 as PostgreSQL 15
select chr(65), chr(233), chr(8364), chr(128512), chr(127), chr(1114111);
select chr(0);
select chr(-1);
select chr(1114112);
select chr(55296);
select ascii('A'), ascii('é'), ascii('€x'), ascii(''), ascii(chr(128512));
select left('abcde', 2), left('abcde', -2), left('abcde', 0), left('abcde', 10), left('abcde', -10), left('héllo', 2);
select right('abcde', 2), right('abcde', -2), right('abcde', 0), right('abcde', 10), right('abcde', -10), right('héllo', 4);
select left('abc', -2147483648), right('abc', -2147483648), left('abc', 2147483647), right('abc', 2147483647);
select reverse('abcde'), reverse('héllo'), reverse(''), reverse('a b');
select lpad('hi', 5, 'xy'), lpad('hi', 5), lpad('hello', 2), lpad('hi', 5, ''), lpad('hi', -1, 'x'), lpad('hé', 4, 'ñ');
select rpad('hi', 5, 'xy'), rpad('hi', 5), rpad('hello', 2), rpad('hi', 5, ''), rpad('hi', 0, 'x'), rpad('hé', 4, 'ñ');
select repeat('Pg', 4), repeat('ab', 0), repeat('ab', -3), repeat('', 5), repeat('é', 3);
select concat('abcde', 2, null, 22), concat(), concat(null), concat(null, null), concat(true, 1.50, '2020-01-01'::date, array[1, 2]);
select concat_ws(',', 'abcde', 2, null, 22), concat_ws(null, 'a', 'b'), concat_ws('', 'a', 'b'), concat_ws(',', null), concat_ws(',');
select concat_ws(', ', false, 1.0::float8, '10.0.0.1/8'::inet, '{1,2}'::int[]);
select md5('abc'), md5(''), md5('héllo'), md5('abc'::bytea), md5('\x00ff'::bytea);
select length(repeat('x', 100000)), left(repeat('ab', 3), 3);
