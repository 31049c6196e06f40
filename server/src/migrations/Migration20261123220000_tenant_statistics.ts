import { Migration } from '@mikro-orm/migrations';

/**
 * Tells the planner that a row's municipality follows from its parent: for every composite reference
 * `(municipality_id, x_id)`, statistics on the dependency between the two columns. Without them it
 * multiplies the selectivities of a query's own condition (an edition, an activity) and of the
 * row-level policy's municipality condition as if they were independent, expects a hundredth of the
 * rows with a hundred municipalities, and picks plans that grow with the other municipalities (the
 * programme's activities joined to their slots through a GiST index; see docs/benchmarks.md).
 */
const COMPOSITE_REFERENCES = `select c.conrelid::regclass::text as tbl, c.conrelid, x.attname as col
  from pg_constraint c
  join pg_attribute m on m.attrelid = c.conrelid and m.attnum = c.conkey[1] and m.attname = 'municipality_id'
  join pg_attribute x on x.attrelid = c.conrelid and x.attnum = c.conkey[2]
  where c.contype = 'f' and c.connamespace = 'public'::regnamespace and cardinality(c.conkey) = 2`;

export class Migration20261123220000_tenant_statistics extends Migration {

  override name = 'Migration20261123220000_tenant_statistics';

  override up(): void | Promise<void> {
    this.addSql(`do $$ declare r record; begin
  for r in ${COMPOSITE_REFERENCES} loop
    execute format('create statistics if not exists %I (dependencies) on municipality_id, %I from %s',
      left(replace(r.tbl, '"', '') || '_' || r.col, 50) || '_municipality', r.col, r.tbl);
  end loop;
  -- Statistics are gathered by ANALYZE; do it now rather than wait for autovacuum.
  for r in select distinct c.conrelid::regclass::text as tbl from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace and cardinality(c.conkey) = 2 loop
    execute format('analyze %s', r.tbl);
  end loop;
end $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`do $$ declare s record; begin
  for s in select stxname from pg_statistic_ext where stxnamespace = 'public'::regnamespace and stxname like '%\\_municipality' loop
    execute format('drop statistics %I', s.stxname);
  end loop;
end $$;`);
  }

}
