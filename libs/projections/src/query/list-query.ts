import { invalid } from '@spinout/domain';
import type { SqlDialect, SqlExecutor } from '@spinout/event-store';
import { columnsOf, decodeRow, snakeCase, type ColumnKind, type TableSpec } from '../sql/table';
import {
  cursorValueOf,
  decodeCursor,
  encodeCursor,
  indexOrderClause,
  keysetParts,
  orderClause,
  type CursorValue,
  type OrderTerm,
  type Ordering,
  type SortOrder,
  type TermKind,
} from './keyset';
import { COUNT_LIMIT, limitOf, offsetOf, totalOf, type TotalMode } from './query-input';

export type { Ordering, OrderTerm, SortOrder } from './keyset';

export interface PageRequest<SortKey extends string = string> {
  limit?: number;
  /** Rows to skip (offset paging); not with `cursor`. */
  offset?: number;
  sort?: SortKey;
  order?: SortOrder;
  /** The previous page's `nextCursor`: the page after it (keyset paging), with the same sort and order. */
  cursor?: string;
  /** `exact`: count every matching row; `none`: do not count. Unset: counted up to COUNT_LIMIT on pages without a cursor. */
  total?: TotalMode;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filters over all pages, when they were counted and there were at most COUNT_LIMIT (or `total=exact`). */
  total?: number;
  /** Instead of `total` when counting stopped: more than this many rows match. */
  totalExceeds?: number;
  limit: number;
  /** Rows skipped before this page; absent on a page read after a cursor. */
  offset?: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A WHERE clause built from optional filters; absent values add nothing. Given `params`, its
 * placeholders continue those of a statement it is part of (a subquery's conditions).
 */
export class Where {
  private readonly parts: string[] = [];

  constructor(readonly params: unknown[] = []) {}

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
    if (values !== undefined && values.length > 0)
      this.parts.push(`${column} IN (${values.map((v) => this.param(v)).join(', ')})`);
    return this;
  }

  /** Inclusive bounds on a text column holding ISO dates or months. */
  range(column: string, from: string | undefined, to: string | undefined): this {
    if (from !== undefined) this.parts.push(`${column} >= ${this.param(from)}`);
    if (to !== undefined) this.parts.push(`${column} <= ${this.param(to)}`);
    return this;
  }

  /**
   * `column` among the values a one-column `select` gives for `value` (absent: no condition).
   * On PostgreSQL as `= ANY(ARRAY(…))`: the planner then looks the values up by index as a
   * short list, instead of walking a sort index in the hope of meeting them early, which it
   * does when it guesses from the table's statistics how many rows a subquery selects.
   */
  inSelect(
    column: string,
    dialect: SqlDialect,
    value: string | undefined,
    select: (placeholder: string) => string,
  ): this {
    if (value === undefined) return this;
    const sql = select(this.param(value));
    this.parts.push(dialect === 'postgres' ? `${column} = ANY(ARRAY(${sql}))` : `${column} IN (${sql})`);
    return this;
  }

  /** A condition written with `this.param(...)` placeholders. */
  when(condition: boolean, sql: (where: Where) => string): this {
    if (condition) this.parts.push(sql(this));
    return this;
  }

  /** A copy with the same conditions and parameters, to add placeholders to without changing this one. */
  clone(): Where {
    const copy = new Where();
    copy.params.push(...this.params);
    copy.parts.push(...this.parts);
    return copy;
  }

  toSql(more: readonly string[] = []): string {
    const parts = [...this.parts, ...more];
    return parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`;
  }
}

const TERM_KINDS: Partial<Record<ColumnKind, TermKind>> = {
  text: 'text',
  integer: 'integer',
  bigint: 'integer',
  real: 'real',
};

/** A column of `table` as a term of an order. */
export function termOf<Row>(table: TableSpec<Row>, prop: keyof Row & string, direction: SortOrder): OrderTerm {
  const spec = table.columns[prop];
  const kind = TERM_KINDS[spec.kind];
  if (kind === undefined) throw new Error(`${table.name}.${prop} (${spec.kind}) cannot order a list`);
  return { column: snakeCase(prop), direction, nullable: spec.nullable, kind };
}

/** `sort` checked against the whitelist, or `fallback`. */
export function sortOf<K extends string>(sortable: Readonly<Record<K, unknown>>, sort: K | undefined, fallback: K): K {
  const key = sort ?? fallback;
  if (!Object.prototype.hasOwnProperty.call(sortable, key)) {
    throw invalid('invalid_query', `sort must be one of ${Object.keys(sortable).join(', ')}`, { field: 'sort' });
  }
  return key;
}

export function orderOf(value: string | undefined, fallback: SortOrder = 'asc'): SortOrder {
  const order = value ?? fallback;
  if (order !== 'asc' && order !== 'desc')
    throw invalid('invalid_query', 'order must be asc or desc', { field: 'order' });
  return order;
}

/** A whitelisted sort key in the order asked for, then the table's key (ascending) so the order is total. */
export function orderingOf<Row, K extends string>(
  table: TableSpec<Row>,
  sortable: Readonly<Record<K, keyof Row & string>>,
  request: PageRequest<K>,
  fallback: K,
  /** The order of the `fallback` sort when none is asked for (a sort that is asked for is ascending unless told). */
  fallbackOrder: SortOrder = 'asc',
): Ordering {
  const sort = sortOf(sortable, request.sort, fallback);
  const order = orderOf(request.order, request.sort === undefined ? fallbackOrder : 'asc');
  const prop = sortable[sort];
  const ties = table.key.filter((key) => key !== prop).map((key) => termOf(table, key, 'asc'));
  return { view: table.name, sort, order, terms: [termOf(table, prop, order), ...ties] };
}

/** Where a list reads its rows: a table, or a derived table (`(SELECT …) AS name`). */
export interface ListSource {
  readonly from: string;
  readonly columns: readonly string[];
  /** Key columns of `from` when it is a table: a page is first found by key alone. */
  readonly key?: readonly string[];
  /** The same rows where they are cheaper to count (a table under a derived one), and the filters there. */
  readonly count?: { readonly from: string; readonly where: Where };
}

export interface RecordPage {
  records: Record<string, unknown>[];
  total?: number;
  totalExceeds?: number;
  limit: number;
  offset?: number;
  nextCursor: string | null;
}

/**
 * One page of the rows of `source` matching `where` in `ordering`: after `request.cursor`
 * (keyset) or at `request.offset`, with the count of matching rows the request calls for.
 */
export async function readPage(
  db: SqlExecutor,
  source: ListSource,
  where: Where,
  ordering: Ordering,
  request: PageRequest,
): Promise<RecordPage> {
  const limit = limitOf(request.limit);
  if (request.cursor !== undefined && request.offset !== undefined) {
    throw invalid(
      'invalid_query',
      'offset cannot be combined with cursor: a cursor page starts right after the cursor',
      { field: 'offset' },
    );
  }
  const after = request.cursor === undefined ? undefined : decodeCursor(ordering, request.cursor);
  const offset = offsetOf(request.offset);
  const counting = totalOf(request.total) ?? (after === undefined ? 'capped' : 'none');
  const countFrom = source.count ?? { from: source.from, where };
  // Counted in the page's own statement where the count reads the page's rows with the page's
  // filters, whose parameters lead the page's: one statement, one round trip.
  const countInline = counting !== 'none' && source.count === undefined;
  const statement = pageStatement(
    source,
    where,
    ordering,
    after,
    limit,
    offset,
    countInline ? countSql(countFrom, counting === 'exact') : undefined,
  );
  const records = await db.query(statement.sql, statement.params);
  const inlineTotal = records[0]?.[INLINE_TOTAL];
  // The count is each row's last column: deleting the property added last keeps the row object
  // as fast as it was, where a copy without it cost more than decoding the row.
  if (countInline) for (const record of records) delete record[INLINE_TOTAL];
  const counted =
    counting === 'none'
      ? {}
      : countInline && (records.length > 0 || offset === 0)
        ? countedOf(inlineTotal ?? 0, counting === 'exact')
        : await countRows(db, countFrom, counting === 'exact');
  const last = records.length > limit ? records[limit - 1] : undefined;
  const nextCursor =
    last === undefined
      ? null
      : encodeCursor(
          ordering,
          ordering.terms.map((term) => cursorValueOf(term, last[term.column])),
        );
  return {
    records: records.slice(0, limit),
    ...counted,
    limit,
    ...(after === undefined ? { offset } : {}),
    nextCursor,
  };
}

/** One page of a table's rows matching `where`, in `ordering`. */
export async function listPage<Row>(
  db: SqlExecutor,
  table: TableSpec<Row>,
  where: Where,
  ordering: Ordering,
  request: PageRequest,
): Promise<Page<Row>> {
  const columns = columnsOf(table).map((c) => c.column);
  const { records, ...page } = await readPage(
    db,
    { from: table.name, columns, key: table.key.map(snakeCase) },
    where,
    ordering,
    request,
  );
  return { items: records.map((record) => decodeRow(table, record)), ...page };
}

/** The column a page statement answers its inline count in. */
const INLINE_TOTAL = 'list_total_';

function countSql({ from, where }: { from: string; where: Where }, exact: boolean): string {
  return exact
    ? `SELECT COUNT(*) AS total FROM ${from} ${where.toSql()}`
    : `SELECT COUNT(*) AS total FROM (SELECT 1 AS one FROM ${from} ${where.toSql()} LIMIT ${COUNT_LIMIT + 1}) AS counted`;
}

function countedOf(counted: unknown, exact: boolean): { total?: number; totalExceeds?: number } {
  const total = Number(counted ?? 0);
  return !exact && total > COUNT_LIMIT ? { totalExceeds: COUNT_LIMIT } : { total };
}

async function countRows(
  db: SqlExecutor,
  source: { from: string; where: Where },
  exact: boolean,
): Promise<{ total?: number; totalExceeds?: number }> {
  const [row] = await db.query<{ total: number | string }>(countSql(source, exact), source.where.params);
  return countedOf(row?.total, exact);
}

/**
 * The page statement. Each part reads at most `offset + limit + 1` rows in index order; with
 * several parts, their rows are put in the list's order and cut to the page. On a table the
 * page first finds its keys, reading only the key, sort and filter columns (from the index
 * alone where one holds them all: the rows an offset skips, or a filter rejects, are never
 * fetched), then reads just the rows of those keys. `count`, a statement over `where`'s
 * parameters, is answered on every row (`INLINE_TOTAL`): its subquery runs once.
 */
function pageStatement(
  source: ListSource,
  where: Where,
  ordering: Ordering,
  after: readonly CursorValue[] | undefined,
  limit: number,
  offset: number,
  count: string | undefined,
): { sql: string; params: unknown[] } {
  const page = where.clone();
  const parts = keysetParts(ordering.terms, after, (value) => page.param(value));
  const key = source.key;
  const select = key === undefined ? source.columns : distinct([...key, ...ordering.terms.map((t) => t.column)]);
  const rows = `LIMIT ${limit + 1}${offset > 0 ? ` OFFSET ${offset}` : ''}`;
  const total = count === undefined ? '' : `, (${count}) AS ${INLINE_TOTAL}`;
  const outer = key === undefined ? total : '';
  const read = (conditions: readonly string[], window: string, extra = '') =>
    `SELECT ${select.join(', ')}${extra} FROM ${source.from} ${page.toSql(conditions)} ${indexOrderClause(ordering.terms)} ${window}`;
  let sql =
    parts.length === 1
      ? read(parts[0], rows, outer)
      : `SELECT *${outer} FROM (${parts.map((conditions, i) => `SELECT * FROM (${read(conditions, `LIMIT ${offset + limit + 1}`)}) AS part${i}`).join(' UNION ALL ')}) AS page ${orderClause(ordering.terms)} ${rows}`;
  if (key !== undefined) {
    const keys = key.length === 1 ? key[0] : `(${key.join(', ')})`;
    sql = `SELECT ${source.columns.join(', ')}${total} FROM ${source.from} WHERE ${keys} IN (SELECT ${key.join(', ')} FROM (${sql}) AS page_keys) ${orderClause(ordering.terms)}`;
  }
  return { sql, params: page.params };
}

const distinct = (values: readonly string[]): string[] => [...new Set(values)];

/** The row with this key, or undefined. */
export async function getRow<Row>(
  db: SqlExecutor,
  table: TableSpec<Row>,
  key: readonly string[],
): Promise<Row | undefined> {
  const where = new Where();
  table.key.forEach((prop, i) => where.eq(snakeCase(prop), key[i]));
  const columns = columnsOf(table)
    .map((c) => c.column)
    .join(', ');
  const [record] = await db.query(`SELECT ${columns} FROM ${table.name} ${where.toSql()}`, where.params);
  return record === undefined ? undefined : decodeRow(table, record);
}
