-- PostgreSQL's regular expression syntax through ~ ~* !~ !~*: ARE escapes,
-- classes, brackets, constraints, quantifier bounds, newline sensitivity,
-- directors and embedded options, and the errors of invalid patterns.
select 'abc' ~ 'b', 'abc' !~ 'b', 'ABC' ~* 'b', 'ABC' !~* 'b', 'ABC' ~ 'b';
select 'abc'::name ~ '^a', 'abc'::name !~* 'B', 'ab '::char(3) ~ 'b $', 'ab '::char(3) ~ 'b$', 'ab '::char(3) ~* 'AB';
select 'a1_' ~ '^\w\d\w$', 'a b' ~ 'a\sb', 'ab' ~ '\D\W', 'a.b' ~ 'a\Wb', 'x' ~ '\S';
select '1a' ~ '^[\d]a$', 'a' ~ '[\D]', ' ' ~ '[\s]', '_' ~ '[\w]', '-' ~ '[\w-]';
select 'Tab' ~ '^[[:upper:]][[:lower:]]+$', '09af' ~ '^[[:xdigit:]]+$', E'\t ' ~ '^[[:blank:]]+$', '!' ~ '[[:punct:]]', 'é' ~ '[[:alpha:]]';
select 'b' ~ '[[:alnum:]]', '_' ~ '[[:word:]]', E'\x01' ~ '[[:cntrl:]]', 'a' ~ '[[:ascii:]]', ' ' ~ '[[:graph:]]', ' ' ~ '[[:print:]]', ' ' ~ '[[:space:]]';
select 'aB' ~* '^[[:lower:]]+$', 'É' ~* 'é', 'ABC' ~* '[a-b]c', 'abc' ~* '[^A]bC';
select '-' ~ '[[.hyphen.]]', ' ' ~ '[[.space.]]', 'a' ~ '[[.a.]]', 'a' ~ '[[=a=]]', ']' ~ '[]]', 'b' ~ '[^]a]', '-' ~ '[a-]';
select 'foo bar' ~ '\mbar', 'foobar' ~ '\mbar', 'foo bar' ~ 'foo\M', 'foobar' ~ 'foo\M', 'foo bar' ~ 'o\y', 'foobar' ~ 'o\Y';
select 'foo bar' ~ '[[:<:]]bar', 'foobar' ~ '[[:<:]]bar', 'foo bar' ~ 'foo[[:>:]]', 'a' ~ '\Aa\Z', 'ba' ~ '\Aa';
select 'a' ~ '\x61', 'a' ~ '\u0061', 'a' ~ '\U00000061', 'a' ~ '\141', E'\x01' ~ '\cA', E'\t' ~ '\t', E'\n' ~ '\n', E'\x1b' ~ '\e', '\' ~ '\B', '.' ~ '\.', 'a' ~ '\x110000', 'a' ~ '\0';
select 'aaa' ~ '^a{3}$', 'aa' ~ '^a{3}$', 'aaaa' ~ '^a{2,3}$', 'aaaa' ~ '^a{2,}$', 'a{' ~ 'a{', 'a{x' ~ 'a{x', 'a' ~ 'a{,3}', 'ab' ~ '^a{1}?b$';
select 'a' ~ '^a{255}$', repeat('a', 255) ~ '^a{255}$', 'ab' ~ '(?:a)(b)', 'ab' ~ 'a()b', 'ab' ~ 'a|', '' ~ '(|)';
select E'a\nb' ~ 'a.b', E'a\nb' ~ '(?n)a.b', E'a\nb' ~ '(?p)a.b', E'a\nb' ~ '(?w)a.b', E'a\nb' ~ 'a[^x]b', E'a\nb' ~ '(?p)a[^x]b', E'a\nb' ~ '(?n)a\Db';
select E'a\nb' ~ 'a$', E'a\nb' ~ '(?w)a$', E'a\nb' ~ '(?n)^b', E'a\nb' ~ '(?p)^b', E'a\nb' ~ '(?n)a\Z', E'a\nb' ~ '(?s)^b', E'a\nb' ~ '(?m)^b';
select 'a.b' ~ '***=a.b', 'axb' ~ '***=a.b', 'ab' ~ '***:(?i)AB', 'AB' ~ '(?i)ab', 'AB' ~* '(?c)ab', 'ab' ~ '(?x) a b # comment', 'a b' ~ '(?x)a\ b', 'a b' ~ '(?x)a[ ]b', 'ab' ~ '(?#comment)ab', 'b' ~ 'a|(?#x)b';
select 'abc' ~ '(?e)a(b)c', 'a+' ~ '(?b)a+', 'aa' ~ '(?b)^a\{2\}$', 'a' ~ '(?q)(', '*a' ~ '(?b)*a';
-- errors
select 'a' ~ '(';
select 'a' ~ 'a)';
select 'a' ~ '[a';
select 'a' ~ 'a**';
select 'a' ~ '*a';
select 'a' ~ '+';
select 'a' ~ '^*';
select 'a' ~ '\m*';
select 'a' ~ 'a{256}';
select 'a' ~ 'a{3,2}';
select 'a' ~ 'a{2';
select 'a' ~ 'a{1,2,3}';
select 'a' ~ 'a\';
select 'a' ~ '\q';
select 'a' ~ '\c';
select 'a' ~ '[\q]';
select 'a' ~ '[[:foo:]]';
select 'a' ~ '[z-a]';
select 'a' ~ '[a-\d]';
select 'a' ~ '[[.foo.]]';
select 'a' ~ '(?z)a';
select 'a' ~ 'a(?i)b';
select 'a' ~ '(?i)***:a';
select 'a' ~ '\1';
select 'a' ~ '(a)\2';
select 'x' ~ 'x|(' as still_usable;
-- numeric escapes: octal unless one digit or naming a subexpression; comments are transparent
select E'\n' ~ '[\12]', E'\x01' ~ '[\18]', 'a' ~ '[\141]', '?7' ~ '\777', ' 0' ~ '\400', 'a' ~ '\08', 'a' ~ 'a(?#x)*', 'A' ~ '***:(?i)a';
select regexp_match('A', '(?i)a', 'b'), regexp_match('A', '***:(?i)a', 'b'), regexp_match('(a)', '***=(a)', 'b'), regexp_match('aaa', 'a(?#x){2}');
select 'a' ~ '[\1]';
select 'a' ~ '[\12';
select 'a' ~ '[\d';
select 'a' ~ 'a(?#x)*(?#y)?';
select 'a' ~ '.(?#x){3,1}';
select 'a' ~ '[[:<:]]{3,1}';
select regexp_match('a', '.\{', 'b');
