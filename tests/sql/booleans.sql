-- Boolean words: one parse_bool for the boolean type, settings and the
-- startup packet; EXPLAIN's options take only true/false/on/off and 0/1.
select 't'::boolean, 'TR'::boolean, 'yes'::boolean, 'y'::boolean, 'on'::boolean, '1'::boolean;
select 'f'::boolean, 'fal'::boolean, 'NO'::boolean, 'of'::boolean, 'off'::boolean, '0'::boolean;
select '  true  '::boolean, E'\tno\n'::boolean;
select 'o'::boolean;
select 'onx'::boolean;
select '01'::boolean;
select ''::boolean;
set enable_seqscan = of;
show enable_seqscan;
set enable_seqscan = 'Y';
show enable_seqscan;
set enable_seqscan = tru;
show enable_seqscan;
set enable_seqscan = 'o';
set enable_seqscan = ' on';
set enable_seqscan = 2;
reset enable_seqscan;
explain (costs of) select 1;
explain (costs 'off') select 1;
explain (costs OFF) select 1;
explain (costs 0) select 1;
explain (costs false) select 1;
explain (costs no) select 1;
explain (costs '0') select 1;
explain (costs 2) select 1;
explain (analyze yes, costs off) select 1;
