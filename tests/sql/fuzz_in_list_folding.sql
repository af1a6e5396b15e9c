-- An IN list of constants over a constant folds at plan time, so a CASE
-- arm it decides against is dropped before it is folded (its division by
-- zero is never raised).
select case when (1 in (65536, -7, 1, 65536) or null::bool) then 1.5 else mod(-3::int2, 0::int2) end as c;
select case when 2 not in (1, 3, 4) then 'yes' else (1 / 0)::text end;
select 1 in (2, 3, null), 1 not in (2, 3, null), 1 in (1, null), null::int in (1, 2);
select case when 5 in (1, 2) then 1 / 0 else 0 end;
