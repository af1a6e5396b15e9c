-- normalize and IS NORMALIZED as PostgreSQL 15 (UTF8 database)
select normalize(U&'\0061\0301'), normalize(U&'\0061\0301', nfd) = U&'\0061\0301', normalize(U&'\00e1', nfd) = U&'\0061\0301';
select normalize(U&'\FB01', nfkc), normalize(U&'\FB01', nfc) = U&'\FB01', normalize(U&'\2460', nfkd), normalize('abc', nfkc), normalize('');
select U&'\0061\0301' is normalized, U&'\0061\0301' is nfd normalized, U&'\00e1' is not nfd normalized, 'abc' is nfkc normalized;
select is_normalized(U&'\FB01', 'NFKC'), is_normalized(U&'\FB01'), pg_catalog.normalize('a', 'nfd'), pg_catalog.is_normalized('a', 'NfKc');
select length(normalize(U&'\1E9B\0323', nfkd)), length(normalize(U&'\1E9B\0323', nfc)), length(normalize(U&'\1E9B\0323', nfkc));
select pg_catalog.normalize('a', 'xyz');
select pg_catalog.is_normalized('a', '');
select normalize(null), null::text is normalized;
