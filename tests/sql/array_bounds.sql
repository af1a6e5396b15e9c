-- array_lower / array_upper / array_length over one-dimensional arrays
-- (drivers' metadata queries use them on name[] and similar arrays).
SELECT array_lower('{5,6,7}'::int[], 1), array_upper('{5,6,7}'::int[], 1), array_length('{5,6,7}'::int[], 1);
SELECT array_upper(current_schemas(true), 1), array_lower('{a,b}'::text[], 1);
SELECT array_upper('{1,2}'::int[], 2) IS NULL AS no_dim2, array_lower('{1,2}'::int[], 0) IS NULL AS no_dim0;
SELECT array_upper('{}'::int[], 1) IS NULL AS empty_upper, array_length('{}'::text[], 1) IS NULL AS empty_length;
SELECT array_upper(NULL::int[], 1) IS NULL AS null_array, array_upper('{1}'::int[], NULL) IS NULL AS null_dim;
SELECT generate_series(1, array_upper('{x,y,z}'::name[], 1)) AS i;
