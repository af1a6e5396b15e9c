-- SIMILAR TO, NOT SIMILAR TO with ESCAPE, substring(... similar ... escape ...),
-- similar_to_escape and similar_escape (the pattern translation).
select 'abc' similar to 'abc', 'abc' similar to 'a', 'abc' similar to '%(b|d)%', 'abc' similar to '(b|c)%', 'abc' not similar to 'a_c';
select 'abd' similar to 'a[b-c]d', 'a%c' similar to 'a#%c' escape '#', 'abc' similar to 'a#%c' escape '#', 'a_c' similar to 'a\_c', 'abc' similar to 'a\_c', 'a.c' similar to 'a.c', 'abc' similar to 'a.c';
select 'aaa' similar to 'a{2,3}', 'aaaa' similar to 'a{2,3}', 'ab' similar to 'a+b?', 'AB' similar to 'ab', 'a' similar to 'a%' escape '', 'a%' not similar to 'a%' escape '';
select 'x^y$' similar to 'x^y$', 'a|b' similar to 'a|b', E'a\nb' similar to 'a_b', 'xyz' similar to '[^a]%';
select null similar to 'a', 'a' similar to null, 'a' similar to 'a' escape null;
select 'abc' similar to 'a' escape 'xy';
select 'abc' similar to '#"a#"#"b#"#"c#"' escape '#';
select substring('foobar' similar '%#"o_b#"%' escape '#'), substring('foobar' similar '#"o_b#"%' escape '#'), substring('foobar' similar '%#"(o|x)+#"%' escape '#'), substring('foobar' similar 'f%r' escape '#');
select substring('Thomas' similar '%#"o_a#"_' escape '#'), substring('Thomas' similar '#"%#"' escape '#'), substring('abc' similar 'a#"%#"' escape '#'), substring('abc' similar 'x#"%#"' escape '#');
select substring('abc' similar 'a#"b#"c#"' escape '#');
select similar_to_escape('a%b_c'), similar_to_escape('a(b|c)*d'), similar_to_escape('[a-z]%'), similar_to_escape('x.y^$'), similar_to_escape('a#"b#"c', '#'), similar_to_escape('a\%b');
select similar_to_escape('a%', ''), similar_to_escape('[]a]'), similar_to_escape('[^]a]'), similar_to_escape('[\]'), similar_to_escape('a{2}+?'), similar_to_escape('a\'), similar_to_escape('.[.]');
select similar_to_escape('[%_(]x%'), similar_to_escape('[^]%]%'), similar_to_escape('[[:alpha:]%]_'), similar_to_escape('[#"]#"x#"%', '#'), similar_to_escape('é%', 'é'), similar_to_escape('a\b', '#'), similar_to_escape('[a\b]', '#');
select similar_to_escape('a', 'xy');
select similar_to_escape('a"b"c"d', '"');
select similar_to_escape('a\"b\"c\"d');
select similar_escape(null, 'x') is null, similar_escape('a%', null), similar_escape('a#%', '#');
select count(*) from (values ('apple'), ('banana'), ('cherry')) v(f) where f similar to '%(an|er)%';
