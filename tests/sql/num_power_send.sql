-- power(numeric, numeric) with bases very close to 1 and huge exponents
-- (the result weight is estimated from ln(base) at a scale past its own
-- weight), and the binary send functions of the numeric types.
select round(((1 - 1.500012345678e-1000) ^ 1.45e1003) * 1e1000);
select power(1.0000000001, 1e12), power(1.0000000001, -1e12);
select power(1 + 1e-500, 2.5e500), power(1 - 1e-30, 1e30);
select power(2.5, 3.5), power(2.5, -3.5), power(0.999, 1000.5), power(1e-100, 0.5);
select power(10, 1e10::numeric + 0.5);
select power(0.1, 1e10::numeric + 0.5);
select power(1.0001, 1e30);
select float4send('5e-20'::float4), float4send('1.17549435e-38'::float4), float4send('-0'::float4), float4send('NaN'::float4);
select float8send('2.2250738585072014E-308'::float8), float8send('-Infinity'::float8), float8send(1.5);
select int2send(-2::int2), int4send(16909060), int8send(-1::int8);
select numeric_send(0::numeric), numeric_send(-12.3400::numeric), numeric_send('NaN'), numeric_send('-Infinity');
select numeric_send(1e-20), numeric_send(123456789012.5);
select numeric_inc(1), numeric_inc(-1.5), numeric_inc(9.99), numeric_inc('NaN'), numeric_inc('-Infinity');
select numeric_inc(9e131071::numeric + (10::numeric ^ 131071 - 9e131071) - 1);
select * from generate_series(1::numeric, 3::numeric, 'nan'::numeric);
select * from generate_series(1::numeric, 3::numeric, 'infinity'::numeric);
select * from generate_series('nan'::numeric, 3::numeric);
select * from generate_series(1::numeric, '-infinity'::numeric);
select * from generate_series('infinity'::numeric, 3::numeric, 1);
