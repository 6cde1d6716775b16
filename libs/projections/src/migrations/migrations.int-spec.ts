import { DATABASES } from '../../../event-store/test/databases';
import { PROJECTION_TABLES } from '../entities';
import { openProjectionDb, type ProjectionDb } from '../../test/harness';

interface ColumnInfo {
  name: string;
  nullable: boolean;
}

async function columnsOf(p: ProjectionDb, table: string): Promise<ColumnInfo[]> {
  if (p.db.dialect === 'postgres') {
    const rows = await p.db.query<{ column_name: string; is_nullable: string }>(
      `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    return rows.map((r) => ({ name: r.column_name, nullable: r.is_nullable === 'YES' }));
  }
  const rows = await p.db.query<{ name: string; notnull: number; pk: number }>(
    `SELECT name, "notnull", pk FROM pragma_table_info($1)`,
    [table],
  );
  return rows.map((r) => ({ name: r.name, nullable: r.notnull === 0 && r.pk === 0 }));
}

describe.each(DATABASES)('projection migrations on $name', (kind) => {
  let p: ProjectionDb;
  beforeAll(async () => {
    p = await openProjectionDb(kind);
  });
  afterAll(() => p?.dispose());

  it.each(PROJECTION_TABLES.map((t) => [t.name, t] as const))(
    'create %s with exactly the columns its row type declares',
    async (_name, table) => {
      expect(await columnsOf(p, table.name)).toEqual(
        table.columns.map((c) => ({ name: c.column, nullable: c.nullable })),
      );
    },
  );
});
