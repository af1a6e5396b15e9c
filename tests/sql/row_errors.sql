-- Rows of different lengths compared: 42601 at the operator, after the
-- fields' own errors.
SELECT (1, 2) = (1, 2, 3);
SELECT row(1, 2) <> row(1);
SELECT (1, 2) IN ((1, 2, 3));
select (1, 2) is distinct from (1, 2, 3);
select (1, 2) < (1, 'x' + 1, 3);
-- Window functions need OVER (which the server does not run yet).
select row_number();
select rank(), 1;
select pg_catalog.cume_dist();
select row_number(1);
