import { invalid } from '@spinout/domain';
import type { SqlExecutor } from '@spinout/event-store';
import { columnsOf, decodeRow, snakeCase, type TableSpec } from '../sql/table';
import { limitOf, offsetOf } from './query-input';

export type SortOrder = 'asc' | 'desc';

export interface PageRequest<SortKey extends string = string> {
  limit?: number;
  offset?: number;
  sort?: SortKey;
  order?: SortOrder;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filters, over all pages. */
  total: number;
  limit: number;
  offset: number;
}

/** A WHERE clause built from optional filters; absent values add nothing. */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** The next placeholder for `value`. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  eq(column: string, value: string | number | undefined): this {
    if (value !== undefined) this.parts.push(`${column} = ${this.param(value)}`);
    return this;
  }

  in(column: string, values: readonly string[] | undefined): this {
    if (values !== undefined && values.length > 0) this.parts.push(`${column} IN (${values.map((v) => this.param(v)).join(', ')})`);
    return this;
  }

  /** Inclusive bounds on a text column holding ISO dates or months. */
  range(column: string, from: string | undefined, to: string | undefined): this {
    if (from !== undefined) this.parts.push(`${column} >= ${this.param(from)}`);
    if (to !== undefined) this.parts.push(`${column} <= ${this.param(to)}`);
    return this;
  }

  /** A condition written with `this.param(...)` placeholders. */
  when(condition: boolean, sql: (where: Where) => string): this {
    if (condition) this.parts.push(sql(this));
    return this;
  }

  toSql(): string {
    return this.parts.length === 0 ? '' : `WHERE ${this.parts.join(' AND ')}`;
  }
}

/** ORDER BY a whitelisted sort key, then the table's key so pages are stable. */
export function orderBy<Row, K extends string>(
  table: TableSpec<Row>,
  sortable: Readonly<Record<K, keyof Row & string>>,
  request: PageRequest<K>,
  fallback: K,
): string {
  const sort = request.sort ?? fallback;
  if (!Object.prototype.hasOwnProperty.call(sortable, sort)) {
    throw invalid('invalid_query', `sort must be one of ${Object.keys(sortable).join(', ')}`, { field: 'sort' });
  }
  const order = request.order ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw invalid('invalid_query', 'order must be asc or desc', { field: 'order' });
  const column = snakeCase(sortable[sort]);
  const tie = table.key.map(snakeCase).filter((c) => c !== column);
  // NULLs sort last whatever the direction, the same on both databases.
  return `ORDER BY (${column} IS NULL), ${column} ${order.toUpperCase()}${tie.map((c) => `, ${c}`).join('')}`;
}

/** One page of a table's rows matching `where`, in `order`, with the total. */
export async function listPage<Row>(db: SqlExecutor, table: TableSpec<Row>, where: Where, order: string, request: PageRequest): Promise<Page<Row>> {
  const limit = limitOf(request.limit);
  const offset = offsetOf(request.offset);
  const columns = columnsOf(table).map((c) => c.column).join(', ');
  const filter = where.toSql();
  const [count] = await db.query<{ total: number | string }>(`SELECT COUNT(*) AS total FROM ${table.name} ${filter}`, where.params);
  const records = await db.query(
    `SELECT ${columns} FROM ${table.name} ${filter} ${order} LIMIT ${limit} OFFSET ${offset}`,
    where.params,
  );
  return { items: records.map((record) => decodeRow(table, record)), total: Number(count?.total ?? 0), limit, offset };
}

/** The row with this key, or undefined. */
export async function getRow<Row>(db: SqlExecutor, table: TableSpec<Row>, key: readonly string[]): Promise<Row | undefined> {
  const where = new Where();
  table.key.forEach((prop, i) => where.eq(snakeCase(prop), key[i]));
  const columns = columnsOf(table).map((c) => c.column).join(', ');
  const [record] = await db.query(`SELECT ${columns} FROM ${table.name} ${where.toSql()}`, where.params);
  return record === undefined ? undefined : decodeRow(table, record);
}
