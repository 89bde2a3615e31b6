import { type SQL, sql, type Table } from 'drizzle-orm'

/**
 * A batch's rows bound as one JSON parameter and expanded by PostgreSQL into typed columns: one
 * short statement per table however large the batch. Binding a parameter per value, or an array
 * per column, cost more in building and escaping the statement than the writes themselves
 * (states and texts are JSON whose every quote an array literal escapes again). jsonb columns are
 * read as json and cast: json_to_recordset converting to jsonb itself took twice as long.
 */
export function selectRows(rows: readonly object[], columns: Record<string, string>): SQL {
  const names = Object.keys(columns)
  const select = names.map((name) => (columns[name] === 'jsonb' ? `${name}::jsonb as ${name}` : name)).join(', ')
  const types = names.map((name) => `${name} ${columns[name] === 'jsonb' ? 'json' : columns[name]}`).join(', ')
  return sql`select ${sql.raw(select)} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${sql.raw(types)})`
}

/** `insert into table (columns) select …` from the rows' JSON. */
export function insertRows(table: Table, rows: readonly object[], columns: Record<string, string>): SQL {
  return sql`insert into ${table} (${sql.raw(Object.keys(columns).join(', '))}) ${selectRows(rows, columns)}`
}
