-- A cast of a NULL constant is NULL at plan time, even one that reads
-- TimeZone, so a strict operator over it is never called.
select timestamp '294276-12-31 23:59:59', (((null::date)::timestamptz - (date '5874897-12-31')::timestamptz) + interval '1 year');
select null::date::timestamptz - date '5874897-12-31'::timestamptz;
select pg_typeof(null::date::timestamptz), null::text::timestamptz is null;
select (date '5874897-12-31')::timestamptz;
