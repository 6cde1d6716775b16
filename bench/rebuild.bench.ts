/**
 * Projection rebuild speed and read-model freshness.
 *
 *   npm run bench:rebuild
 *
 * On PostgreSQL (fresh databases on BENCH_POSTGRES_URL, dropped afterwards), for logs of 100k and
 * 1M events (BENCH_SIZES=100000,1000000) made of realistic unit + contract histories
 * (BENCH_PROJECTIONS=units,audit rebuilds only those):
 *   - raw read rate: the events table read in keyset pages of 1,000 by (tx_id, position), JSON
 *     parsed, nothing written — the ceiling for any reader of the log;
 *   - rebuild rate of each projection through the processor runtime (reset, replay, checkpoint per
 *     batch), and its ratio to the raw rate measured in the same run (target ≥ 0.25, flat from
 *     100k to 1M). The raw read runs again after every rebuild, and a rebuild is compared with the
 *     mean of the raw reads on either side of it, so a machine that slows down or speeds up
 *     during the run moves both figures alike; BENCH_REPEATS rebuilds per projection (default 3
 *     at 100k, 1 at 1M), median reported.
 * Then freshness under load: BENCH_WRITERS concurrent writers issue commands for BENCH_SECONDS
 * while the projections run; for each command, the time from the append's return to the moment
 * its unit row in the units view shows the new version. Prints p50/p99 (BENCH_SECONDS=0 skips it).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { serviceUnitDecider } from '@spinout/domain';
import {
  AppendNotifier,
  NotifyingEventStore,
  openSqlDatabase,
  ProcessorHost,
  runCommand,
  SqlEventStore,
  type TypeOrmSqlDatabase,
} from '@spinout/event-store';
import { createProjectionProcessors, PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from '@spinout/projections';
import { appendBulkHistory } from '../libs/projections/test/bulk-history';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000')
  .split(',')
  .map(Number)
  .filter((size) => size > 0);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** Comma-separated substrings of projection names to rebuild (default: all). */
const ONLY = (process.env.BENCH_PROJECTIONS ?? '').split(',').filter((name) => name !== '');
/** Rebuilds of each projection per size (default: 3 at 100k, 1 at 1M); the median is reported. */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 0);
const EVENTS_PER_UNIT = 75; // what appendBulkHistory writes per unit and its contract, near enough

async function withDatabase<T>(work: (db: TypeOrmSqlDatabase) => Promise<T>): Promise<T> {
  const name = `spinout_bench_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const db = await openSqlDatabase({
    url: url.toString(),
    migrations: PROJECTION_MIGRATIONS,
    entities: PROJECTION_ENTITIES,
    poolSize: WRITERS + 4,
  });
  try {
    return await work(db);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * Before each timed phase, what the previous one left behind is cleaned up, so that neither pays
 * for the other: Node's garbage (when run with --expose-gc, as the npm script does), dead and
 * unfrozen tuples and stale statistics (which autovacuum would otherwise deal with in the middle
 * of the next phase), dirty pages (written by a checkpoint). The first pass also sets the hint bits
 * of the freshly written log, which whichever reader came first would pay for.
 */
async function settle(db: TypeOrmSqlDatabase): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await db.query('VACUUM (ANALYZE)');
  await db.query('CHECKPOINT');
}

async function rawReadRate(db: TypeOrmSqlDatabase): Promise<number> {
  const started = process.hrtime.bigint();
  let read = 0;
  let after: [string, string] = ['0', '0'];
  for (;;) {
    const rows = await db.query<{ tx: string; pos: string; data: unknown; metadata: unknown }>(
      `SELECT tx_id::text AS tx, global_position AS pos, data::text AS data, metadata::text AS metadata FROM events
       WHERE (tx_id, global_position) > ($1::text::xid8, $2::bigint) ORDER BY tx_id, global_position LIMIT 1000`,
      after,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row.data as string);
      JSON.parse(row.metadata as string);
    }
    read += rows.length;
    const last = rows[rows.length - 1];
    after = [last.tx, String(last.pos)];
  }
  return read / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function rebuildSize(size: number): Promise<void> {
  await withDatabase(async (db) => {
    const store = new SqlEventStore(db);
    const fillStarted = Date.now();
    const events = await appendBulkHistory(store, Math.ceil(size / EVENTS_PER_UNIT));
    process.stdout.write(`\n${events} events written in ${((Date.now() - fillStarted) / 1000).toFixed(0)} s\n`);
    const host = new ProcessorHost({ db, store, processors: createProjectionProcessors() });
    const repeats = REPEATS > 0 ? REPEATS : Math.max(1, Math.min(3, Math.round(1_000_000 / size)));
    await settle(db);
    let raw = await rawReadRate(db);
    process.stdout.write(
      `raw read rate: ${Math.round(raw)} events/s; each rebuild's ratio is to the mean of the raw reads just before and after it, median of ${repeats}\n`,
    );
    process.stdout.write(
      `${'projection'.padEnd(32)} ${'events/s'.padStart(10)} ${'raw/s'.padStart(10)} ${'ratio'.padStart(7)}\n`,
    );
    let total = 0;
    for (const name of host.names.filter(
      (candidate) => ONLY.length === 0 || ONLY.some((part) => candidate.includes(part)),
    )) {
      const samples: { rate: number; raw: number; ratio: number; parked: number }[] = [];
      for (let i = 0; i < repeats; i += 1) {
        await settle(db);
        const result = await host.rebuild(name);
        const rate = result.events / (result.elapsedMs / 1000);
        total += result.elapsedMs;
        await settle(db);
        const after = await rawReadRate(db);
        const adjacent = (raw + after) / 2;
        raw = after;
        samples.push({ rate, raw: adjacent, ratio: rate / adjacent, parked: result.parked });
      }
      const spread =
        samples.length > 1
          ? `  (ratios in run order ${samples.map((sample) => sample.ratio.toFixed(2)).join(', ')})`
          : '';
      const {
        rate,
        raw: baseline,
        ratio,
        parked,
      } = [...samples].sort((a, b) => a.ratio - b.ratio)[Math.floor(samples.length / 2)];
      process.stdout.write(
        `${name.padEnd(32)} ${String(Math.round(rate)).padStart(10)} ${String(Math.round(baseline)).padStart(10)} ${ratio.toFixed(2).padStart(7)}${spread}${parked ? `  (${parked} parked!)` : ''}\n`,
      );
    }
    process.stdout.write(`all projections: ${(total / 1000).toFixed(1)} s of rebuilding, ${events} events each time\n`);
    await host.stop();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function freshness(): Promise<void> {
  await withDatabase(async (db) => {
    const notifier = new AppendNotifier();
    const store = new NotifyingEventStore(new SqlEventStore(db), notifier);
    const host = new ProcessorHost({
      db,
      store,
      processors: createProjectionProcessors(),
      notifier,
      pollIntervalMs: 200,
    });
    host.start();
    const latencies: number[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    const meta = (actor: string) => ({ actor, correlationId: randomUUID(), occurredAt: new Date().toISOString() });
    const writer = async (w: number) => {
      for (let n = 0; Date.now() < deadline; n += 1) {
        const unitId = `fresh-${w}-${n}`;
        const command = {
          type: 'RegisterServiceUnit' as const,
          actor: 'bench',
          at: new Date().toISOString(),
          data: {
            unitId,
            agency: `Agency ${w % 3}`,
            name: `Unit ${n}`,
            category: 'cleaning' as const,
            establishmentHeadcount: 5,
            annualCostBaseline: { amountMinor: 100_000, currency: 'CNY' },
            assets: [],
          },
        };
        const result = await runCommand({
          store,
          decider: serviceUnitDecider,
          streamId: `serviceUnit-${unitId}`,
          command,
          metadata: meta('bench'),
        });
        const accepted = process.hrtime.bigint();
        for (;;) {
          const [row] = await db.query<{ version: number }>('SELECT version FROM units WHERE unit_id = $1', [unitId]);
          if (row && Number(row.version) >= result.version) break;
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        latencies.push(Number(process.hrtime.bigint() - accepted) / 1e6);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await host.stop();
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      `\nfreshness under load (${WRITERS} writers, ${SECONDS} s, ${latencies.length} commands, ${Math.round(latencies.length / SECONDS)} commands/s):\n`,
    );
    process.stdout.write(
      `  command accepted → visible in the units view: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms\n`,
    );
  });
}

async function main(): Promise<void> {
  process.stdout.write(`Projection rebuild on PostgreSQL (${POSTGRES_URL.replace(/\/\/[^@]*@/, '//')})\n`);
  for (const size of SIZES) await rebuildSize(size);
  if (SECONDS > 0) await freshness();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
