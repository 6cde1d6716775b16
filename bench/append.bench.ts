/**
 * Append throughput of the SQL event store against the raw limit of the same database.
 *
 *   npm run bench:append
 *
 * For PostgreSQL (a fresh database on the server at BENCH_POSTGRES_URL, dropped afterwards) and
 * SQLite (a temporary file), three scenarios over 2,000 streams, ~400-byte events, appends with
 * the exact expected version:
 *   (a) 16 concurrent writers, 1 event per append
 *   (b)  1 writer,             1 event per append
 *   (c) 16 concurrent writers, 10 events per append
 * "raw" inserts the same rows into a table with the same columns and indexes, through the same
 * driver and pool, as one plain INSERT statement per append (its own implicit transaction, one
 * round trip): no read, no hashing, no checks. Each scenario alternates store and raw in
 * half-second slices so drift (autovacuum, checkpoints, other load) hits both alike.
 *
 * Settings: BENCH_SECONDS per scenario and variant (default 8), BENCH_POOL_SIZE (default 16),
 * BENCH_ONLY=postgres|sqlite, BENCH_SCENARIOS=abc (a subset), BENCH_VERBOSE=1 (every slice).
 *
 * Measured (store/raw ratio; PostgreSQL 15 on the same host with fsync on, Node 20, a 2-core
 * machine shared with other test runs at load average 4 to 9, so a single run moves by ±0.1):
 *                                  PostgreSQL     SQLite
 *   (a) 16 writers x 1 event       0.62  0.62     0.57  0.71
 *   (b)  1 writer  x 1 event       0.72  0.90     0.61  0.64
 *   (c) 16 writers x 10 events     0.80  0.78     0.69  0.77
 * PostgreSQL started at 0.36 / 0.37 / 0.47 (probe query, then INSERT). What moved it: one round
 * trip through the events_append function; its plans pinned to index scans (a generic plan
 * cached while the table was small seq-scanned it on every append); hashes chained in the
 * application from the last head it saw rather than in PL/pgSQL; the events sent as one JSON
 * document rather than array parameters the driver escapes; canonical JSON through the native
 * JSON.stringify. SQLite: no BEGIN/COMMIT when one INSERT holds the batch.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  openSqlDatabase,
  SqlEventStore,
  type EventMetadata,
  type NewEvent,
  type TypeOrmSqlDatabase,
} from '@spinout/event-store';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 16);
const ONLY = process.env.BENCH_ONLY;
const SCENARIO_FILTER = process.env.BENCH_SCENARIOS; // e.g. "ab"
const VERBOSE = process.env.BENCH_VERBOSE === '1';
const STREAMS = 2000;
/** Store and raw take turns in slices this long, so load from elsewhere on the machine hits both alike. */
const SLICE_MS = 500;
const WARMUP_MS = 500;

interface Scenario {
  name: string;
  writers: number;
  eventsPerAppend: number;
}

const SCENARIOS: Scenario[] = [
  { name: '(a) 16 writers x 1 event', writers: 16, eventsPerAppend: 1 },
  { name: '(b) 1 writer x 1 event', writers: 1, eventsPerAppend: 1 },
  { name: '(c) 16 writers x 10 events', writers: 16, eventsPerAppend: 10 },
];

const METADATA: EventMetadata = {
  actor: 'user:8f14e45f-ceea-467f-a0e6-4c4b1a0b7c7e',
  correlationId: 'c5a4e7e6-9c1f-4a8e-8f3d-2b6f1c9d0a11',
  causationId: '0b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  occurredAt: '2024-11-20T10:00:00.000Z',
};

/** About 400 bytes of JSON, shaped like a domain event. */
function eventData(stream: number, n: number): Record<string, unknown> {
  return {
    serviceUnitId: `su-${stream}`,
    step: n,
    title: 'Consolidate regional freight contracts under one framework agreement',
    owner: { id: 'user:alice', department: 'logistics-reform' },
    budget: { amount: 125000 + n, currency: 'EUR' },
    tags: ['freight', 'framework', 'regional'],
    note: 'Checked against the procurement rules; no objection from the legal review.',
    decidedAt: '2024-11-20T10:00:00.000Z',
  };
}

function newEvents(stream: number, firstVersion: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'ReformStepRecorded',
    schemaVersion: 1,
    data: eventData(stream, firstVersion + i),
    metadata: METADATA,
  }));
}

interface Target {
  name: 'postgres' | 'sqlite';
  db: TypeOrmSqlDatabase;
  settings: string;
  dispose(): Promise<void>;
}

/** Runs `writers` loops for `ms`, each appending to its own share of the streams; returns events written. */
async function drive(
  scenario: Scenario,
  ms: number,
  versions: number[],
  prefix: string,
  appendOne: (streamId: string, stream: number, expected: number, count: number) => Promise<void>,
): Promise<{ events: number; seconds: number }> {
  let events = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + ms;
  await Promise.all(
    Array.from({ length: scenario.writers }, async (_, writer) => {
      for (let turn = 0; Date.now() < deadline; turn += 1) {
        const stream = (writer + turn * scenario.writers) % STREAMS;
        if (stream % scenario.writers !== writer) continue; // streams are split among writers: no conflicts
        await appendOne(`${prefix}-${stream}`, stream, versions[stream], scenario.eventsPerAppend);
        versions[stream] += scenario.eventsPerAppend;
        events += scenario.eventsPerAppend;
      }
    }),
  );
  return { events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

type Variant = 'store' | 'raw' | 'raw prepared';

async function runScenario(target: Target, scenario: Scenario, index: number): Promise<Record<Variant, number>> {
  const store = new SqlEventStore(target.db);
  const storePrefix = `bench-${index}-store`;
  const hash = randomBytes(32).toString('hex');

  const viaStore = (streamId: string, stream: number, expected: number, count: number) =>
    store.append(streamId, newEvents(stream, expected + 1, count), expected).then(() => undefined);

  const rawInsert = rawInsertSql(scenario.eventsPerAppend);
  const viaRaw = (prepareAs?: string) => async (streamId: string, stream: number, expected: number, count: number) => {
    const recordedAt = new Date().toISOString();
    const params: unknown[] = [];
    for (const [i, event] of newEvents(stream, expected + 1, count).entries()) {
      params.push(
        streamId,
        expected + 1 + i,
        event.eventId,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        hash,
        recordedAt,
      );
    }
    await target.db.query(rawInsert, params, prepareAs === undefined ? {} : { prepareAs });
  };

  // The raw limit is the faster of a plain INSERT sent as an unnamed statement (parsed and planned
  // on every call) and the same INSERT prepared once per connection, as the store's statement is.
  const variants: Variant[] = target.name === 'postgres' ? ['store', 'raw', 'raw prepared'] : ['store', 'raw'];
  const runs = new Map<Variant, { prefix: string; versions: number[]; append: Parameters<typeof drive>[4] }>();
  for (const variant of variants) {
    const append =
      variant === 'store'
        ? viaStore
        : viaRaw(variant === 'raw prepared' ? `bench_raw_insert_${scenario.eventsPerAppend}` : undefined);
    runs.set(variant, {
      prefix: variant === 'store' ? storePrefix : `bench-${index}-${variant.replace(' ', '-')}`,
      versions: new Array<number>(STREAMS).fill(0),
      append,
    });
  }
  const turn = (variant: Variant, ms: number) => {
    const run = runs.get(variant) as { prefix: string; versions: number[]; append: Parameters<typeof drive>[4] };
    return drive(scenario, ms, run.versions, run.prefix, run.append);
  };

  for (const variant of variants) await turn(variant, WARMUP_MS);
  const totals = new Map(variants.map((variant) => [variant, { events: 0, seconds: 0 }]));
  const slices = Math.max(1, Math.round((SECONDS * 1000) / SLICE_MS));
  for (let slice = 0; slice < slices; slice += 1) {
    const order = variants.map((_, i) => variants[(i + slice) % variants.length]); // each variant leads in turn
    for (const variant of order) {
      const run = await turn(variant, SLICE_MS);
      const total = totals.get(variant) as { events: number; seconds: number };
      total.events += run.events;
      total.seconds += run.seconds;
      if (VERBOSE)
        console.log(
          `  ${target.name} ${scenario.name} slice ${slice} ${variant}: ${(run.events / run.seconds).toFixed(0)} events/s`,
        );
    }
  }
  const verification = await store.verify(`${storePrefix}-0`);
  if (!verification.ok)
    throw new Error(`Hash chain broken in the benchmark: ${JSON.stringify(verification.firstBroken)}`);
  const rate = (variant: Variant) => {
    const total = totals.get(variant);
    return total ? total.events / total.seconds : Number.NaN;
  };
  return { store: rate('store'), raw: rate('raw'), 'raw prepared': rate('raw prepared') };
}

function rawInsertSql(rows: number): string {
  const tuples = Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: 9 }, (_, c) => `$${r * 9 + c + 1}`).join(', ')})`,
  );
  return `INSERT INTO bench_raw_events (stream_id, stream_version, event_id, type, schema_version, data, metadata, hash, recorded_at) VALUES ${tuples.join(', ')}`;
}

async function postgresTarget(): Promise<Target> {
  const name = `spinout_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const db = await openSqlDatabase({ url: url.toString(), poolSize: POOL_SIZE });
  // The same columns, defaults, constraints and indexes as `events` (see the events migration).
  await db.query(`CREATE TABLE bench_raw_events (
    global_position bigserial PRIMARY KEY,
    tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    stream_id text NOT NULL,
    stream_version integer NOT NULL CHECK (stream_version > 0),
    event_id text NOT NULL,
    type text NOT NULL,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    hash text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, stream_version),
    UNIQUE (event_id)
  )`);
  await db.query('CREATE INDEX ON bench_raw_events (tx_id, global_position)');
  const settings = await db.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version') ORDER BY name",
  );
  return {
    name: 'postgres',
    db,
    settings: `pool ${POOL_SIZE}, ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`,
    dispose: async () => {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'spinout-bench-'));
  const db = await openSqlDatabase({ url: `sqlite:${join(dir, 'bench.sqlite')}` });
  await db.query(`CREATE TABLE bench_raw_events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL CHECK (stream_version > 0),
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    hash TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, stream_version),
    UNIQUE (event_id)
  )`);
  return {
    name: 'sqlite',
    db,
    settings: 'WAL, synchronous=NORMAL, one connection',
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const sample = JSON.stringify(eventData(1234, 56)).length;
  console.log(
    `append benchmark: ${STREAMS} streams, ${sample}-byte event data, ${SECONDS}s per scenario and variant, node ${process.version}`,
  );
  const rows: string[][] = [['database', 'scenario', 'events/s', 'raw events/s', 'raw prepared', 'ratio']];
  const factories = [postgresTarget, sqliteTarget].filter((f) => !ONLY || f.name.toLowerCase().includes(ONLY));
  for (const open of factories) {
    const target = await open();
    try {
      console.log(`${target.name}: ${target.settings}`);
      for (const [index, scenario] of SCENARIOS.entries()) {
        if (SCENARIO_FILTER && !SCENARIO_FILTER.includes(scenario.name[1])) continue;
        const rates = await runScenario(target, scenario, index);
        const limit = Number.isNaN(rates['raw prepared']) ? rates.raw : Math.max(rates.raw, rates['raw prepared']);
        const prepared = Number.isNaN(rates['raw prepared']) ? '-' : rates['raw prepared'].toFixed(0);
        rows.push([
          target.name,
          scenario.name,
          rates.store.toFixed(0),
          rates.raw.toFixed(0),
          prepared,
          (rates.store / limit).toFixed(2),
        ]);
      }
    } finally {
      await target.dispose();
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows)
    console.log(row.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
