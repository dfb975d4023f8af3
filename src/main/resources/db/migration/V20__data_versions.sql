-- The version of each table's data (R__data_versions.sql): a counter per table and per backend that wrote it, so that
-- concurrent writers never wait on one another's row; a table's version is the sum of its rows, which every commit that
-- wrote the table raises, and which a reader sees in the same snapshot as the data.
create table data_version (
    table_name text not null,
    backend integer not null,
    version bigint not null,
    primary key (table_name, backend)
);
