-- power(numeric, numeric) with a fractional exponent takes its result
-- scale from PostgreSQL's low-precision estimate of the result's weight
-- (ln(base) to about 8 significant digits, times exp, as a float).
select power(1e-20, 1.5::numeric), power(0.1, 1.0000000001::numeric);
select power(1e-20, 9.7::numeric), power(2::numeric, 0.5), power(10::numeric, -2.5);
select power(1.000000000000000000001, 0.5::numeric), power(123456.789, 3.3::numeric);
