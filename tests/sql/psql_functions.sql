-- \df over the catalog: no user functions; the functions it calls.
\df ddlf_nosuch*
SELECT pg_get_function_arguments(0) IS NULL AS none, pg_get_function_result(0) IS NULL AS none2;
