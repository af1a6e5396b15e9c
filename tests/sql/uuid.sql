-- uuid: input forms, output, comparison, casts, arrays (recorded from PostgreSQL 15).
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select '{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}'::uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid;
select 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11x'::uuid;
select '00000000-0000-0000-0000-000000000001'::uuid < 'ffffffff-0000-0000-0000-000000000000'::uuid as lt,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid as eq,
       '10000000-0000-0000-0000-000000000000'::uuid >= '0fffffff-ffff-ffff-ffff-ffffffffffff'::uuid as ge;
select u from (values ('c0000000-0000-0000-0000-000000000000'::uuid), ('a0000000-0000-0000-0000-000000000000'),
  ('b0000000-0000-0000-0000-000000000000')) v(u) order by u desc;
select '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}'::uuid[];
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::text::uuid;
select max(u::text) from (values ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid)) v(u);
select 'x'::pg_node_tree;
