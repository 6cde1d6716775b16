/**
 * The one door to the SQL database for everything Spinout stores (events, read models,
 * checkpoints, idempotency records). It hides the two dialects' differences that matter:
 * placeholders (`$1` everywhere; rewritten for SQLite) and transactions (SQLite has one
 * connection and one writer, so transactions are queued one after another).
 */
export type SqlDialect = 'postgres' | 'sqlite';

export interface QueryOptions {
  /**
   * PostgreSQL: keep the statement parsed and planned on each pooled connection under this name
   * (a named prepared statement), for hot statements whose text never changes. One name, one
   * text. SQLite and executors without the ability ignore it.
   */
  prepareAs?: string;
}

export interface SqlExecutor {
  /** Which SQL the statements may use where the two differ. */
  readonly dialect: SqlDialect;
  /** Runs one statement with `$1`-style placeholders and returns its rows. */
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
