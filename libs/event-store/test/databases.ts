import { createTestDatabase } from '../../../test/support/postgres';
import { createTestSqliteFile } from '../../../test/support/sqlite';
import { openSqlDatabase, type OpenSqlDatabaseOptions, type TypeOrmSqlDatabase } from '../src';

/** A database opened for one test file or test, and how to throw it away. */
export interface OpenedDatabase {
  db: TypeOrmSqlDatabase;
  /** The PostgreSQL URL, for tests that need a client of their own. */
  url: string;
  dispose(): Promise<void>;
}

export interface DatabaseKind {
  name: 'sqlite' | 'postgres';
  open(options?: Omit<OpenSqlDatabaseOptions, 'url'>): Promise<OpenedDatabase>;
}

export const SQLITE: DatabaseKind = {
  name: 'sqlite',
  async open(options = {}) {
    const file = createTestSqliteFile();
    const db = await openSqlDatabase({ ...options, url: `sqlite:${file.path}` }).catch((error: unknown) => {
      file.remove();
      throw error;
    });
    return {
      db,
      url: file.path,
      dispose: async () => {
        await db.close();
        file.remove();
      },
    };
  },
};

export const POSTGRES: DatabaseKind = {
  name: 'postgres',
  async open(options = {}) {
    const database = await createTestDatabase('spinout_es');
    const db = await openSqlDatabase({ ...options, url: database.url }).catch(async (error: unknown) => {
      await database.drop(); // a failing migration must not leave the database behind
      throw error;
    });
    return {
      db,
      url: database.url,
      dispose: async () => {
        await db.close();
        await database.drop();
      },
    };
  },
};

/** Every integration suite runs on both. */
export const DATABASES: DatabaseKind[] = [SQLITE, POSTGRES];
