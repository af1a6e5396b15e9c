-- The built-in operators and aggregates as catalog rows: pg_operator,
-- the operators' implementing functions in pg_proc (callable by name),
-- pg_aggregate with its support functions, and psql's \do, \da and \df,
-- restricted to the operators and aggregates this server has (by
-- PostgreSQL 15's OIDs) and compared with PostgreSQL 15's rows. (Not
-- listed: 375, anycompatiblearray || anycompatiblearray, whose pseudo-type
-- this server lacks: its array || array is over anyarray; and 1076,
-- date + interval, whose commutator interval + date this server lacks, so
-- its oprcom is 0 rather than a dangling OID.)
create temp table ops (oid oid);
insert into ops select unnest('{
  15, 36, 37, 58, 59, 76, 80, 82, 85, 91, 92, 93, 94, 95, 96, 97, 98, 254, 255, 256, 257, 258, 259,
  260, 261, 262, 263, 264, 265, 352, 385, 410, 411, 412, 413, 414, 415, 416, 417, 418, 419, 420,
  430, 439, 473, 484, 514, 518, 519, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530, 531, 532,
  533, 534, 535, 536, 537, 538, 539, 540, 541, 542, 543, 544, 545, 546, 547, 550, 551, 552, 553, 554,
  555, 556, 557, 558, 559, 584, 585, 586, 587, 588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 607,
  608, 609, 610, 611, 612, 620, 621, 622, 623, 624, 625, 630, 631, 632, 633, 634, 639, 640, 641, 642,
  643, 654, 660, 661, 662, 663, 664, 665, 666, 667, 670, 671, 672, 673, 674, 675, 682, 684, 685, 686,
  687, 688, 689, 690, 691, 692, 693, 694, 695, 773, 818, 819, 820, 821, 822, 823, 824, 825, 965, 1038,
  1054, 1055, 1056, 1057, 1058, 1059, 1060, 1061, 1070, 1071, 1072, 1073, 1074, 1075, 1077,
  1093, 1094, 1095, 1096, 1097, 1098, 1099, 1100, 1101, 1108, 1109, 1110, 1111, 1112, 1113, 1116,
  1117, 1118, 1119, 1120, 1121, 1122, 1123, 1124, 1125, 1126, 1127, 1128, 1129, 1130, 1131, 1132,
  1133, 1134, 1135, 1201, 1202, 1203, 1204, 1205, 1206, 1207, 1208, 1209, 1210, 1211, 1212, 1226,
  1227, 1228, 1229, 1234, 1235, 1320, 1321, 1322, 1323, 1324, 1325, 1327, 1328, 1329, 1330, 1331,
  1332, 1333, 1334, 1335, 1336, 1337, 1338, 1399, 1583, 1584, 1585, 1625, 1626, 1627, 1628, 1629,
  1630, 1694, 1695, 1751, 1752, 1753, 1754, 1755, 1756, 1757, 1758, 1759, 1760, 1761, 1762, 1763,
  1800, 1801, 1849, 1862, 1863, 1864, 1865, 1866, 1867, 1868, 1869, 1870, 1871, 1872, 1873, 1874,
  1875, 1876, 1877, 1878, 1879, 1880, 1881, 1882, 1883, 1884, 1885, 1886, 1887, 1888, 1889, 1890,
  1891, 1916, 1917, 1918, 1919, 1920, 1921, 1955, 1956, 1957, 1958, 1959, 1960, 2018, 2060, 2061,
  2062, 2063, 2064, 2065, 2066, 2067, 2068, 2345, 2346, 2347, 2348, 2349, 2350, 2358, 2359, 2360,
  2361, 2362, 2363, 2371, 2372, 2373, 2374, 2375, 2376, 2384, 2385, 2386, 2387, 2388, 2389, 2534,
  2535, 2536, 2537, 2538, 2539, 2540, 2541, 2542, 2543, 2544, 2545, 2553, 2554, 2555, 2779, 2780,
  2972, 2973, 2974, 2975, 2976, 2977, 3315, 5068, 5072, 5073, 5074, 5075, 5076
}'::oid[]);
create temp table aggs (oid oid);
insert into aggs select unnest('{
  2050, 2051, 2100, 2101, 2102, 2103, 2104, 2105, 2106, 2107, 2108, 2109, 2110, 2111, 2113, 2114,
  2115, 2116, 2117, 2118, 2119, 2120, 2122, 2123, 2124, 2126, 2127, 2128, 2129, 2130, 2131, 2132,
  2133, 2134, 2135, 2136, 2138, 2139, 2140, 2142, 2143, 2144, 2145, 2146, 2147, 2148, 2149, 2150,
  2151, 2152, 2153, 2154, 2155, 2156, 2157, 2158, 2159, 2236, 2237, 2238, 2239, 2240, 2241, 2244,
  2245, 2335, 2517, 2518, 2519, 2641, 2642, 2643, 2644, 2645, 2646, 2712, 2713, 2714, 2715, 2716,
  2717, 2718, 2719, 2720, 2721, 2722, 2723, 2724, 2725, 2726, 2727, 2728, 2729, 2803, 2818, 2819,
  2820, 2821, 2822, 2823, 2824, 2825, 2826, 2827, 2828, 2829, 3175, 3197, 3267, 3270, 3538, 3545,
  3564, 3565, 3972, 3974, 3978, 3980, 3984, 4053, 4189, 4190, 5099, 5100, 6164, 6165, 6166
}'::oid[]);
-- pg_operator
select o.oid, o.oprname, o.oprkind, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype,
       o.oprcom, o.oprnegate, o.oprcode, o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash
  from pg_operator o join ops using (oid) order by o.oid;
-- Each operator's implementing function (prosrc differs for the few that
-- PostgreSQL writes in SQL: here all are internal)
select distinct p.oid, p.proname, pg_get_function_arguments(p.oid) as args, p.prorettype::regtype, p.prokind,
       p.provolatile, p.proisstrict, p.proleakproof, p.proparallel, p.procost, p.proretset
  from pg_operator o join ops using (oid) join pg_proc p on p.oid = o.oprcode
 order by p.oid;
-- The selectivity estimators they name
select distinct o.oprrest::oid, o.oprrest, p.pronargs, p.prorettype::regtype
  from pg_operator o join ops using (oid) join pg_proc p on p.oid = o.oprrest order by 1;
select distinct o.oprjoin::oid, o.oprjoin, p.pronargs, p.prorettype::regtype
  from pg_operator o join ops using (oid) join pg_proc p on p.oid = o.oprjoin order by 1;
-- Operator functions called by name behave as their operators
select int4pl(1, 2), int8mi(10, 3), int2mul(6, 7), int4div(7, 2), int4mod(7, 3), int48pl(1, 2);
select float8mul(2, 3.5), float4pl(1.5, 2.25), float84div(1, 4), numeric_add(1.5, 2.25), numeric_power(2, 10);
select textcat('a', 'b'), textcat('a', null), byteacat('\x01', '\x02'), anytextcat(1, 'x'), textanycat('x', 2.5);
select int4eq(1, 1), int4ne(1, 2), int4lt(1, 2), int84ge(3, 4), texteq('a', 'a'), text_lt('a', 'b'), bpchareq('a ', 'a');
select textlike('abc', 'a%'), textnlike('abc', 'a%'), texticlike('ABC', 'a%'), textregexeq('abc', '^a');
select timestamptz_pl_interval('2020-01-31 10:00+00', '1 month'), timestamp_mi('2020-03-01', '2020-02-01');
select date_pli('2020-02-28', 2), date_mi('2020-03-01', '2020-02-01'), interval_pl('1 day', '2 hours'), interval_mul('1 day', 1.5);
select int4um(5), int8abs(-7), float8abs(-1.5), numeric_uminus(3), dsqrt(16), dcbrt(27), int4not(0), int4shl(1, 4);
select int4pl(2147483647, 1);
select int4div(1, 0);
select int8mul(9223372036854775807, 2);
select textcat(1, 2);
select int4pl(1);
select pg_typeof(int24pl(1::int2, 2)), pg_typeof(float48mul(1, 2)), pg_typeof(date_pl_interval('2020-01-01', '1 day'));
select 'int4pl'::regproc::oid, 177::regproc, 'textcat'::regproc::oid;
select o.oprcode::regproc, o.oprcode::oid from pg_operator o where o.oid in (551, 654, 1320);
-- pg_aggregate
select a.aggfnoid::oid, p.proname, pg_get_function_arguments(a.aggfnoid) as args, a.aggkind, a.aggnumdirectargs,
       a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn
  from pg_aggregate a join pg_proc p on p.oid = a.aggfnoid join aggs on aggs.oid = a.aggfnoid order by 1;
select a.aggfnoid::oid, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn, a.aggfinalextra, a.aggmfinalextra,
       a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop, a.aggtranstype::regtype, a.aggtransspace,
       a.aggmtranstype, a.aggmtransspace, a.agginitval, a.aggminitval
  from pg_aggregate a join aggs on aggs.oid = a.aggfnoid order by 1;
-- The aggregates' pg_proc rows
select p.oid, p.proname, pg_get_function_arguments(p.oid) as args, p.prorettype::regtype, p.prokind,
       p.provolatile, p.proisstrict, p.proparallel, p.procost, p.prosrc
  from pg_proc p join aggs using (oid) order by p.oid;
-- Their support functions
select distinct p.oid, p.proname, pg_get_function_arguments(p.oid) as args, p.prorettype::regtype, p.prokind,
       p.provolatile, p.proisstrict, p.proparallel
  from pg_aggregate a join aggs on aggs.oid = a.aggfnoid
  join pg_proc p on p.oid in (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn)
 order by p.oid;
-- Support functions SQL can call
select int4larger(1, 2), int4smaller(1, 2), numeric_larger(1.0, 1.00), numeric_smaller(1.00, 1.0), text_larger('a', 'b');
select bpchar_larger('a '::bpchar, 'a'::bpchar) || '|', float8larger('NaN', 1), array_smaller(array[1, 2], array[1, 3]);
select date_larger('2020-01-01', '2021-01-01'), interval_smaller('1 day', '24 hours'), int8smaller(3, null);
select int8inc(5), int8inc_any(5, 'x'::text), int4_sum(null, 3), int4_sum(5, null), int4_sum(5, 3), int2_sum(null, null);
select booland_statefunc(true, false), boolor_statefunc(true, false), int8inc_float8_float8(1, 2, 3);
select int8inc(9223372036854775807);
select int8dec(5), int8dec_any(5, 1.5);
select int8dec(-9223372036854775808);
select int4_sum(9223372036854775807, 1), int2_sum(9223372036854775807, 1::int2);
-- An aggregate is no plain function
select sum(x) from (values (1), (2)) v(x);
select count(*), count(1) from (values (1)) v(x);
-- psql
\do+ %
\do ^
\do+ + integer integer
\do - integer
\do ~~ text
\df+ int4pl
\df textcat
\df int4_sum
\da count
\da avg
\da string_agg
\da+ bool_*
\da every
\da percentile_disc
\da mode
\df+ percentile_disc
\da stddev_samp
\da regr_slope
\da array_agg
-- pg_describe_object
select pg_describe_object('pg_proc'::regclass, 177, 0), pg_describe_object('pg_operator'::regclass, 551, 0),
       pg_describe_object('pg_operator'::regclass, 558, 0), pg_describe_object('pg_proc'::regclass, 2108, 0);
select pg_describe_object('pg_type'::regclass, 23, 0), pg_describe_object('pg_type'::regclass, 1007, 0),
       pg_describe_object('pg_type'::regclass, 83, 0), pg_describe_object('pg_namespace'::regclass, 11, 0);
select pg_describe_object('pg_class'::regclass, 1259, 0), pg_describe_object('pg_class'::regclass, 1259, 2),
       pg_describe_object('pg_language'::regclass, 12, 0), pg_describe_object('pg_am'::regclass, 403, 0);
select pg_describe_object('pg_collation'::regclass, 950, 0), pg_describe_object('pg_database'::regclass, 5, 0),
       pg_describe_object('pg_authid'::regclass, 10, 0);
select pg_describe_object('pg_proc'::regclass, 999999, 0) is null, pg_describe_object('pg_class'::regclass, 999999, 0) is null,
       pg_describe_object(null, 1, 0) is null;
select pg_describe_object('pg_cast'::regclass, c.oid, 0) from pg_cast c
 where castsource = 'int8'::regtype and casttarget = 'int4'::regtype;
select pg_describe_object('pg_operator'::regclass, o.oid, 0), pg_describe_object('pg_proc'::regclass, o.oprcode, 0)
  from pg_operator o where o.oid in (15, 1320, 2779) order by o.oid;
create temp table described (a int, "B" text);
select pg_describe_object('pg_class'::regclass, 'described'::regclass, 0),
       pg_describe_object('pg_class'::regclass, 'described'::regclass, 2),
       pg_describe_object('pg_class'::regclass, 'described'::regclass, 9);
\df pg_describe_object
\da *rank
\da cume_dist
