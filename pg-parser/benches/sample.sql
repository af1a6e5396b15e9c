-- A sample of SQL for pg-parser's bench (benches/parse.rs) and for the comparison with
-- sqlparser-rs (tools/sqlparser-compare). Written for this project: the kinds of statements an
-- application and its migrations send, short and long, PostgreSQL's own syntax included.
SELECT 1;
SELECT id, name, email FROM users WHERE id = $1;
SELECT * FROM orders WHERE customer_id = 42 AND status IN ('open', 'pending') ORDER BY created_at DESC LIMIT 20 OFFSET 40;
SELECT count(*) FROM events WHERE occurred_at >= now() - interval '7 days';
SELECT u.id, u.name, count(o.id) AS orders, sum(o.total) AS spent
  FROM users u LEFT JOIN orders o ON o.user_id = u.id
 WHERE u.active AND u.created_at < '2024-01-01'
 GROUP BY u.id, u.name
HAVING sum(o.total) > 1000
 ORDER BY spent DESC NULLS LAST
 LIMIT 10;
SELECT p.sku, p.title, c.name AS category
  FROM products p
  JOIN categories c USING (category_id)
 WHERE p.price BETWEEN 10 AND 99.95 AND p.title ILIKE '%lamp%';
SELECT DISTINCT ON (account_id) account_id, balance, recorded_at
  FROM balances ORDER BY account_id, recorded_at DESC;
SELECT a.x, b.y FROM a CROSS JOIN b WHERE a.x <> b.y;
SELECT * FROM t1 NATURAL FULL OUTER JOIN t2;
SELECT name, salary, rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r,
       avg(salary) OVER w AS dept_avg,
       sum(salary) OVER (ORDER BY hired ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
  FROM staff WINDOW w AS (PARTITION BY dept);
WITH recent AS (
  SELECT user_id, max(created_at) AS last_seen FROM sessions GROUP BY user_id
), inactive AS (
  SELECT user_id FROM recent WHERE last_seen < now() - interval '90 days'
)
SELECT u.* FROM users u WHERE u.id IN (SELECT user_id FROM inactive);
WITH RECURSIVE tree(id, parent_id, depth) AS (
  SELECT id, parent_id, 0 FROM nodes WHERE parent_id IS NULL
  UNION ALL
  SELECT n.id, n.parent_id, t.depth + 1 FROM nodes n JOIN tree t ON n.parent_id = t.id
)
SELECT * FROM tree ORDER BY depth, id;
SELECT CASE WHEN score >= 90 THEN 'A' WHEN score >= 80 THEN 'B' WHEN score >= 70 THEN 'C' ELSE 'F' END AS grade, count(*)
  FROM results GROUP BY 1 ORDER BY 1;
SELECT coalesce(nickname, first_name || ' ' || last_name) AS display, nullif(phone, '') FROM people;
SELECT id FROM documents WHERE tags @> ARRAY['urgent'] AND body ~* 'invoice';
SELECT data->>'name' AS name, (data->'address'->>'zip')::int AS zip FROM profiles WHERE data ? 'address';
SELECT x::numeric(10, 2), CAST(y AS varchar(20)), z::timestamp with time zone FROM conversions;
SELECT EXISTS (SELECT 1 FROM locks WHERE resource = 'cache' AND expires_at > now());
SELECT * FROM accounts WHERE balance > ALL (SELECT limit_amount FROM limits WHERE kind = 'overdraft');
SELECT id, (SELECT max(v) FROM readings r WHERE r.sensor_id = s.id) AS peak FROM sensors s;
SELECT * FROM generate_series(1, 10) AS g(n) WHERE n % 2 = 0;
SELECT * FROM unnest(ARRAY[1, 2, 3]) WITH ORDINALITY AS u(v, i);
SELECT l.*, r.total FROM ledger l, LATERAL (SELECT sum(amount) AS total FROM entries e WHERE e.ledger_id = l.id) r;
SELECT date_trunc('month', created_at) AS month, count(*) FILTER (WHERE refunded) AS refunds, count(*) AS sales
  FROM payments GROUP BY 1 ORDER BY 1;
SELECT string_agg(name, ', ' ORDER BY name) FROM tags WHERE post_id = 7;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) FROM requests;
SELECT a FROM t1 UNION SELECT a FROM t2 EXCEPT SELECT a FROM t3 INTERSECT SELECT a FROM t4;
SELECT * FROM queue WHERE state = 'ready' ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED;
SELECT * FROM inventory WHERE warehouse_id = 3 FOR SHARE NOWAIT;
SELECT extract(year FROM born) AS y, substring(code FROM 2 FOR 3), position('x' IN code), trim(both ' ' FROM label) FROM things;
SELECT 'it''s', E'line\nbreak', $$dollar 'quoted'$$, B'1010', X'FF', 1.5e10, -42, TRUE, NULL;
SELECT current_date, current_timestamp, localtime(3), current_user, session_user;
SELECT a IS DISTINCT FROM b, c IS NOT NULL, d IS TRUE, e NOT BETWEEN 1 AND 5, f NOT LIKE 'x%' FROM checks;
SELECT greatest(a, b, c), least(a, b), row(a, b) = row(c, d) FROM tuples;
SELECT array_agg(x ORDER BY x DESC), arr[1], arr[2:3] FROM arrays GROUP BY arr;
SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, 'three')) AS v(num, word);
VALUES (1, 2), (3, 4);
TABLE audit_log;
INSERT INTO users (name, email, created_at) VALUES ('Ada', 'ada@example.com', now());
INSERT INTO users (name, email) VALUES ('Bob', 'bob@example.com'), ('Cy', 'cy@example.com') RETURNING id;
INSERT INTO archive SELECT * FROM orders WHERE created_at < '2020-01-01';
INSERT INTO counters (key, n) VALUES ('hits', 1) ON CONFLICT (key) DO UPDATE SET n = counters.n + excluded.n;
INSERT INTO settings (name, value) VALUES ('theme', 'dark') ON CONFLICT DO NOTHING;
INSERT INTO t DEFAULT VALUES;
UPDATE accounts SET balance = balance - 100, updated_at = now() WHERE id = 17 RETURNING balance;
UPDATE products p SET price = p.price * 1.1 FROM categories c WHERE c.id = p.category_id AND c.name = 'books';
UPDATE points SET (x, y) = (y, x) WHERE swapped;
DELETE FROM sessions WHERE expires_at < now();
DELETE FROM order_items oi USING orders o WHERE oi.order_id = o.id AND o.status = 'cancelled';
WITH moved AS (DELETE FROM inbox WHERE read RETURNING *) INSERT INTO archive SELECT * FROM moved;
MERGE INTO stock s USING deliveries d ON s.item = d.item
  WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty
  WHEN NOT MATCHED THEN INSERT (item, qty) VALUES (d.item, d.qty);
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  email varchar(255) UNIQUE NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (email LIKE '%@%')
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  total numeric(12, 2) NOT NULL CHECK (total >= 0),
  status text NOT NULL DEFAULT 'open',
  created_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS measurements (city_id int, logdate date, peak int) PARTITION BY RANGE (logdate);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TEMP TABLE scratch AS SELECT * FROM users WHERE false;
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb) WITH (fillfactor = 70);
CREATE INDEX orders_user_idx ON orders (user_id);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower ON users (lower(email)) WHERE active;
CREATE INDEX docs_tags_gin ON documents USING gin (tags) INCLUDE (id);
CREATE VIEW active_users AS SELECT id, name FROM users WHERE active;
CREATE OR REPLACE VIEW order_totals (user_id, total) AS SELECT user_id, sum(total) FROM orders GROUP BY user_id;
CREATE MATERIALIZED VIEW daily_sales AS SELECT date_trunc('day', created_at) AS day, sum(total) FROM orders GROUP BY 1 WITH NO DATA;
CREATE SEQUENCE invoice_seq START WITH 1000 INCREMENT BY 1 NO CYCLE;
CREATE SCHEMA IF NOT EXISTS reporting AUTHORIZATION analyst;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE address AS (street text, city text, zip varchar(10));
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
CREATE ROLE analyst WITH LOGIN PASSWORD 'secret' VALID UNTIL '2030-01-01';
CREATE POLICY own_rows ON documents FOR SELECT TO analyst USING (owner = current_user);
CREATE PUBLICATION sales_pub FOR TABLE orders, TABLE order_items (id, qty) WHERE (qty > 0);
ALTER TABLE users ADD COLUMN last_login timestamptz;
ALTER TABLE users ALTER COLUMN name SET DATA TYPE varchar(200), ALTER COLUMN active DROP DEFAULT;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('open', 'paid', 'cancelled')) NOT VALID;
ALTER TABLE orders RENAME COLUMN total TO amount;
ALTER TABLE IF EXISTS legacy RENAME TO legacy_old;
ALTER INDEX orders_user_idx SET (fillfactor = 90);
ALTER SEQUENCE invoice_seq RESTART WITH 5000;
ALTER ROLE analyst SET search_path TO reporting, public;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO analyst;
DROP TABLE IF EXISTS scratch, cache CASCADE;
DROP INDEX CONCURRENTLY IF EXISTS docs_tags_gin;
DROP VIEW active_users;
DROP FUNCTION add(integer, integer);
TRUNCATE TABLE sessions, events RESTART IDENTITY;
GRANT SELECT, INSERT ON orders TO analyst;
GRANT USAGE ON SCHEMA reporting TO analyst WITH GRANT OPTION;
REVOKE ALL ON users FROM PUBLIC;
COMMENT ON TABLE users IS 'People who can sign in';
COPY users (id, name) FROM STDIN WITH (FORMAT csv, HEADER true);
COPY (SELECT * FROM orders WHERE status = 'paid') TO STDOUT WITH (FORMAT csv);
BEGIN;
BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY;
SAVEPOINT before_update;
ROLLBACK TO SAVEPOINT before_update;
RELEASE SAVEPOINT before_update;
COMMIT;
SET search_path TO reporting, public;
SET LOCAL statement_timeout = '5s';
SET TIME ZONE 'UTC';
RESET ALL;
SHOW work_mem;
EXPLAIN SELECT * FROM orders WHERE user_id = 1;
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM events;
PREPARE find_user (bigint) AS SELECT * FROM users WHERE id = $1;
EXECUTE find_user (42);
DEALLOCATE find_user;
DECLARE c CURSOR WITH HOLD FOR SELECT * FROM big_table;
FETCH FORWARD 100 FROM c;
CLOSE c;
LISTEN jobs;
NOTIFY jobs, 'run 17';
LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE;
VACUUM (VERBOSE, ANALYZE) orders;
ANALYZE users (email);
REINDEX TABLE CONCURRENTLY orders;
CLUSTER orders USING orders_user_idx;
REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;
DO $$ BEGIN RAISE NOTICE 'hello'; END $$;
CALL process_queue(10);
DISCARD ALL;
