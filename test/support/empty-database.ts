import { createTestDatabase } from './postgres';
import { createTestSqliteFile } from './sqlite';

export interface EmptyDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database for one test file: a SQLite file, or a PostgreSQL database named after `prefix`. */
export async function createEmptyDatabase(dialect: 'sqlite' | 'postgres', prefix: string): Promise<EmptyDatabase> {
  if (dialect === 'postgres') return createTestDatabase(prefix);
  const file = createTestSqliteFile();
  return { url: `sqlite:${file.path}`, drop: async () => file.remove() };
}
