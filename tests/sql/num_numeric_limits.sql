-- numeric at the edges of its storage format: display scales up to
-- NUMERIC_DSCALE_MAX (16383) in input, products and round/trunc; digits up to
-- 131072 before the point; round's carry out of the top digit overflowing.
select '1.2345e-16379'::numeric = 12345e-16383, scale('1.2345e-16379'::numeric);
select '0e-16383'::numeric = 0, scale('0e-16383'::numeric), '0e1000000'::numeric, '-0.0e-5'::numeric;
select '1e-16384'::numeric;
select '0e-16384'::numeric;
select '12e-16384'::numeric;
select '1e131071'::numeric = 10::numeric ^ 131071;
select '1e131072'::numeric;
select '1e2147483647'::numeric;
select '1e-2147483647'::numeric;
select length('9.99e-16381'::numeric::text), '9.99e-16381'::numeric > 0;
select trim_scale((0.1 - 2e-16383) * (0.1 - 3e-16383));
select scale(1e-10000 * 1e-10000), 1e-10000 * 1e-10000 = 0;
select scale(5e-16383 * 0.5), 5e-16383 * 0.5 = 3e-16383;
select round(4.4e131071, -131071) = 4e131071, round(4.5e131071, -131071) = 5e131071;
select round(4.5e131071, -131072), round(5.5e131071, -131073), round(5.5e131071, -1000000);
select round(5.5e131071, -131072);
select round(9.5e131071, -131071);
select round(5e-16383, 1000000) = 5e-16383, round(5e-16383, 16383) = 5e-16383;
select round(5e-16383, 16382) = 1e-16382, round(5e-16383, 16381) = 0;
select scale(round(1.5, 2500)), scale(round(1.5, 16383)), scale(round(1.5, 20000));
select trunc(9.9e131071, -131071) = 9e131071, trunc(9.9e131071, -131072), trunc(9.9e131071, -1000000);
select trunc(5e-16383, 1000000) = 5e-16383, trunc(5e-16383, 16383) = 5e-16383, trunc(5e-16383, 16382) = 0;
select scale(trunc(1.5, 2500)), trunc(-123.456, -2), trunc(-123.456, -3), round(-150, -2), round(-149.99, -2);
select round(0.5), round(-0.5), round(2.5), round(-2.5), trunc(-2.9), round(1234.5678, 2), round(1234.5678, -2);
select round('NaN'::numeric, 2), round('Infinity'::numeric, -2), trunc('-Infinity'::numeric, 3);
