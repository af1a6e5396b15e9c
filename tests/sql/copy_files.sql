-- Server-side COPY FROM / TO a file (superusers only) in the text and CSV
-- formats, and PostgreSQL's errors for relative names, missing files,
-- directories and roles without the privilege.
create table regress_cf (a int, b text, c numeric(6,2));
insert into regress_cf values (1, 'one', 1.5), (2, null, null), (3, E'tab\tx', 2);
copy regress_cf to '/tmp/ferrogres_regress_copy_files.data';
copy regress_cf (b, a) to '/tmp/ferrogres_regress_copy_files.csv' with (format csv, header);
create table regress_cf2 (a int, b text, c numeric(6,2));
copy regress_cf2 from '/tmp/ferrogres_regress_copy_files.data';
copy regress_cf2 (b, a) from '/tmp/ferrogres_regress_copy_files.csv' with (format csv, header);
select * from regress_cf2 order by a, c;
copy regress_cf to 'ferrogres_relative.data';
copy regress_cf2 from '/tmp/ferrogres_regress_no_such_file.data';
copy regress_cf2 from '/tmp';
copy regress_cf2 (a) from '/tmp/ferrogres_regress_copy_files.data';
select count(*) from regress_cf2;
create role regress_cf_user login;
\c - regress_cf_user
copy regress_cf from '/tmp/ferrogres_regress_copy_files.data';
copy regress_cf to '/tmp/ferrogres_regress_copy_files.data';
\c - postgres
drop role regress_cf_user;
drop table regress_cf;
drop table regress_cf2;
