-- aclitem: input and output with role names, PUBLIC, grant options, and the
-- templates' ACL that initdb writes; regrole by name.
select 'postgres'::regrole, '"postgres"'::regrole, 10::regrole;
select 'nosuch_role'::regrole;
select '=c/postgres'::aclitem, 'postgres=CTc/postgres'::aclitem, 'postgres=r*w/postgres'::aclitem;
select 'group postgres=r/postgres'::aclitem, ' postgres =arwdDxt/ postgres '::aclitem, ' "postgres"=U*C/"postgres"'::aclitem;
select '=*r/postgres'::aclitem;
select 'nosuch_role=r/postgres'::aclitem;
select '=r/nosuch_role'::aclitem;
select '=q/postgres'::aclitem;
select 'x'::aclitem;
select '=r/postgres x'::aclitem;
select 'postgres'::aclitem;
select datname, datacl from pg_database where datname like 'template%' order by datname;
select datname, array_length(datacl, 1), datacl[1], datacl[2] from pg_database where datacl is not null order by datname;
