/**
 * SQL is written once with PostgreSQL's `$1` placeholders. SQLite (better-sqlite3) only binds
 * them positionally as `?`, so each `$n` becomes `?` and the parameters are reordered to match
 * the occurrences (`$2 … $1 … $2` binds p2, p1, p2). Quoted text and comments are left alone.
 */
export interface SqlitePlaceholders {
  sql: string;
  /** For each `?` in order, the zero-based index of the original parameter. */
  order: number[];
}

const cache = new Map<string, SqlitePlaceholders>();
const CACHE_LIMIT = 1000;

export function toSqlitePlaceholders(sql: string): SqlitePlaceholders {
  const cached = cache.get(sql);
  if (cached) return cached;
  const rewritten = rewrite(sql);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, rewritten);
  return rewritten;
}

function rewrite(sql: string): SqlitePlaceholders {
  const order: number[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i];
    const closing = QUOTES[char];
    if (closing) {
      const end = sql.indexOf(closing, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (char === '$' && isDigit(sql[i + 1])) {
      let j = i + 1;
      while (isDigit(sql[j])) j += 1;
      order.push(Number(sql.slice(i + 1, j)) - 1);
      out += '?';
      i = j;
    } else {
      out += char;
      i += 1;
    }
  }
  return { sql: out, order };
}

/** Opening quote → closing quote. A doubled quote inside ('it''s') reads as two adjacent literals: same result. */
const QUOTES: Record<string, string | undefined> = { "'": "'", '"': '"', '`': '`', '[': ']' };

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only; map the rest the way pg would. */
export function toSqliteParams(params: readonly unknown[], order: readonly number[]): unknown[] {
  return order.map((index) => {
    if (index < 0 || index >= params.length) throw new Error(`Placeholder $${index + 1} has no parameter`);
    return toSqliteValue(params[index]);
  });
}

function toSqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
