-- extract/date_part of dates past the timestamp range work in days.
select extract(week from date '5874897-12-31'), extract(isoyear from date '5874897-12-31');
select extract(dow from date '5874897-12-31'), extract(isodow from date '5874897-12-31');
select extract(doy from date '5874897-12-31'), extract(year from date '5874897-12-31');
select extract(epoch from date '5874897-12-31'), extract(julian from date '5874897-12-31');
select extract(century from date '2000000-06-15'), extract(millennium from date '2000000-06-15');
select extract(week from date '1000000-01-01'), extract(isoyear from date '1000000-01-01');
select extract(day from date '1000000-01-01'), extract(month from date '1000000-01-01');
select extract(week from date '4713-01-01 BC'), extract(dow from date '4713-01-01 BC');
select extract(year from date 'infinity'), extract(dow from date '-infinity');
select date '5874897-12-31' > timestamp '294276-12-31 23:59:59';
select date '5874897-12-31' < timestamp 'infinity';
select date '5874897-12-31' = timestamp 'infinity';
