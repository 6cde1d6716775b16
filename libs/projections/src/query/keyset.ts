import { invalid, unsafeTextReason } from '@spinout/domain';

/**
 * Keyset paging: a list's order is a sort column then the key columns (so it is total), and a
 * page after a cursor reads the rows after the last row's values in that order, through the
 * same index that serves the order, however deep the page. See ADR 015.
 */
export type SortOrder = 'asc' | 'desc';

/** What a cursor value of a term must be: the kind of its column. */
export type TermKind = 'text' | 'integer' | 'real';

export interface OrderTerm {
  /** A column of the rows read (snake_case). */
  readonly column: string;
  readonly direction: SortOrder;
  /** The column holds NULLs; they sort last in either direction. */
  readonly nullable: boolean;
  readonly kind: TermKind;
}

/** The order of one list as asked for: the sort column, then the key columns it does not already name. */
export interface Ordering {
  /** The list it orders; a cursor names it. */
  readonly view: string;
  readonly sort: string;
  readonly order: SortOrder;
  readonly terms: readonly OrderTerm[];
}

export type CursorValue = string | number | null;

/** Longest cursor accepted: the values of a sort column and a key of three ids, with room to spare. */
export const MAX_CURSOR_LENGTH = 2048;
const CURSOR_VERSION = 1;
const CURSOR_FIELDS = ['after', 'order', 'sort', 'v', 'view'];
const MAX_TEXT_VALUE = 1000;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The cursor of the position after a row with these term values: base64url of JSON, opaque to clients. */
export function encodeCursor(
  ordering: Pick<Ordering, 'view' | 'sort' | 'order'>,
  after: readonly CursorValue[],
): string {
  const payload = { v: CURSOR_VERSION, view: ordering.view, sort: ordering.sort, order: ordering.order, after };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/**
 * The term values a cursor holds, checked against the list it is used on: a cursor that is not
 * one this service issued, that belongs to another list, sort or order, or whose values do not
 * fit the columns, is a 400 naming `cursor` — its values go to the database as parameters only.
 */
export function decodeCursor(ordering: Ordering, cursor: unknown): CursorValue[] {
  const refused = (why: string) =>
    invalid(
      'invalid_query',
      `cursor ${why}; pass the nextCursor of the previous page unchanged, or start again without one`,
      { field: 'cursor' },
    );
  if (
    typeof cursor !== 'string' ||
    cursor.length === 0 ||
    cursor.length > MAX_CURSOR_LENGTH ||
    !BASE64URL.test(cursor)
  ) {
    throw refused(`must be a nextCursor of this list (base64url, at most ${MAX_CURSOR_LENGTH} characters)`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused('is not a cursor this service issued');
  }
  if (!isPayload(payload)) throw refused('is not a cursor this service issued');
  if (payload.view !== ordering.view) throw refused('belongs to another list');
  if (payload.sort !== ordering.sort || payload.order !== ordering.order) {
    throw refused(`belongs to another order than sort=${ordering.sort}&order=${ordering.order}`);
  }
  if (payload.after.length !== ordering.terms.length) throw refused('does not hold a position in this order');
  payload.after.forEach((value, i) => {
    if (!fits(value, ordering.terms[i])) throw refused('does not hold a position in this order');
  });
  return payload.after as CursorValue[];
}

interface Payload {
  v: number;
  view: unknown;
  sort: unknown;
  order: unknown;
  after: unknown[];
}

function isPayload(value: unknown): value is Payload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  const record = value as Record<string, unknown>;
  return (
    keys.length === CURSOR_FIELDS.length &&
    keys.every((key, i) => key === CURSOR_FIELDS[i]) &&
    record.v === CURSOR_VERSION &&
    Array.isArray(record.after)
  );
}

function fits(value: unknown, term: OrderTerm): boolean {
  if (value === null) return term.nullable;
  switch (term.kind) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT_VALUE && unsafeTextReason(value) === undefined;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'real':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/** A term's value in a row as read from either driver (pg gives bigint and RANK() as text). */
export function cursorValueOf(term: OrderTerm, value: unknown): CursorValue {
  if (value === null || value === undefined) return null;
  return term.kind === 'text' ? String(value) : Number(value);
}

const DIRECTION = { asc: 'ASC', desc: 'DESC' } as const;

/** ORDER BY of a whole list: NULLs last in either direction, the same on both databases. */
export function orderClause(terms: readonly OrderTerm[]): string {
  const parts = terms.map((t) =>
    t.nullable
      ? `(${t.column} IS NULL), ${t.column} ${DIRECTION[t.direction]}`
      : `${t.column} ${DIRECTION[t.direction]}`,
  );
  return `ORDER BY ${parts.join(', ')}`;
}

/**
 * ORDER BY of a part in which each term is either NULL throughout or never NULL: the terms as
 * an index on them (in the same directions) is read, so the database walks the index.
 */
export function indexOrderClause(terms: readonly OrderTerm[]): string {
  return `ORDER BY ${terms.map((t) => `${t.column} ${DIRECTION[t.direction]}`).join(', ')}`;
}

/**
 * The rows of a list from a position on, as parts whose conditions each select one range of an
 * index on the terms: for terms (a, b, c) after (x, y, z), `a = x AND b = y AND c > z`, then
 * `a = x AND b > y`, then `a > x` (`<` for a descending term), and `a IS NULL` when `a` may hold
 * NULLs (they come last). Read in the terms' order, each part's first rows are the page's
 * candidates, so no part reads more than a page. Without a cursor the whole list is one part,
 * or two when the sort column holds NULLs (its non-NULL rows, then its NULL ones).
 * `param` turns a value into a placeholder.
 */
export function keysetParts(
  terms: readonly OrderTerm[],
  after: readonly CursorValue[] | undefined,
  param: (value: CursorValue) => string,
): string[][] {
  if (after === undefined) {
    const first = terms[0];
    return first.nullable ? [[`${first.column} IS NOT NULL`], [`${first.column} IS NULL`]] : [[]];
  }
  const parts: string[][] = [];
  const equal: string[] = [];
  terms.forEach((term, i) => {
    const value = after[i];
    if (value === null) {
      // After a NULL only more NULLs of this term follow: the next terms tell them apart.
      equal.push(`${term.column} IS NULL`);
      return;
    }
    const placeholder = param(value);
    parts.push([...equal, `${term.column} ${term.direction === 'asc' ? '>' : '<'} ${placeholder}`]);
    if (term.nullable) parts.push([...equal, `${term.column} IS NULL`]);
    equal.push(`${term.column} = ${placeholder}`);
  });
  return parts;
}
