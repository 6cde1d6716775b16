import type { QueryOptions, SqlDatabase, SqlDialect, SqlExecutor } from '@spinout/event-store';

/**
 * The database as the relay's processor runtime sees it. The runtime parks an event that keeps
 * failing unless the database does not answer, in which case it retries the batch later: every
 * event would fail alike, so none is to blame. A broker that does not answer is the same case
 * for the relay, so `ping` reports false while the relay's last batch failed because of Kafka.
 * Everything else goes straight to the real database.
 */
export class BrokerAwareDatabase implements SqlDatabase {
  readonly dialect: SqlDialect;

  constructor(
    private readonly db: SqlDatabase,
    private readonly brokerUnavailable: () => boolean,
  ) {
    this.dialect = db.dialect;
  }

  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Row[]> {
    return this.db.query<Row>(sql, params, options);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async ping(): Promise<boolean> {
    if (this.brokerUnavailable()) return false;
    return this.db.ping();
  }

  /** The real database belongs to whoever opened it. */
  async close(): Promise<void> {}
}
