-- inet and cidr functions as PostgreSQL 15's network.c
create table inet_fn_t (i inet, c cidr);
insert into inet_fn_t values
  ('192.168.1.226/24', '192.168.1.0/24'), ('192.168.1.226', '192.168.1.0/26'),
  ('10.1.2.3/8', '10.0.0.0/8'), ('10.1.2.3/0', '0.0.0.0/0'), ('255.255.255.255/31', '255.255.255.254/31'),
  ('::1', '::1/128'), ('2001:db8::ff00:42:8329/64', '2001:db8::/32'), ('::ffff:1.2.3.4/100', '::ffff:0:0/96'),
  ('fe80::1/10', 'fe80::/10'), ('::/0', '::/0');
select i, abbrev(i), broadcast(i), family(i), host(i), hostmask(i), masklen(i) from inet_fn_t;
select i, netmask(i), network(i), text(i), set_masklen(i, 16), set_masklen(i, -1), inet_same_family(i, '1.2.3.4') from inet_fn_t;
select c, abbrev(c), broadcast(c), host(c), masklen(c), netmask(c), network(c), text(c), set_masklen(c, 8) from inet_fn_t;
select abbrev(c::inet), abbrev(c) from inet_fn_t;
select abbrev('1:0:2::/64'::cidr), abbrev('1:0:0:2:0:3::/128'::cidr), abbrev('::1.2.3.0/120'::cidr), abbrev('0:0:1::/48'::cidr);
select abbrev('10.1.2.0/23'::cidr), abbrev('10.1.2.128/25'::cidr), abbrev('10.0.0.0/8'::cidr), abbrev('0.0.0.0/0'::cidr);
select abbrev('10.1.2.0/23'), host('10.1.2.3/8'), masklen('::/0'), family('::1'), network('10.1.2.3/8');
select inet_merge('192.168.1.5/24', '192.168.2.5/24'), inet_merge('192.168.1.5', '192.168.1.5'), inet_merge('10.0.0.0/8', '11.0.0.0/8');
select inet_merge('2001:db8::1', '2001:db8::ffff'), inet_merge('::', 'ffff::'), inet_merge('1.2.3.4/0', '5.6.7.8');
select inet_merge('1.2.3.4', '::1');
select inet_same_family('1.2.3.4', '::1'), inet_same_family('::1', '::2'), inet_same_family('10/8'::cidr, '1.2.3.4');
select set_masklen('192.168.1.5'::inet, 24), set_masklen('192.168.1.0/24'::cidr, 16), set_masklen('192.168.1.0/24'::cidr, 28);
select set_masklen('::1'::inet, 64), set_masklen('2001:db8::/32'::cidr, 16), set_masklen('2001:db8::/32'::cidr, -1);
select set_masklen('1.2.3.4'::inet, 33);
select set_masklen('1.2.3.4'::inet, -2);
select set_masklen('10.0.0.0/8'::cidr, 33);
select set_masklen('::1'::inet, 129);
select set_masklen('::/0'::cidr, -5);
select broadcast('::1/120'), hostmask('::1/120'), netmask('::1/120'), netmask('::/0'), hostmask('1.2.3.4/32');
select max(i), min(i), max(c), min(c), count(distinct network(i)) from inet_fn_t;
select i, c from inet_fn_t order by i desc;
select c, count(*) from inet_fn_t group by c order by c;
select masklen(null::inet), host(null), abbrev(null::cidr), inet_merge(null, '1.2.3.4'), set_masklen(null::inet, 1);
-- the connection's addresses: NULL on a Unix socket, the TCP ends otherwise
select inet_client_addr() is null = (inet_client_port() is null) as same_nullness,
       inet_server_addr() is null = (inet_server_port() is null) as same_nullness2,
       coalesce(inet_server_port() = current_setting('port')::int, true) as server_port,
       coalesce(inet_client_port() between 1 and 65535, true) as client_port,
       coalesce(family(inet_client_addr()) in (4, 6), true) as client_family;
select pg_typeof(inet_client_addr()), pg_typeof(inet_server_port());
drop table inet_fn_t;
