import type { SqlExecutor } from '@spinout/event-store';
import { columnsOf, decodeRow, encodeValue, PG_COLUMN_TYPES, snakeCase, type TableSpec } from './table';

/**
 * The few statements every projection needs, written once in SQL both PostgreSQL and SQLite
 * (3.24+) accept: loads by primary key or by one indexed column, multi-row upserts
 * (INSERT … ON CONFLICT … DO UPDATE) and truncation. Long lists are split so a
 * statement stays well below either database's parameter limit. On PostgreSQL the rows of an
 * insert travel as one array per column instead (see `insertRowsFromArrays`).
 */
const MAX_PARAMS = 30_000;
const KEYS_PER_LOAD = 1_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function selectList<Row>(table: TableSpec<Row>): string {
  return columnsOf(table)
    .map((c) => c.column)
    .join(', ');
}

/** Rows whose primary key is one of `keys` (each key: the key columns' values in order). */
export function loadByKeys<Row>(
  tx: SqlExecutor,
  table: TableSpec<Row>,
  keys: readonly (readonly string[])[],
): Promise<Row[]> {
  return loadByColumns(tx, table, table.key, keys);
}

/** Rows whose (indexed) column holds one of `values`. */
export function loadWhereIn<Row>(
  tx: SqlExecutor,
  table: TableSpec<Row>,
  prop: keyof Row & string,
  values: readonly string[],
): Promise<Row[]> {
  return loadByColumns(
    tx,
    table,
    [prop],
    values.map((value) => [value]),
  );
}

/** Rows whose (indexed) text columns `props` hold one of the `tuples`. */
export async function loadByColumns<Row>(
  tx: SqlExecutor,
  table: TableSpec<Row>,
  props: readonly (keyof Row & string)[],
  tuples: readonly (readonly string[])[],
): Promise<Row[]> {
  const rows: Row[] = [];
  const columns = props.map(snakeCase);
  for (const chunk of chunks(tuples, KEYS_PER_LOAD)) {
    const params: string[] = [];
    const listed = chunk.map((tuple) => {
      const placeholders = tuple.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return columns.length === 1 ? placeholders[0] : `(${placeholders.join(', ')})`;
    });
    // Row values against a VALUES list: both databases use the index; unknown parameters are text on PostgreSQL.
    const where =
      columns.length === 1
        ? `${columns[0]} IN (${listed.join(', ')})`
        : `(${columns.join(', ')}) IN (VALUES ${listed.join(', ')})`;
    const records = await tx.query(`SELECT ${selectList(table)} FROM ${table.name} WHERE ${where}`, params);
    for (const record of records) rows.push(decodeRow(table, record));
  }
  return rows;
}

/** Inserts the rows, or replaces every non-key column of rows that exist. */
export async function upsertRows<Row>(tx: SqlExecutor, table: TableSpec<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(table);
  const keyColumns = table.key.map(snakeCase);
  const updates = columns
    .filter((c) => !keyColumns.includes(c.column))
    .map((c) => `${c.column} = excluded.${c.column}`);
  const conflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
  await insertRows(tx, table, rows, `ON CONFLICT (${keyColumns.join(', ')}) ${conflict}`);
}

/** Inserts the rows; rows whose key exists already are left as they are (idempotent appends). */
export async function insertIgnoringExisting<Row>(
  tx: SqlExecutor,
  table: TableSpec<Row>,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  await insertRows(tx, table, rows, `ON CONFLICT (${table.key.map(snakeCase).join(', ')}) DO NOTHING`);
}

async function insertRows<Row>(
  tx: SqlExecutor,
  table: TableSpec<Row>,
  rows: readonly Row[],
  onConflict: string,
): Promise<void> {
  if (tx.dialect === 'postgres') return insertRowsFromArrays(tx, table, rows, onConflict);
  const columns = columnsOf(table);
  const names = columns.map((c) => c.column).join(', ');
  for (const chunk of chunks(rows, Math.max(1, Math.floor(MAX_PARAMS / columns.length)))) {
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((c) => {
        params.push(encodeValue(c.spec, row[c.prop]));
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await tx.query(`INSERT INTO ${table.name} (${names}) VALUES ${tuples.join(', ')} ${onConflict}`, params);
  }
}

/**
 * PostgreSQL: one array parameter per column, unpacked by `unnest`. A VALUES list of a thousand
 * rows is a statement of ten thousand parameters that PostgreSQL parses and plans on every
 * batch; this one has a parameter per column and the same text for every batch of a table.
 * Measured on an audit trail of 100k events in batches of 1,000, reading and inserting: 26k
 * events/s with VALUES, 40k with the rows as one JSON document (jsonb_to_recordset); inserting
 * alone: 45-62k rows/s with the JSON document, 73-95k with arrays.
 */
async function insertRowsFromArrays<Row>(
  tx: SqlExecutor,
  table: TableSpec<Row>,
  rows: readonly Row[],
  onConflict: string,
): Promise<void> {
  const columns = columnsOf(table);
  const names = columns.map((c) => c.column).join(', ');
  const arrays = columns.map((c) => rows.map((row) => encodeValue(c.spec, row[c.prop])));
  const unnest = columns.map((c, i) => `$${i + 1}::${PG_COLUMN_TYPES[c.spec.kind]}[]`).join(', ');
  await tx.query(`INSERT INTO ${table.name} (${names}) SELECT * FROM unnest(${unnest}) ${onConflict}`, arrays);
}

/**
 * Empties a table (rebuild). On PostgreSQL TRUNCATE: DELETE would leave every row behind as a
 * dead tuple in the table and its indexes until vacuum, and the replay that follows would insert
 * into that bloat (measured: each DELETE-then-rebuild of a 100k-row audit trail cost PostgreSQL
 * more CPU than the one before). TRUNCATE is transactional there; it waits for queries already
 * reading the table and then holds an exclusive lock on it until the reset commits, a moment. SQLite has no TRUNCATE, and its
 * unqualified DELETE drops the pages at once.
 */
export async function truncate(tx: SqlExecutor, table: { readonly name: string }): Promise<void> {
  await tx.query(tx.dialect === 'postgres' ? `TRUNCATE TABLE ${table.name}` : `DELETE FROM ${table.name}`);
}
