-- Expressions without FROM.
SELECT 1;
SELECT 1 + 2 AS three, 'a' || 'b';
