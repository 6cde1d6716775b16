import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { MAX_LIMIT } from '@spinout/projections';
import { FINANCIAL_FIELDS, readsFinancialData } from '../auth/access-policy';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { withoutFinancialFields } from '../auth/financial-fields.interceptor';
import { CSV_VIEWS, headingOf, isMoneyField, type CsvLanguage, type CsvView } from './csv-columns';

/**
 * CSV of a whole view (every page, read by cursor), as a spreadsheet opens it: UTF-8 with a byte
 * order mark (so Excel reads Chinese text), CRLF line ends, RFC 4180 quoting, headings in the
 * language asked for, money in yuan with two decimals from exact integer fen. A cell that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) is written with a
 * leading apostrophe, as OWASP advises; numbers are written as numbers.
 */
const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';

/** Yuan with two decimals from an integer amount of fen, by string arithmetic (no float rounding). */
export function yuanOf(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`Money must be a safe integer of minor units; got ${minor}`);
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${minor < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function textOf(field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return isMoneyField(field) ? yuanOf(value) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return JSON.stringify(value);
}

/** One CSV cell: quoted when it holds a quote, a comma, a line break or edge spaces. */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvLines(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return rows.map((row) => csvRow(columns.map((column) => textOf(column, row[column])))).join('');
}

/** `lang` when given, else English when the browser puts it first, else Chinese. */
export function csvLanguageOf(lang: CsvLanguage | undefined, acceptLanguage: string | undefined): CsvLanguage {
  if (lang !== undefined) return lang;
  const first = (acceptLanguage ?? '').split(',')[0].trim().toLowerCase();
  return first === 'en' || first.startsWith('en-') ? 'en' : 'zh-CN';
}

/** What a list route takes besides its filters when it answers CSV. */
export interface CsvQuery {
  format?: 'json' | 'csv';
  lang?: CsvLanguage;
}

const FINANCIAL: ReadonlySet<string> = new Set(FINANCIAL_FIELDS);

/** A page of any list: its rows and the cursor of the next (a string, or the audit trail's position). */
interface ListPage<Cursor> {
  readonly items: readonly object[];
  readonly nextCursor: Cursor | null;
}

/**
 * The whole of a view matching the request's filters, sort and order, as a CSV file: its first
 * page is read before anything is sent, so a bad filter is still a 400 problem; the rest is read
 * a page at a time after each page's cursor (pages of the largest size, nothing counted) while
 * the client reads, so memory holds one page at most. `offset`, `limit`, `cursor` and `total`
 * of the request are ignored: an export is every matching row. Financial fields are left out
 * for a caller who may not read them, as from the JSON.
 */
async function csvExport<Cursor, F extends { cursor?: Cursor; limit?: number }>(
  request: AuthenticatedRequest,
  view: CsvView,
  query: F & CsvQuery & { offset?: number; total?: string },
  list: (filter: F) => Promise<ListPage<Cursor>>,
): Promise<StreamableFile> {
  const language = csvLanguageOf(query.lang, request.headers['accept-language']);
  const financial = request.principal !== undefined && readsFinancialData(request.principal.roles);
  const columns = CSV_VIEWS[view].columns.filter((column) => financial || !FINANCIAL.has(column));
  // The request's filters, sort and order, with the paging of an export: largest pages, no count.
  const read = (cursor: Cursor | undefined) =>
    list({ ...query, offset: undefined, cursor, limit: MAX_LIMIT, total: 'none' });
  const rowsOf = (page: ListPage<Cursor>) =>
    (financial ? page.items : page.items.map(withoutFinancialFields)) as Record<string, unknown>[];
  const first = await read(undefined);
  async function* lines(): AsyncGenerator<string> {
    yield BOM + csvRow(columns.map((column) => headingOf(column, language)));
    let page = first;
    for (;;) {
      yield csvLines(rowsOf(page), columns);
      if (page.nextCursor === null) return;
      page = await read(page.nextCursor);
    }
  }
  return new StreamableFile(Readable.from(lines()), {
    type: CSV_CONTENT_TYPE,
    disposition: `attachment; filename="${CSV_VIEWS[view].file}.csv"`,
  });
}

/** A list route's answer: the page asked for, or with `format=csv` the whole list as a file (`csvExport`). */
export function pageOrCsv<Cursor, F extends { cursor?: Cursor; limit?: number }, P extends ListPage<Cursor>>(
  request: AuthenticatedRequest,
  view: CsvView,
  query: F & CsvQuery & { offset?: number; total?: string },
  list: (filter: F) => Promise<P>,
): Promise<P | StreamableFile> {
  return query.format === 'csv' ? csvExport(request, view, query, list) : list(query);
}
