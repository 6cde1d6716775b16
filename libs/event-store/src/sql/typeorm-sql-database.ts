import { DataSource, QueryFailedError, type DataSourceOptions, type EntitySchema, type QueryRunner } from 'typeorm';
import { AsyncMutex } from './async-mutex';
import type { QueryOptions, SqlDatabase, SqlDialect, SqlExecutor } from './database.port';
import { EVENT_STORE_MIGRATIONS } from './migrations/create-events.migration';
import { toSqliteParams, toSqlitePlaceholders } from './sqlite-placeholders';

export interface OpenSqlDatabaseOptions {
  /** `postgres://…`, `sqlite:<file path>`, or a plain file path (SQLite). */
  url: string;
  /** PostgreSQL connection pool size (default 10). */
  poolSize?: number;
  /** SQLite: how long a statement waits for a lock held by another process (default 5000 ms). */
  busyTimeoutMs?: number;
  /** TypeORM entities (classes as TypeORM lists them: Function) of read models and other tables that live in the same database. */
  entities?: Array<Function | string | EntitySchema>;
  /** Migrations run after the event store's own, on open. */
  migrations?: Array<Function | string>;
  logging?: DataSourceOptions['logging'];
}

export type DatabaseLocation = { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; path: string };

export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', url };
  let path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') throw new Error(`No SQLite file in database URL "${url}"`);
  return { dialect: 'sqlite', path };
}

/** Opens the database, runs every pending migration (never `synchronize`), and returns it. */
export async function openSqlDatabase(options: OpenSqlDatabaseOptions): Promise<TypeOrmSqlDatabase> {
  const location = parseDatabaseUrl(options.url);
  const common = {
    entities: options.entities ?? [],
    migrations: [...EVENT_STORE_MIGRATIONS, ...(options.migrations ?? [])],
    migrationsRun: true,
    synchronize: false,
    logging: options.logging ?? false,
  };
  const busyTimeout = options.busyTimeoutMs ?? 5000;
  const dataSource =
    location.dialect === 'postgres'
      ? new DataSource({
          ...common,
          type: 'postgres',
          url: location.url,
          poolSize: options.poolSize ?? 10,
          applicationName: 'spinout',
        })
      : new DataSource({
          ...common,
          type: 'better-sqlite3',
          database: location.path, // TypeORM creates the parent folder
          timeout: busyTimeout,
          enableWAL: true,
          prepareDatabase: (db: { pragma(source: string): unknown }) => {
            db.pragma('journal_mode = WAL');
            db.pragma('synchronous = NORMAL');
            db.pragma('foreign_keys = ON');
            db.pragma(`busy_timeout = ${Math.trunc(busyTimeout)}`);
          },
        });
  await dataSource.initialize();
  return new TypeOrmSqlDatabase(dataSource);
}

/**
 * `SqlDatabase` over a TypeORM DataSource. On PostgreSQL every call takes a pooled connection.
 * On SQLite there is one connection, so a mutex queues every query and transaction; a query
 * issued from inside a running transaction's async context joins that transaction.
 */
export class TypeOrmSqlDatabase implements SqlDatabase {
  readonly dialect: SqlDialect;
  private readonly mutex = new AsyncMutex();

  constructor(readonly dataSource: DataSource) {
    const type = dataSource.options.type;
    if (type !== 'postgres' && type !== 'better-sqlite3') throw new Error(`Unsupported database type ${type}`);
    this.dialect = type === 'postgres' ? 'postgres' : 'sqlite';
  }

  async query<Row = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
    options: QueryOptions = {},
  ): Promise<Row[]> {
    if (this.dialect === 'sqlite') {
      return this.mutex.runExclusive(() => this.run<Row>(this.dataSource.createQueryRunner(), sql, params));
    }
    if (options.prepareAs !== undefined) return this.runPrepared<Row>(options.prepareAs, sql, params);
    const runner = this.dataSource.createQueryRunner();
    try {
      return await this.run<Row>(runner, sql, params);
    } finally {
      await runner.release();
    }
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite')
      return this.mutex.runExclusive(() => this.inTransaction(this.dataSource.createQueryRunner(), work));
    const runner = this.dataSource.createQueryRunner();
    try {
      return await this.inTransaction(runner, work);
    } finally {
      await runner.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1 AS ok');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    if (this.dialect === 'sqlite') await this.mutex.runExclusive(() => this.dataSource.destroy());
    else await this.dataSource.destroy();
  }

  /** Nested calls (SQLite, same async context) become savepoints through TypeORM's transaction depth. */
  private async inTransaction<T>(runner: QueryRunner, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    await runner.startTransaction();
    try {
      const result = await work({ dialect: this.dialect, query: (sql, params = []) => this.run(runner, sql, params) });
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined); // the original error matters more
      throw error;
    }
  }

  /**
   * PostgreSQL: the statement as a named prepared statement on a connection of TypeORM's pool.
   * TypeORM's query runner sends only unnamed statements, so this takes the connection from the
   * driver (no runner around it: this path is for hot statements) and wraps errors as TypeORM
   * does. A connection that failed other than with an SQL error is discarded, not reused.
   */
  private async runPrepared<Row>(name: string, sql: string, params: readonly unknown[]): Promise<Row[]> {
    const [client, release] = await pooledConnections(this.dataSource.driver).obtainMasterConnection();
    let broken: unknown;
    try {
      return (await client.query<Row>({ name, text: sql, values: [...params] })).rows;
    } catch (error) {
      if (errorCode(error) === undefined) broken = error;
      throw new QueryFailedError(sql, [...params], error as Error);
    } finally {
      release(broken);
    }
  }

  private async run<Row>(runner: QueryRunner, sql: string, params: readonly unknown[]): Promise<Row[]> {
    if (this.dialect === 'sqlite') {
      const rewritten = toSqlitePlaceholders(sql);
      const result = await runner.query(rewritten.sql, toSqliteParams(params, rewritten.order), true);
      return (result.records ?? []) as Row[];
    }
    const result = await runner.query(sql, [...params], true);
    return (result.records ?? []) as Row[];
  }
}

/** The part of a pg client that runs a named statement. */
interface PreparingClient {
  query<Row>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/** The part of TypeORM's PostgreSQL driver that lends a pooled pg client and takes it back (not in TypeORM's `Driver` type). */
interface PooledConnections {
  obtainMasterConnection(): Promise<[PreparingClient, (error?: unknown) => void]>;
}

function pooledConnections(driver: object): PooledConnections {
  if (!('obtainMasterConnection' in driver) || typeof driver.obtainMasterConnection !== 'function') {
    throw new Error(
      'The PostgreSQL driver has no obtainMasterConnection: prepared statements need the TypeORM version this was written for',
    );
  }
  return driver as PooledConnections;
}

/** True for a unique-constraint violation on either dialect (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function errorCode(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const withCode = error as { code?: unknown; driverError?: { code?: unknown } };
  return withCode.driverError?.code ?? withCode.code;
}
