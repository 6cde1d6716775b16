import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryFailedError, type MigrationInterface, type QueryRunner } from 'typeorm';
import { isUniqueViolation, openSqlDatabase, parseDatabaseUrl } from '..';
import { DATABASES, type OpenedDatabase } from '../../test/databases';

class CreateNotes1732900000000 implements MigrationInterface {
  name = 'CreateNotes1732900000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL, flag boolean)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notes');
  }
}

describe.each(DATABASES)('TypeOrmSqlDatabase on $name', (kind) => {
  let opened: OpenedDatabase;

  beforeAll(async () => {
    opened = await kind.open({ migrations: [CreateNotes1732900000000] });
  });
  afterAll(() => opened?.dispose());
  afterEach(() => opened.db.query('DELETE FROM notes'));

  it('runs its own and the given migrations on open', async () => {
    expect(opened.db.dialect).toBe(kind.name);
    expect(opened.db.dataSource.isInitialized).toBe(true);
    const migrations = await opened.db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(migrations.map((m) => m.name)).toEqual([
      'CreateEvents1732200000000',
      'CreateEventsAppendFunction1732250000000',
      'CreateProcessorTables1732300000000',
      'DropEventsAppendFunction1732800000000',
      'CreateNotes1732900000000',
      'CreateProcessorHandovers1733100000000',
      'CreateStreamHeads1733200000000',
    ]);
    if (kind.name === 'postgres') {
      expect(await opened.db.query("SELECT proname FROM pg_proc WHERE proname = 'events_append'")).toEqual([]);
    }
    await expect(opened.db.ping()).resolves.toBe(true);
  });

  it('runs a statement prepared under a name again and again, with errors wrapped like any other', async () => {
    const insert = 'INSERT INTO notes (id, body, flag) VALUES ($1, $2, $3) RETURNING id, body';
    for (const id of [1, 2, 3]) {
      expect(await opened.db.query(insert, [id, `n${id}`, true], { prepareAs: 'notes_insert_test' })).toEqual([
        { id, body: `n${id}` },
      ]);
    }
    const duplicate: unknown = await opened.db
      .query(insert, [2, 'again', false], { prepareAs: 'notes_insert_test' })
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(await opened.db.query('SELECT body FROM notes WHERE id = $1', [2])).toEqual([{ body: 'n2' }]);
  });

  it('binds $n placeholders by number, repeated and out of order', async () => {
    const rows = await opened.db.query<{ a: string; b: string; c: string }>(
      "SELECT $2 AS a, $1 AS b, $2 || '-$1' AS c",
      ['one', 'two'],
    );
    expect(rows).toEqual([{ a: 'two', b: 'one', c: 'two-$1' }]);
  });

  it('returns rows for RETURNING and an empty list for UPDATE and DELETE', async () => {
    expect(
      await opened.db.query('INSERT INTO notes (id, body, flag) VALUES ($1, $2, $3) RETURNING id', [1, 'a', true]),
    ).toEqual([{ id: 1 }]);
    expect(await opened.db.query('UPDATE notes SET body = $2 WHERE id = $1', [1, 'b'])).toEqual([]);
    expect(await opened.db.query('DELETE FROM notes WHERE id = $1', [1])).toEqual([]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await opened.db.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [1, 'kept']);
    });
    await expect(
      opened.db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (id, body) VALUES ($1, $2)', [2, 'lost']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');

    expect(await opened.db.query('SELECT id, body FROM notes ORDER BY id')).toEqual([{ id: 1, body: 'kept' }]);
  });

  it('recognises unique violations of either driver', async () => {
    await opened.db.query('INSERT INTO notes (id, body) VALUES (1, $1)', ['x']);
    const error = await opened.db.query('INSERT INTO notes (id, body) VALUES (1, $1)', ['y']).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('keeps concurrent transactions apart (SQLite queues them on its one connection)', async () => {
    await opened.db.query('INSERT INTO notes (id, body) VALUES (0, $1)', ['0']);
    // Each transaction reads the counter, yields, and writes it back plus one: interleaving would lose updates.
    const increment = () =>
      opened.db.transaction(async (tx) => {
        const [row] = await tx.query<{ body: string }>(
          `SELECT body FROM notes WHERE id = 0${kind.name === 'postgres' ? ' FOR UPDATE' : ''}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 1));
        await tx.query('UPDATE notes SET body = $1 WHERE id = 0', [String(Number(row.body) + 1)]);
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(await opened.db.query('SELECT body FROM notes WHERE id = 0')).toEqual([{ body: '20' }]);
  });

  it('a query issued inside a transaction without its executor does not deadlock', async () => {
    await opened.db.transaction(async (tx) => {
      await tx.query('INSERT INTO notes (id, body) VALUES (1, $1)', ['x']);
      await opened.db.query('SELECT 1 AS one');
    });
    expect(await opened.db.query('SELECT count(*) AS n FROM notes')).toEqual([
      { n: kind.name === 'postgres' ? '1' : 1 },
    ]);
  });
});

describe('openSqlDatabase', () => {
  it('reads postgres URLs, sqlite: URLs and plain paths', () => {
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({ dialect: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(parseDatabaseUrl('postgresql://h/db')).toMatchObject({ dialect: 'postgres' });
    expect(parseDatabaseUrl('sqlite:data/spinout.sqlite')).toEqual({ dialect: 'sqlite', path: 'data/spinout.sqlite' });
    expect(parseDatabaseUrl('sqlite:///var/lib/spinout.sqlite')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/spinout.sqlite',
    });
    expect(parseDatabaseUrl('./spinout.sqlite')).toEqual({ dialect: 'sqlite', path: './spinout.sqlite' });
  });

  it('creates the SQLite folder and sets WAL, synchronous=NORMAL, foreign keys and a busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinout-open-'));
    const file = join(dir, 'nested', 'deeper', 'spinout.sqlite');
    const db = await openSqlDatabase({ url: file, busyTimeoutMs: 1234 });
    try {
      expect(existsSync(file)).toBe(true);
      expect(await db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await db.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
      expect(await db.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await db.query('PRAGMA busy_timeout')).toEqual([{ timeout: 1234 }]);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
