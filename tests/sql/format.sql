-- format(), quote_ident(), quote_literal(), quote_nullable().
select format('Hello %s, %1$s', 'World'), format('Testing %3$s, %2$s, %s', 'one', 'two', 'three');
select format('%L %L %I %I %s|%5s|%-5s|', 'a''b\c', NULL, 'Foo', 'select', NULL, 'x', 'y');
select format('%*s|%-*s|%*s|', 5, 'a', 4, 'b', -3, 'c'), format('%2$*1$s|', 6, 'x'), format('%-10s|', 'é');
select format('100%% %s %s', 7, 2.50), format('%s', true), format('plain'), format(NULL), format('%s', NULL::int) is null;
select format('INSERT INTO %I VALUES(%L)', 'My Table', 'it''s'), format('%I', 'name'), format('%I', 'user');
select quote_ident('abc'), quote_ident('Abc'), quote_ident('a b'), quote_ident('table'), quote_ident('name'), quote_ident('a"b');
select quote_literal('O''Reilly'), quote_literal('back\slash'), quote_nullable(NULL), quote_nullable('x'), quote_literal(NULL) is null;
select format('%s %s', 1);
select format('%z', 1);
select format('abc %');
select format('%0$s', 1);
select format('%I', NULL);
select format('%*s', 'x', 1);
select format('%1$*s', 1);
select format('%99999999999s', 1);
select format('%*2s', 1, 2);
-- convert(), convert_from(), convert_to(): the database encoding is UTF8.
select convert_from('\x61e9', 'latin-1'), convert_to('aé', 'LATIN1'), convert('\x61e9', 'LATIN1', 'UTF8'), convert_to('é', 'sql_ascii');
select convert_from('\x616263', 'UTF8'), convert_to('', 'utf8'), convert('\x61', 'utf8', 'latin1');
select convert_from('\xff', 'UTF8');
select convert_from('\xe282', 'UTF8');
select convert_from('\x00', 'UTF8');
select convert_from('\xe9', 'SQL_ASCII');
select convert_to('aé€', 'LATIN1');
select convert_to('a', 'rel_no_such_enc');
select convert_from('\x61', 'rel_no_such_enc');
select convert('\x61', 'utf8', 'nope');
