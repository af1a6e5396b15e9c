-- float4 and float8 input reads what C's strtod reads, hexadecimal
-- floats included (correctly rounded, ties to even).
select '0x1p3'::float8, '0x1.8p1'::float4, ' 0X10 '::float8, '-0x.8p-1'::float8;
select '0x1p-1074'::float8, '0x1.8p-1075'::float8, '0x1p1023'::float8, '0x1.fffffffffffff7ffffffffffffffffffffp1023'::float8;
select '0x1.00000000000008p0'::float8 = 1, '0x1.000000000000080000000000000000000001p0'::float8 = 1;
select '0x1p-149'::float4, '0x1.000001p0'::float4, '0x1.0000018p0'::float4, '0xffffffffffffffffffffffffffffffffff'::float8;
select '+0xABCp-4'::float8, '0x0p99999999999999999999'::float8, '0x.0001'::float4;
-- Out of range (a rounding to zero or to infinity) and bad syntax.
select '0x1p-1075'::float8;
select '0x1.fffffffffffff8p1023'::float8;
select '0x1p128'::float4;
select '0x1p-150'::float4;
select ' 1e999 '::float8;
select '0x'::float8;
select '0x1p'::float8;
select '0x1.2.3'::float8;
select '0xg'::float4;
select '--0x1'::float8;
