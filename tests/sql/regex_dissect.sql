-- Which match and which subexpression matches PostgreSQL reports: the
-- leftmost match, longest or shortest by the expression's greediness, and
-- subexpressions by its dissection rules (sequences split by the first
-- item's greediness, alternatives by order, iterations capturing the last).
select p, regexp_match('aaaa', p) from (values ('(a+)+'), ('(a+?)+'), ('(a+)+?'), ('(a+)*'), ('(a+?)*'), ('(a+){0,3}'), ('(a+)?'), ('(a+)*?$'), ('(a+){1,3}'), ('(a+){2,3}'), ('(a|aa)+'), ('(aa|a)+'), ('(a{1,2}?)+a*'), ('(a*?)*')) v(p);
select p, regexp_match('aa', p) from (values ('(a*)+'), ('(a*)*'), ('(a*?)+'), ('(a*){3}'), ('(a){2}'), ('(a)(a)?'), ('a(a)??')) v(p);
select p, regexp_match('', p) from (values ('(a*)*'), ('(a*)?'), ('(a*?)?'), ('(a+?)*'), ('(|a)'), ('(a|)')) v(p);
select p, regexp_match('x', p) from (values ('x(a*)*'), ('x(a*?)*'), ('x(c*?)?'), ('x(c*)?'), ('x(c*)*?'), ('x(c*){0,2}'), ('x(c*){1,2}'), ('(c*)*x'), ('(c*)?x')) v(p);
select p, regexp_match('abab', p) from (values ('(ab|a)*'), ('(ab|a)+?'), ('(ab|a)+?$'), ('(a|ab)(b?)'), ('(a|ab)(ab)*'), ('(.)(.)?(.)??'), ('(.*)(b)'), ('(.*?)(b)'), ('(.*?)(b)$')) v(p);
select regexp_match('aba', '(a|ab|ba)*'), regexp_match('aab', '(a|ab)*'), regexp_match('aba', 'a((a?[^a]*?){0,1}1{0,1}([ab])){1,2}'), regexp_match('1bac', 'a|(?:\d1c){0,1}b|((.{1,}[ab]|.{1,2}|^a{1,2}b?)+?ca*){1,}');
select regexp_match('xcbbax ', 'c{0,1}b{1,2}?(b*)|b{1,}?((1*?|a|aa*){2})'), regexp_match('bb', '(([ab]+|b*[ab]{1,2}\d)b+|b{0,1}){2}?\M'), regexp_match('bb b1', '(.*?|b{0,1}?)+((?:[ab][ab]){0,1}\d(\d)?)');
select regexp_match('x1', '(([ab])*?)??'), regexp_match('a 1a ', '1(c*?)?'), regexp_match('bx1b1 ', '((a*)x?(a*?)*?){2}?[ab]{1,2}'), regexp_match('aa ', '(([ab]1[^a]){0,1}?b?)??a');
select regexp_match(E'ab\nAB', '(a)(b)$', 'in'), regexp_match(E'ab\nAB', '^(a)(b)', 'iw'), regexp_match(E'a\nb', '(.)(.)', 'p'), regexp_match(E'a\nb', '(.)(.)', 's');
select regexp_replace('aaaa', '(a+?)+', '<\1>'), regexp_replace('abcabc', '(a|ab)(c|bcd)', '[\1|\2]', 'g'), regexp_split_to_array('a1b2c3', '(\d)');
