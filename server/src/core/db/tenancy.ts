/**
 * The tables every municipality shares. Every other table is tenant-owned: it carries
 * `municipality_id`, in a key and in each reference to another tenant table
 * (test/core/tenancy.test.ts holds the schema to that).
 */
export const GLOBAL_TABLES: readonly string[] = ['municipality', 'mikro_orm_migrations', 'rate_limit'];
