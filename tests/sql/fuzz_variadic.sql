-- Calls that pass a variadic function's arguments as one array
-- (f(VARIADIC arr)): the array's elements are the arguments; a NULL array
-- gives NULL (format: no arguments).
select concat(variadic array[1,2,3]), concat(variadic array[[1,2],[3,4]]), concat(variadic array[]::int[]);
select concat(variadic null::int[]) is null, concat_ws('-', variadic null::text[]) is null;
select concat_ws('-', variadic array['a',null,'b']), concat_ws(null, variadic array['a']) is null;
select concat(variadic array[true, false]), concat(variadic array[date '2020-01-01']), pg_typeof(concat(variadic array[1.5]));
select num_nulls(variadic array[1,null,3]), num_nonnulls(variadic array[[1,null],[3,4]]), num_nonnulls(variadic array[]::int[]);
select num_nulls(variadic null::int[]) is null;
select format('%s-%s', variadic array['a','b']), format('%2$s %1$s', variadic array[1,2]);
select format('%s', variadic null::text[]);
-- VARIADIC on a function that is not variadic is ignored.
select cardinality(variadic array[1,2]);
-- Errors.
select concat(variadic 5);
select concat(variadic '{1,2}');
select format('%s', variadic 1);
select concat(1, variadic array[2]);
select upper(variadic array['a']);
