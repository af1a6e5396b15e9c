-- array_position(s), array_remove, array_replace, array_fill, trim_array
-- and the array shape functions, with PostgreSQL's NULL rules and errors.
select array_position(array[1,2,3,2], 2), array_position(array[1,2,3,2], 2, 3), array_position(array[1,2], 5);
select array_position(array['a',null,'b'], null), array_position(array['a','b'], 'b'), array_position(null::int[], 1);
select array_position('[3:5]={1,2,1}'::int[], 1, 4), array_position('[3:5]={1,2,1}'::int[], 1, -10), array_position('{}'::int[], 1);
select array_position(array[1.5, 2.0], 2), array_position(array[1,2], 2.0);
select array_positions(array[1,2,1,null,1], 1), array_positions(array[1,null], null), array_positions(array[1], 7), array_positions(null::int[], 1);
select array_positions('[0:2]={a,b,a}'::text[], 'a');
select array_remove(array[1,2,1,3], 1), array_remove(array[1,null,2], null), array_remove(null::int[], 1), array_remove(array[1], 1);
select array_remove('[3:5]={1,2,1}'::int[], 1), array_remove('[3:5]={1,1,1}'::int[], 1), array_remove('{}'::int[], 1);
select array_replace(array[1,2,1], 1, 9), array_replace(array[1,null], null, 0), array_replace('{{1,2},{1,4}}'::int[], 1, null);
select array_replace('[2:3]={a,b}'::text[], 'b', 'c'), array_replace(null::int[], 1, 2);
select array_fill(7, array[2,2]), array_fill(7, array[2], array[0]), array_fill(null::text, array[2]), array_fill('x'::text, array[1,2], array[-1,5]);
select array_fill(1, array[0]), array_fill(1, '{}'::int[]), array_fill(1.5, array[3]);
select trim_array(array[1,2,3], 1), trim_array(array[1,2,3], 0), trim_array(array[1,2,3], 3), trim_array('{{1,2},{3,4}}'::int[], 1);
select trim_array('[3:4]={1,2}'::int[], 1), trim_array(null::int[], 1), trim_array(array[1], null);
select array_upper('[2:4]={1,2,3}'::int[], 1), array_lower('[2:4]={1,2,3}'::int[], 1), array_length('{{1,2},{3,4}}'::int[], 2), array_ndims('{{1},{2}}'::int[]);
select array_upper(array[1], 2), array_length('{}'::int[], 1), array_ndims('{}'::int[]);
select array_cat(array[1], array[2,3]), array_cat(null, array[1]), array_cat('{{1,2}}'::int[], array[3,4]);
-- Errors.
select array_position('{{1}}'::int[], 1);
select array_positions('{{1}}'::int[], 1);
select array_remove('{{1}}'::int[], 1);
select array_position(array[1], 1, null);
select array_fill(1, array[-1]);
select array_fill(1, array[2], array[1,2]);
select array_fill(1, array[[2]]);
select array_fill(1, array[2], array[[1]]);
select array_fill(1, array[null::int]);
select array_fill(1, null);
select array_fill(1, array[2], null);
select array_fill(1, array[2], array[null::int]);
select trim_array(array[1,2], 3);
select trim_array(array[1,2], -1);
select array_position(array[1], 'x');
select array_cat('{{1,2}}'::int[], array[[[3]]]);
