-- to_number: digits, decimal point, group separators, signs (S, MI, PL,
-- SG, PR, leading/trailing), V, fill mode, literal text, the precision it
-- infers from the template, and its errors.
select to_number('123', '999'), to_number('-123', '999'), to_number('+123', '999'), to_number('  123', '999'), to_number('12', '999');
select to_number('1,234,567', '9,999,999'), to_number('1,234.5', '9G999D9'), to_number('12,454.8-', '99G999D9S'), to_number('12,454.8+', '99G999D9S');
select to_number('123.456', '999.999'), to_number('123.456', '999.9'), to_number('123.4', '999.999'), to_number('.5', '9.9'), to_number('0.5', '9.9');
select to_number('-5', 'S9'), to_number('+5', 'S9'), to_number('5-', '9S'), to_number('5-', '9MI'), to_number('-5', 'MI9'), to_number('5+', '9PL'), to_number('-5', 'SG9'), to_number('+5', 'SG9');
select to_number('<123>', '999PR'), to_number('123', '999PR'), to_number('$1,234.56', 'L9,999.99'), to_number('USD1234', 'LLL9999');
select to_number('12', '99V9'), to_number('1234', '99V99'), to_number('5', '9V9'), to_number('123', 'FM999'), to_number('1 2 3', '9 9 9');
select to_number('abc123', 'xxx999'), to_number('123abc', '999'), to_number('12x3', '99x9'), to_number('1.2.3', '9.9.9');
select to_number('5.01-', 'FM9.999999MI'), to_number('123.001-', 'FM9999.9999999S'), to_number('.5-', '9.9S'), to_number('1 -', '9S');
select to_number('12th', '99th'), to_number('12', ''), to_number('', '999'), to_number('0', '9'), to_number('00012', '99999');
select to_number('1234567890123456789012345', '9999999999999999999999999'), to_number('1e5', '9E9');
select to_number('-34,338,492', '99G999G999'), to_number('-34,338,492.654,878', '99G999G999D999G999'), to_number('<564646.654564>', '999999.999999PR'), to_number('0.00001-', '9.999999S');
select to_number('5.01-', 'FM9.999999S'), to_number('5.01-', 'FM9.999999MI'), to_number('5 4 4 4 4 8 . 7 8', '9 9 9 9 9 9 . 9 9'), to_number('.01', 'FM9.99'), to_number('.0', '99999999.99999999');
select to_number('0', '99.99'), to_number('.-01', 'S99.99'), to_number('.01-', '99.99S'), to_number(' . 0 1-', ' 9 9 . 9 9 S'), to_number('34,50','999,99'), to_number('123,000','999G');
select to_number('123456', '999G999'), to_number('$1234.56','L9,999.99'), to_number('$1234.56','L99,999.99'), to_number('1234.56','L99,999.99'), to_number('1,234.56','L99,999.99'), to_number('42nd', '99th');
select to_number('', '');
select to_number('abc', '999');
select to_number('-', '999');
select to_number('1234', '99');
select to_number('123', '9.9.9');
select to_number('12', '9EEEE');
select to_number('12', 'RN');
select to_number('12', 'S9S');
select pg_typeof(to_number('1', '9')), to_number(null, '9'), to_number('1', null);
-- TH skips two non-data characters, except in a template with a decimal point.
select to_number('$12', 'th0.PR'), to_number('ab12', 'TH99'), to_number('12ab3', '99th9');
select to_number('- 5', '.THB MI9');
