-- Edge cases of the formatting functions: very wide templates and values,
-- EEEE rounding, V with many digits, interval extremes, year 0 and
-- negative years, Julian day limits, ISO and Gregorian week fields out of
-- range, time zone offset signs, and non-ASCII literals.
select to_char(1e100::numeric, repeat('9', 105));
select to_char(123.456::numeric, '9.' || repeat('9', 30));
select to_char(1e300::float8, repeat('9', 310) || '.99');
select to_char(-1e-300::float8, '9.99EEEE'), to_char(1e-300::float8, '9.' || repeat('9',20) || 'EEEE');
select to_char(123::numeric, '9V' || repeat('9', 30));
select to_char(12::int4, '99V999999999'), to_char(12::int4, '99V9999999999'), to_char(12::int4, '9V99999999999');
select to_char(9.9999::numeric, '9.9EEEE'), to_char(99999::numeric, '9.99EEEE'), to_char(0.00099999::numeric, '9.99EEEE'), to_char(-1234.5::numeric, '9.9999EEEE');
select to_char(1.5::float8, '9.9EEEE'), to_char(2.5::float8, '9EEEE'), to_char(1e100::float8, '9.9EEEE'), to_char(1.5e-100::float8, '9.9EEEE');
select to_char(5::int4, '9.9EEEE'), to_char(-5::int4, 'EEEE'), to_char(123456789::int4, '9.99999999999EEEE');
select to_number(repeat('9', 40), repeat('9', 40));
select to_number('1' || repeat('0', 30) || '.5', repeat('9', 31) || '.9');
select to_number('12345', '99V999'), to_number('-12.345', 'S99.999V9');
select to_char(1234567.891::float4, '9999999.999'), to_char(0.1::float4, '0.99999999'), to_char(1234567890123456789::float8, '9999999999999999999.99');
select to_char(interval '100000000 hours', 'HH24 HH SSSS'), to_char(interval '-100000000 hours', 'HH24 HH12');
select to_char(interval '178956970 years 7 months', 'YYYY Y,YYY CC'), to_char(interval '-178956970 years -8 months', 'YYYY MM RM');
select to_char(timestamp '2024-01-01', 'FMDDTH FMDDth DDsp'), to_char(timestamp '2024-01-01', 'TMDDth'), to_char(timestamp '2024-01-02', 'FMJth');
select to_char(timestamp '2026-06-01', 'Y,YYYTH'), to_char(timestamp '10000-01-01', 'Y,YYY'), to_char(timestamp '0999-01-01 BC', 'Y,YYY YYYY');
select to_timestamp('2024-03-05 14:07:09.1234567', 'YYYY-MM-DD HH24:MI:SS.US');
select to_timestamp('2024-03-05 14:07:09.1234', 'YYYY-MM-DD HH24:MI:SS.FF2');
select to_timestamp('1', 'SSSS'), to_timestamp('86399', 'SSSS'), to_timestamp('86400', 'SSSS');
select to_timestamp('12:5', 'HH12:MI'), to_timestamp('5 PM', 'HH PM'), to_timestamp('5 pm', 'HH AM');
select to_timestamp('2147483648', 'YYYY');
select to_timestamp('-2147483648', 'J');
select to_timestamp('0', 'J'), to_date('1', 'J'), to_date('2147483647', 'J');
select to_date('0000-01-01', 'YYYY-MM-DD'), to_date('-0001-01-01', 'YYYY-MM-DD'), to_date('0 BC', 'YYYY BC');
select to_date('2024 13', 'YYYY W');
select to_date('2024 53', 'YYYY WW'), to_date('2024 54', 'YYYY WW');
select to_date('2024 0', 'YYYY DDD'), to_date('2024 367', 'YYYY DDD');
select to_date('2024-02 40', 'YYYY-MM DDD'), to_date('2024-01-05 40', 'YYYY-MM-DD DDD');
select to_date('2024 60 03', 'YYYY DDD MM');
select to_date('2024 8', 'YYYY D'), to_date('2024 9', 'IYYY ID'), to_date('2024 1 8', 'IYYY IW ID');
select to_date('20 24', 'CC YY'), to_date('-20 24', 'CC YY'), to_date('20 2024', 'CC YYYY'), to_date('0', 'CC');
select to_timestamp('2024-03-05 14:07 +5', 'YYYY-MM-DD HH24:MI TZH'), to_timestamp('2024-03-05 14:07 -5', 'YYYY-MM-DD HH24:MI TZH'), to_timestamp('2024-03-05 14:07 5', 'YYYY-MM-DD HH24:MI TZH');
select to_timestamp('2024-03-05 14:07 -05:30', 'YYYY-MM-DD HH24:MI TZH:TZM'), to_timestamp('2024-03-05 14:07-05:30', 'YYYY-MM-DD HH24:MITZH:TZM'), to_timestamp('2024-03-05 14:07  -5', 'YYYY-MM-DD HH24:MI TZH');
select to_timestamp('2024-03-05 14:07 -', 'YYYY-MM-DD HH24:MI TZH');
select to_timestamp('14:07 -05', 'HH24:MI TZH'), to_timestamp('14:07 05', 'HH24:MI -TZH');
select to_date('Ａ2024', 'xYYYY'), to_date('é2024', 'YYYY'), to_char(timestamp '2024-01-01', 'éYYYY"ü"');
select to_char(12, 'é9'), to_number('é12', 'x99'), to_number('12', 'é99');
-- Templates whose output buffer would pass 1 GB.
select to_char(1, repeat('9', 140000000));
select to_char(timestamp '2024-01-01', repeat('Y', 90000000));
select to_char(timestamp 'infinity', repeat('Y', 90000000)) is null;
-- Numeric rounding to very many decimal places (numeric_round stops at 16383).
select to_char(1.5, '9.' || repeat('9', 1500)) = ' 1.5' || repeat('0', 1499), length(to_char(1.5, '9.' || repeat('9', 2500))), length(to_char(1.5, '9.' || repeat('9', 20000)));
select to_char(('0.' || repeat('0', 1500) || '15')::numeric, '9.' || repeat('9', 1501)) = '  .' || repeat('0', 1500) || '2';
select to_char(-2.5, '9'), to_char(2.5, '9'), to_char(-0.45, '9.9'), to_char(0.45, 'FM9.9'), to_char(1.23456789012345678901234567890, '9.' || repeat('9', 25));
-- to_number's typmod from a template with a thousand digits.
select length(to_number('1.' || repeat('1', 1100), '9.' || repeat('9', 1100))::text), length(to_number(repeat('1', 1100), repeat('9', 1100))::text), to_number('1.5', repeat('9', 33000) || '.9');
