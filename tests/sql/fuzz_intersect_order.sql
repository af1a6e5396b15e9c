-- INTERSECT reads its smaller arm first (PostgreSQL's hashed SetOp), so of
-- two equal values the smaller arm's is returned; EXCEPT keeps the left's.
VALUES (0::numeric), (NULL) INTERSECT SELECT 0.0;
SELECT 0.0 INTERSECT VALUES (0::numeric), (NULL);
VALUES (0::numeric) INTERSECT SELECT 0.00;
VALUES (1.0), (2.0), (3.0) INTERSECT VALUES (1.00), (3.000) ORDER BY 1;
VALUES (1.00), (3.000) INTERSECT VALUES (1.0), (2.0), (3.0) ORDER BY 1;
VALUES (1.0), (2.0) INTERSECT ALL VALUES (1.00), (1.000), (2.00) ORDER BY 1;
VALUES (1.0), (2.0) EXCEPT VALUES (3.00) ORDER BY 1;
VALUES (1.0), (2.0), (5.0) EXCEPT SELECT 2.00 ORDER BY 1;
SELECT 'a'::char(3) INTERSECT VALUES ('a'::char(1)), ('b'::char(1));
