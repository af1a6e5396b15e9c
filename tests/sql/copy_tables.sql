-- COPY FROM STDIN and COPY TO STDOUT in the text and CSV formats: escapes,
-- NULLs, headers, quoted fields across lines, defaults for missing columns,
-- and PostgreSQL's errors with their CONTEXT lines.
create table exec_c (a int, b text, c numeric default 7);
copy exec_c from stdin;
1	one	1.5
2	tab\there	\N
3	back\\slash	2
\.
copy exec_c (a, b) from stdin with (format csv, header true);
a,b
4,"quoted, comma"
5,"multi
line"
6,
\.
select * from exec_c order by a;
copy exec_c to stdout;
copy exec_c (b, a) to stdout with (format csv, header);
copy exec_c from stdin;
7	x	y
\.
copy exec_c from stdin;
8	x
\.
copy exec_c from stdin;
9	x	1	2
\.
select count(*) from exec_c;
drop table exec_c;
