-- inet and cidr operators as PostgreSQL 15's network.c
create table inet_op_t (a inet, b inet);
insert into inet_op_t values
  ('192.168.1.5/24', '192.168.1.0/24'), ('192.168.1.0/24', '192.168.1.0/24'), ('192.168.1.0/24', '192.168.0.0/16'),
  ('192.168.0.0/16', '192.168.1.0/24'), ('10.0.0.1', '10.0.0.2'), ('10.0.0.1/8', '10.0.0.2/8'),
  ('1.2.3.4', '::1'), ('::1', '1.2.3.4'), ('2001:db8::1/64', '2001:db8::/32'), ('::/0', 'ffff::1'),
  ('0.0.0.0/0', '255.255.255.255'), ('10.1.2.3/8', '10.1.2.3/16');
select a, b, a < b as lt, a <= b as le, a = b as eq, a >= b as ge, a > b as gt, a <> b as ne from inet_op_t;
select a, b, a << b as sub, a <<= b as subeq, a >> b as sup, a >>= b as supeq, a && b as overlap from inet_op_t;
select a, b, inet_same_family(a, b), case when inet_same_family(a, b) then a - b end as diff from inet_op_t;
select x from (values ('10.0.0.1'::inet), ('10.0.0.0/8'), ('10.0.0.0/16'), ('::1'), ('9.255.255.255'), ('10.0.0.1/8'),
  ('::'), ('::/0'), ('0.0.0.0/0'), ('255.255.255.255'), ('10.0.0.0/32'), ('192.168.1.0/24'), ('192.168.1.0/23')) v(x) order by x;
select ~ '192.168.1.5/24'::inet, ~ '::1'::inet, ~ '0.0.0.0'::inet, ~ '10.0.0.0/8'::cidr;
select '10.1.2.3/8'::inet & '255.0.255.0/16'::inet, '10.1.2.3'::inet | '0.0.0.255/24'::inet, '::ff'::inet & '::f0f'::inet, '::1'::inet | 'ff::/8'::inet;
select '10.0.0.0/8'::cidr & '10.0.0.1'::inet, '10.0.0.0/8'::cidr | '0.0.0.7'::inet;
select '1.2.3.4'::inet & '::1'::inet;
select '1.2.3.4'::inet | '::1'::inet;
select '192.168.1.5'::inet + 1, '192.168.1.255/24'::inet + 1, 5 + '10.0.0.0/8'::inet, '::1'::inet + 4294967296, '10.0.0.0'::cidr + 1;
select '192.168.1.5'::inet - 10, '10.0.0.0/8'::inet - 1, '::1'::inet - 1, '::'::inet + 9223372036854775807;
select '255.255.255.255'::inet + 1;
select '0.0.0.0'::inet - 1;
select '0.0.0.0'::inet + (-1);
select 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'::inet + 1;
select '::'::inet - 1;
select '1.2.3.4'::inet - (-9223372036854775808)::int8;
select '192.168.1.5'::inet - '192.168.1.1'::inet, '192.168.1.1'::inet - '192.168.1.5'::inet, '0.0.0.0'::inet - '255.255.255.255'::inet;
select '::1:0:0:0'::inet - '::'::inet, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'::inet - '::'::inet, '10.0.0.0/8'::cidr - '9.0.0.0/8'::cidr;
select '::1:0:0:0:0'::inet - '::'::inet;
select '::'::inet - '::1:0:0:0:0'::inet;
select '::'::inet - '::8000:0:0:0'::inet;
select '1.2.3.4'::inet - '::1'::inet;
select '1.2.3.4'::inet + '1.2.3.4'::inet;
select '10.0.0.0/8'::cidr << '10.0.0.0/7'::cidr, '10.1.0.0/16'::cidr <<= '10.0.0.0/8', '10.0.0.0/8' >>= '10.1.2.3'::inet, '10.0.0.0/8'::cidr >> '10.1.2.3';
select '10.0.0.0/8'::cidr = '10.0.0.0/8'::inet, '10.0.0.0/8'::cidr < '10.0.0.1'::inet, '192.168.1.5' < '192.168.1.6'::inet;
select * from inet_op_t where a << '192.168.0.0/16' order by a;
select * from inet_op_t where a && '10.0.0.0/8'::cidr order by a, b;
select a, b from inet_op_t where a = b or a > b order by 1, 2;
select count(*), count(distinct a), count(distinct network(a)) from inet_op_t;
select null::inet << '1.2.3.4', '1.2.3.4'::inet + null, ~ null::inet;
drop table inet_op_t;
