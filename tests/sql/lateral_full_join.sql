-- A FULL JOIN inside a LATERAL subquery: each outer row rescans the join
-- with new parameter values, so the inner rows it keeps for the NULL-extended
-- side must be read again (PostgreSQL's regression case for bug #15741).
SELECT * FROM (VALUES (1), (2)) v1(r1),
    LATERAL (SELECT * FROM generate_series(1, v1.r1) AS gs1
             FULL JOIN generate_series(1, v1.r1) AS gs4 ON false) AS ss0
ORDER BY 1, 2, 3;
SELECT *
FROM (VALUES (1), (2)) v1(r1)
    LEFT JOIN LATERAL (
        SELECT *
        FROM generate_series(1, v1.r1) AS gs1
        LEFT JOIN LATERAL (
            SELECT *
            FROM generate_series(1, gs1) AS gs2
            LEFT JOIN generate_series(1, gs2) AS gs3 ON true
        ) AS ss1 ON true
        FULL JOIN generate_series(1, v1.r1) AS gs4 ON false
    ) AS ss0 ON true
ORDER BY 1, 2, 3, 4, 5;
-- Only the rows the other side did not match are NULL-extended, per outer row.
SELECT v.n, s.*
FROM (VALUES (1), (3)) v(n),
    LATERAL (SELECT a, b FROM generate_series(1, v.n) a
             FULL JOIN generate_series(2, v.n + 1) b ON a = b) s
ORDER BY 1, 2, 3;
-- A scalar subquery over a FULL JOIN that reads an outer column.
SELECT n, (SELECT count(*) FROM generate_series(1, n) a
           FULL JOIN generate_series(1, n * 2) b ON a = b AND a > 1) AS c
FROM generate_series(1, 4) n;
