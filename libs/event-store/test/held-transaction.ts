import { Client } from 'pg';
import type { SqlDatabase, SqlExecutor } from '../src';

/**
 * A PostgreSQL `SqlDatabase` whose every statement runs inside one transaction the test opened
 * and will commit (or roll back) when it chooses: an event store over it draws its positions
 * now and commits later, the way a slow writer does.
 */
export class HeldTransaction implements SqlDatabase {
  readonly dialect = 'postgres' as const;

  private constructor(private readonly client: Client) {}

  static async begin(url: string): Promise<HeldTransaction> {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('BEGIN');
    return new HeldTransaction(client);
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.client.query(sql, [...params])).rows as Row[];
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return work(this);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
    await this.client.end();
  }

  async rollback(): Promise<void> {
    await this.client.query('ROLLBACK');
    await this.client.end();
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
