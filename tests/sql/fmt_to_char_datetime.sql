-- to_char of timestamp, timestamptz and interval with date/time templates:
-- every field, the FM, TM, TH/th and SP modifiers, quoted text and
-- backslash escapes, BC years, ISO weeks, time zones, and the errors of
-- fields that intervals do not have.
set timezone = 'America/New_York';
select to_char(timestamp '2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.US');
select to_char(timestamp '2024-03-05 14:07:09.123456', 'HH HH12 HH24 MI SS MS US FF1 FF2 FF3 FF4 FF5 FF6 SSSS SSSSS');
select to_char(timestamp '2024-03-05 00:07:09', 'HH HH12 AM PM am pm A.M. P.M. a.m. p.m.'), to_char(timestamp '2024-03-05 12:00:00', 'HH12 AM a.m.');
select to_char(timestamp '2024-03-05 14:07:09', 'Y,YYY YYYY YYY YY Y IYYY IYY IY I');
select to_char(timestamp '2024-03-05 14:07:09', 'BC AD bc ad B.C. A.D. b.c. a.d.');
select to_char(timestamp '0044-03-15 12:00:00 BC', 'YYYY Y,YYY YYY YY Y BC b.c. CC IYYY');
select to_char(timestamp '2024-03-05', 'MONTH Month month MON Mon mon MM'), to_char(timestamp '2024-09-05', 'FMMonth|FMMONTH|FMmonth|Month|');
select to_char(timestamp '2024-03-05', 'DAY Day day DY Dy dy D ID'), to_char(timestamp '2024-03-10', 'FMDay|Day|D|ID');
select to_char(timestamp '2024-03-05', 'DDD IDDD DD J W WW IW Q CC RM rm');
select to_char(timestamp '2024-12-30', 'IYYY-IW-ID IDDD WW W'), to_char(timestamp '2021-01-01', 'IYYY IW ID IDDD YYYY WW'), to_char(timestamp '2020-12-31', 'IYYY IW IDDD');
select to_char(timestamp '2024-03-05 04:07:09', 'FMHH24:FMMI:FMSS FMDD FMMM FMDDD FMIW FMYYYY FMCC');
select to_char(timestamp '2024-03-01 04:07:09', 'DDth DDTH HH24th MIth SSTH MMth Dth Jth YYYYth CCth Qth Wth IWth FMDDth'), to_char(timestamp '2024-03-02', 'DDth'), to_char(timestamp '2024-03-03', 'DDth'), to_char(timestamp '2024-03-11', 'DDth'), to_char(timestamp '2024-03-22', 'FMDDTH');
select to_char(timestamp '2024-03-05', 'TMMonth TMDay TMMON TMDY TMmonth'), to_char(timestamp '2024-03-05', 'DDSP'), to_char(timestamp '2024-03-05', 'FMx FXDD');
select to_char(timestamp '2024-03-05 14:07:09', '"Year" YYYY "and" "quoted \"text\"" HH24'), to_char(timestamp '2024-03-05', 'YYYY\"MM\"'), to_char(timestamp '2024-03-05', '\YYYY');
select to_char(timestamp '2024-03-05', 'yyyy-mm-dd hh24:mi:ss iyyy iw id ddd cc j q w ww'), to_char(timestamp '2024-03-05', 'Dd Mm Yy'), to_char(timestamp '2024-03-05', 'aMonth');
select to_char(timestamp '2024-03-05 14:07:09', 'TZ tz TZH TZM OF'), to_char(timestamp '2024-03-05', '');
select to_char(timestamptz '2024-03-05 14:07:09+00', 'YYYY-MM-DD HH24:MI:SS TZ tz TZH:TZM OF FMOF');
select to_char(timestamptz '2024-07-05 14:07:09+00', 'YYYY-MM-DD HH24:MI:SS TZ TZH:TZM OF');
set timezone = 'Asia/Kolkata';
select to_char(timestamptz '2024-07-05 14:07:09+00', 'HH24:MI TZ TZH TZM OF FMOF');
set timezone = 'UTC';
select to_char(timestamptz '2024-07-05 14:07:09+00', 'HH24:MI TZ tz OF');
set timezone = 'America/St_Johns';
select to_char(timestamptz '2024-07-05 14:07:09+00', 'HH24:MI TZ TZH:TZM OF');
set timezone = 'America/New_York';
select to_char(timestamp 'infinity', 'YYYY'), to_char(timestamptz '-infinity', 'YYYY'), to_char(timestamp '2024-01-01', null);
select to_char(timestamp '294276-12-31 23:59:59.999999', 'YYYY Y,YYY CC IYYY IW'), to_char(timestamp '4713-11-24 BC', 'YYYY BC J DDD IYYY IW D');
select to_char(timestamp '1999-12-31 23:59:59', 'CC'), to_char(timestamp '2000-01-01', 'CC'), to_char(timestamp '2001-01-01', 'CC'), to_char(timestamp '0001-01-01 BC', 'CC YYYY'), to_char(timestamp '0100-01-01 BC', 'CC'), to_char(timestamp '0101-01-01 BC', 'CC');
select to_char(date '2024-02-29', 'YYYY-MM-DD DDD'), to_char(date '2024-02-29'::timestamptz, 'YYYY-MM-DD TZ');
select to_char(interval '1 year 2 months 3 days 04:05:06.789', 'YYYY MM DD HH24 MI SS MS US DDD');
select to_char(interval '-1 year -2 months -3 days -04:05:06.789', 'YYYY MM DD HH24 HH MI SS MS US FF2 DDD');
select to_char(interval '15 hours 3 minutes', 'HH HH12 HH24 AM am SSSS CC Y,YYY YYY YY Y Q W WW J');
select to_char(interval '125 hours', 'HH24:MI:SS'), to_char(interval '0', 'HH:MI:SS RM'), to_char(interval '3 months', 'RM rm FMRM|'), to_char(interval '-3 months', 'RM'), to_char(interval '2 years', 'RM'), to_char(interval '-2 years', 'RM');
select to_char(interval '1234 years', 'YYYY IYYY CC FMYYYY'), to_char(interval '1 day', 'DDth'), to_char(interval '1 day', '');
select to_char(interval '1 day', 'Day');
select to_char(interval '1 day', 'DY');
select to_char(interval '1 day', 'D');
select to_char(interval '1 day', 'ID');
select to_char(interval '1 month', 'Month');
select to_char(interval '1 month', 'MON');
select to_char(interval '1 day', 'TZ');
select to_char(interval '1 day', 'OF');
select to_char(interval '1 day', 'TZH');
select to_char(interval '1 day', 'AD');
select to_char(interval '1 day', 'b.c.');
select to_char(interval '0 months', 'Month');
-- Overload resolution: a date is formatted as timestamptz, int2 as int4,
-- two unknown literals are ambiguous.
set timezone = 'Europe/Paris';
select to_char(date '2024-02-29', 'YYYY TZ OF'), to_char(1::int2, 'RN'), to_char(interval '1 day', '9'), to_char(1.5::float4 * 2, '9.9');
select to_char('12', '99');
