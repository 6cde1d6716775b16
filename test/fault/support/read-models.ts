import { openSqlDatabase, ProcessorHost, SqlEventStore, type SqlDatabase } from '@spinout/event-store';
import { createProjectionProcessors, PROJECTION_TABLES } from '@spinout/projections';
import { spinoutUpcasters } from '@spinout/workflow';
import { APP_ENTITIES, APP_MIGRATIONS } from '../../../apps/api/src/database/migrations';

type Snapshot = Record<string, unknown[]>;

/**
 * Every read model as its rows, then every projection rebuilt from position zero and read
 * again: the two must be equal, whatever crashes the live processors went through. Run with
 * the service stopped (the rebuild needs each projection's lease).
 */
export async function readModelsAgainstRebuild(
  databaseUrl: string,
): Promise<{ live: Snapshot; rebuilt: Snapshot; events: number }> {
  const db = await openSqlDatabase({ url: databaseUrl, migrations: APP_MIGRATIONS, entities: APP_ENTITIES });
  const host = new ProcessorHost({
    db,
    store: new SqlEventStore(db, spinoutUpcasters()),
    processors: createProjectionProcessors(),
  });
  try {
    const live = await snapshot(db);
    let events = 0;
    for (const name of host.names) events = Math.max(events, (await host.rebuild(name)).events);
    return { live, rebuilt: await snapshot(db), events };
  } finally {
    await host.stop();
    await db.close();
  }
}

async function snapshot(db: SqlDatabase): Promise<Snapshot> {
  const tables: Snapshot = {};
  for (const table of PROJECTION_TABLES) {
    tables[table.name] = await db.query(`SELECT * FROM ${table.name} ORDER BY ${table.key.join(', ')}`);
  }
  return tables;
}
