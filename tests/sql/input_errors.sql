-- Input that PostgreSQL's input functions refuse gets their error, also for
-- types whose values the server does not store yet (uuid, json, jsonb, bit).
select 'x'::uuid;
select ' a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid;
select '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
select B'102';
select X'G';
select B'1 0';
\set VERBOSITY terse
select '{'::json;
select '[1,2'::jsonb;
select '{"a":}'::jsonb;
select '1 2'::json;
select '"\ud800"'::jsonb;
select '"\u0000"'::jsonb;
select '[1,]'::json;
select '{"a" 1}'::json;
select '{1:2}'::json;
select 'tru'::json;
select '01'::json;
select '"a\qb"'::json;
