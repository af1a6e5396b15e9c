-- The catalog functions psql's \d commands and drivers call.
SELECT format_type(1043, 14) AS varchar10, format_type(1700, 655366) AS numeric_10_2,
       format_type(1184, -1) AS tstz, format_type(1007, -1) AS int_array;
SELECT format_type(1042, NULL) AS no_typmod, format_type(1042, -1) AS typmod_minus_one,
       format_type(1042, 5) AS char1;
SELECT format_type(0, NULL), format_type(99999, NULL), format_type(NULL, 4) IS NULL AS null_oid;
SELECT format_type('interval'::regtype, 2147418113) AS interval_precision,
       format_type(1186, 268435459) AS interval_second;
SELECT format_type(18, NULL), format_type(2276, 8), format_type(1083, 0), format_type(1115, 3);
SELECT format_type(1186, 8);
SELECT pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(-10753::bigint),
       pg_size_pretty(1073741824::bigint), pg_size_pretty(9223372036854775807);
SELECT pg_size_pretty(10239.5), pg_size_pretty(-1.5), pg_size_pretty(1e30), pg_size_pretty('NaN'::numeric);
SELECT pg_size_pretty(NULL::bigint) IS NULL AS is_null;
SELECT pg_encoding_to_char(6), pg_encoding_to_char(0), pg_encoding_to_char(-1) = '' AS empty;
SELECT pg_char_to_encoding('UTF8'), pg_char_to_encoding('latin-1'), pg_char_to_encoding('nosuch');
SELECT pg_encoding_max_length(6), pg_encoding_max_length(35), pg_encoding_max_length(99) IS NULL AS none;
SELECT array_to_string('{1,2,3}'::int[], ', '), array_to_string('{a,NULL,c}'::text[], '-'),
       array_to_string('{a,NULL,c}'::text[], '-', '*'), array_to_string('{a,NULL}'::text[], '-', NULL);
SELECT array_to_string('{}'::int[], ',') = '' AS empty,
       array_to_string(NULL::int[], ',') IS NULL AS null_array, array_to_string('{1}'::int[], NULL) IS NULL AS null_delim;
SELECT array_to_string('{1.5,2.25}'::numeric[], ';'), array_to_string('{t,f}'::bool[], ',');
SELECT pg_get_userbyid(10), pg_get_userbyid(424242);
-- No statistics object has OID 0: NULL, as for any missing object.
SELECT pg_get_statisticsobjdef_columns(0) IS NULL AS no_such_object;
