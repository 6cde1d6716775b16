/**
 * Rebuilds read models from position zero: `npm run rebuild -- [name …]` (all projections when
 * none is named). Each projection's tables are emptied and the whole log replayed through it,
 * with its checkpoint committed batch by batch, so an interrupted rebuild resumes from where it
 * stopped when the service starts. On PostgreSQL it takes the projection's lease: if a running
 * service holds it, the rebuild asks it to hand the projection over, the service stands by
 * meanwhile and takes the projection back when the rebuild ends (ADR 013). On SQLite stop the
 * service first: one process owns the file.
 */
import 'reflect-metadata';
import { openSqlDatabase, ProcessorHost, SqlEventStore } from '@spinout/event-store';
import { createProjectionProcessors } from '@spinout/projections';
import { spinoutUpcasters } from '@spinout/workflow';
import { loadConfig } from '../config/app-config';
import { APP_ENTITIES, APP_MIGRATIONS } from '../database/migrations';

const BAR_WIDTH = 30;

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openSqlDatabase({ url: config.databaseUrl, migrations: APP_MIGRATIONS, entities: APP_ENTITIES });
  const store = new SqlEventStore(db, spinoutUpcasters());
  const processors = createProjectionProcessors();
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = requested.filter((name) => !processors.some((p) => p.name === name));
  if (unknown.length > 0)
    throw new Error(`Unknown projection(s) ${unknown.join(', ')}; known: ${processors.map((p) => p.name).join(', ')}`);
  const host = new ProcessorHost({ db, store, processors });
  try {
    for (const name of requested.length > 0 ? requested : host.names) {
      const result = await host.rebuild(name, {
        onProgress: ({ done, total }) => progress(name, done, total),
        onHandoverRequested: () =>
          process.stderr.write(
            `${name}: active in a running instance; asked it to hand over (it stands by until this rebuild ends)\n`,
          ),
      });
      process.stderr.write('\n');
      const rate = Math.round(result.events / Math.max(result.elapsedMs / 1000, 0.001));
      process.stdout.write(
        `${name}: ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate} events/s), ${result.parked} parked\n`,
      );
    }
  } finally {
    await host.stop();
    await db.close();
  }
}

function progress(name: string, done: number, total: number): void {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * BAR_WIDTH);
  process.stderr.write(
    `\r${name.padEnd(32)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${(error as Error).message}\n`);
  process.exit(1);
});
