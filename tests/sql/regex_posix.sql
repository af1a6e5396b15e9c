-- POSIX flavours: BRE (flag b, and flag e, which PostgreSQL 15's flag parsing
-- turns into a BRE too), ERE through the embedded option (?e), and their errors.
select regexp_match('*a', '^*a', 'b');
select regexp_match('a*', 'a**', 'b');
select regexp_match('ab', 'a\{1,2\}b', 'b');
select regexp_match('a{1}', 'a{1}', 'b');
select regexp_match('a|b', 'a|b', 'b');
select regexp_match('ab', '\(a\)\(b\)', 'b');
select regexp_match('a$b', 'a$b', 'b');
select regexp_match('ab', 'a$', 'b');
select regexp_match('a b', '\<b', 'b');
select regexp_match('aab', 'a{2}b', 'e');
select regexp_match('ab', '(a|b)+', 'e');
select regexp_match('a', '()', 'e');
select regexp_match('a.b', 'a\.b', 'e');
select regexp_match('aB', 'ab', 'ei');
select regexp_match('a', 'a**', 'e');
select regexp_match('a', 'a+*', 'e');
select regexp_match('a', '\(', 'b');
select regexp_match('a', '\)', 'b');
select regexp_match('(a)', '(a)', 'b');
select regexp_match('ab', 'a\|b', 'b');
select regexp_match('ab', '\(^a\)', 'b');
select regexp_match('ab', 'x*\(a\)', 'b');
select regexp_match('abab', '\(ab\)*', 'b');
select regexp_match('ab', '[[:alpha:]]\{2\}', 'b');
select regexp_match('a\b', '[\]', 'e');
select regexp_match('a\b', 'a[\]b', 'b');
select regexp_match('a(b)', 'a(b)', 'e'), regexp_match('a(b)', '(?e)a(b)'), regexp_match('abc', '(?e)a(b)c'), regexp_match('a{1}', '(?e)a{1}'), regexp_match('aa', 'a\{2\}', 'e'), regexp_match('ab', 'a(b)', 'eb');
