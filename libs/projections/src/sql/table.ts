import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';

/**
 * A read-model table described once: its name, key and columns. The same description drives
 * the SQL of loads and upserts, the decoding of rows from either driver, and the TypeORM
 * entity schema. Column names are the snake_case of the row's property names.
 *
 * Kinds, identical on PostgreSQL and SQLite as far as the projections see them:
 * - `text`, `integer`, `bigint` (money in minor units), `real` (scores and percentages);
 * - `boolean`: PostgreSQL boolean, SQLite 0/1;
 * - `json`: text holding JSON in both (the projections never query inside it).
 */
export type ColumnKind = 'text' | 'integer' | 'bigint' | 'real' | 'boolean' | 'json';

export interface ColumnSpec {
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

export type Columns<Row> = { readonly [K in keyof Row]-?: ColumnSpec };

export interface TableSpec<Row> {
  readonly name: string;
  /** Primary key columns, in order (text, except the append-only audit trail: loads compare keys as text). */
  readonly key: readonly (keyof Row & string)[];
  readonly columns: Columns<Row>;
}

const spec = (kind: ColumnKind, nullable = false): ColumnSpec => ({ kind, nullable });

/** Column builders: `col.text`, `col.text.null`, … */
export const col = {
  text: Object.assign(spec('text'), { null: spec('text', true) }),
  integer: Object.assign(spec('integer'), { null: spec('integer', true) }),
  bigint: Object.assign(spec('bigint'), { null: spec('bigint', true) }),
  real: Object.assign(spec('real'), { null: spec('real', true) }),
  boolean: spec('boolean'),
  json: spec('json'),
};

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface ColumnOf<Row> {
  readonly prop: keyof Row & string;
  readonly column: string;
  readonly spec: ColumnSpec;
}

const columnCache = new WeakMap<object, readonly ColumnOf<never>[]>();

/** Property names of a table in declaration order, with their column names (computed once per table). */
export function columnsOf<Row>(table: TableSpec<Row>): readonly ColumnOf<Row>[] {
  const cached = columnCache.get(table.columns) as readonly ColumnOf<Row>[] | undefined;
  if (cached) return cached;
  const columns = (Object.keys(table.columns) as (keyof Row & string)[]).map((prop) => ({
    prop,
    column: snakeCase(prop),
    spec: table.columns[prop],
  }));
  columnCache.set(table.columns, columns as readonly ColumnOf<never>[]);
  return columns;
}

/** One stable string per key, for maps keyed by a row's primary key. */
export function keyOf<Row>(table: TableSpec<Row>, row: Row): string {
  return encodeKey(table.key.map((prop) => String(row[prop])));
}

export const encodeKey = (values: readonly string[]): string =>
  values.length === 1 ? values[0] : JSON.stringify(values);

/** A database value as the row property the projections work with. */
export function decodeValue(spec: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (spec.kind) {
    case 'text':
      return String(value);
    case 'integer':
    case 'bigint':
    case 'real':
      return Number(value); // pg returns bigint as text; money stays within safe integers
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
  }
}

/** A row property as a statement parameter. */
export function encodeValue(spec: ColumnSpec, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return spec.kind === 'json' ? JSON.stringify(value) : value;
}

export function decodeRow<Row>(table: TableSpec<Row>, record: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const { prop, column, spec: s } of columnsOf(table)) row[prop] = decodeValue(s, record[column]);
  return row as Row;
}

/** The PostgreSQL type of each kind (the entity schemas' types, and the casts of array parameters). */
export const PG_COLUMN_TYPES: Record<ColumnKind, string> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  real: 'double precision',
  boolean: 'boolean',
  json: 'text',
};

/** The TypeORM entity of a table, for the DataSource's metadata (tables come from migrations, never synchronize). */
export function entitySchemaOf<Row>(table: TableSpec<Row>): EntitySchema {
  const columns: Record<string, EntitySchemaColumnOptions> = {};
  for (const { prop, column, spec: s } of columnsOf(table)) {
    columns[prop] = {
      name: column,
      type: PG_COLUMN_TYPES[s.kind] as EntitySchemaColumnOptions['type'],
      nullable: s.nullable,
      primary: table.key.includes(prop),
    };
  }
  return new EntitySchema({ name: table.name, tableName: table.name, columns });
}
