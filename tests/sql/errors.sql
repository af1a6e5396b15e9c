-- Errors: SQLSTATE wording and cursor positions as PostgreSQL 15 reports them.
select 1/0;
select 2147483647 + 1;
select 'abc'::int4;
select 99999999999::int4;
select 32768::int2;
select 1 +;
select * from;
selec 1;
select "";
select 1 + 'a';
select true + 1;
select nosuchfunc(1);
select nosuchcol;
select * from nosuchtable;
select 1 and true;
select case when true then 1 else 'x' end;
select 'maybe'::boolean;
select 1.5::numeric(2,1) * 100::numeric(3,0), 123.45::numeric(4,2);
select 1; select 1/0; select 2;
select 'unterminated
