/**
 * A separate OS process hosting the counting projection, for the takeover spec: it prints
 * `state:<state>` whenever its processor's state changes, and runs until killed.
 * Environment: DATABASE_URL, PROCESSOR, TABLE, INSTANCE, HOLD_MS (how long each batch keeps its
 * transaction open after writing, so a kill lands mid-batch).
 */
import { SqlEventStore } from '../../sql/sql-event-store';
import { openSqlDatabase } from '../../sql/typeorm-sql-database';
import { ProcessorHost } from '../processor-host';
import { countingProjection, delay } from './counting-projection';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const db = await openSqlDatabase({ url: env('DATABASE_URL'), poolSize: 3 });
  const holdMs = Number(process.env.HOLD_MS ?? 0);
  const processor = countingProjection({
    name: env('PROCESSOR'),
    table: env('TABLE'),
    instance: env('INSTANCE'),
    batchSize: 10,
    afterWrites: () => delay(holdMs),
  });
  const host = new ProcessorHost({
    db,
    store: new SqlEventStore(db),
    processors: [processor],
    pollIntervalMs: 20,
    leaseRetryMs: 100,
  });
  host.start();
  let reported = '';
  for (;;) {
    const [status] = await host.statuses();
    if (status.state !== reported) {
      reported = status.state;
      process.stdout.write(`state:${reported}\n`);
    }
    await delay(50);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
