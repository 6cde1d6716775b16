import type { QueryRunner } from 'typeorm';

/**
 * DDL for read-model tables on either database. Migrations list their columns literally (a
 * migration is a snapshot, never derived from today's row types); this only spells the types.
 */
export type DdlKind = 'text' | 'integer' | 'bigint' | 'real' | 'boolean';
export type DdlColumn = readonly [name: string, kind: DdlKind, nullable?: 'null'];

const TYPES: Record<'postgres' | 'sqlite', Record<DdlKind, string>> = {
  postgres: { text: 'text', integer: 'integer', bigint: 'bigint', real: 'double precision', boolean: 'boolean' },
  sqlite: { text: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', real: 'REAL', boolean: 'INTEGER' },
};

const dialectOf = (runner: QueryRunner): 'postgres' | 'sqlite' =>
  runner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';

export async function createTable(
  runner: QueryRunner,
  table: string,
  columns: readonly DdlColumn[],
  primaryKey: readonly string[],
): Promise<void> {
  const types = TYPES[dialectOf(runner)];
  const lines = columns.map(([name, kind, nullable]) => `${name} ${types[kind]}${nullable ? '' : ' NOT NULL'}`);
  lines.push(`CONSTRAINT ${table}_pkey PRIMARY KEY (${primaryKey.join(', ')})`);
  await runner.query(`CREATE TABLE ${table} (\n  ${lines.join(',\n  ')}\n)`);
}

/** Adds a nullable column to a table that may already hold rows (a NOT NULL column would need a default). */
export async function addNullableColumn(
  runner: QueryRunner,
  table: string,
  column: string,
  kind: DdlKind,
): Promise<void> {
  await runner.query(`ALTER TABLE ${table} ADD COLUMN ${column} ${TYPES[dialectOf(runner)][kind]}`);
}

export async function dropColumn(runner: QueryRunner, table: string, column: string): Promise<void> {
  await runner.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
}

export async function createIndex(runner: QueryRunner, table: string, columns: readonly string[]): Promise<void> {
  await runner.query(`CREATE INDEX ${table}_${columns.join('_')}_idx ON ${table} (${columns.join(', ')})`);
}

export async function dropTables(runner: QueryRunner, ...tables: string[]): Promise<void> {
  for (const table of tables) await runner.query(`DROP TABLE IF EXISTS ${table}`);
}
