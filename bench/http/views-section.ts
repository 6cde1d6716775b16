import { openSqlDatabase, SqlEventStore } from '@spinout/event-store';
import { spinoutUpcasters } from '@spinout/workflow';
import { Pool, type Client } from 'pg';
import { alternate, closedLoop, timedLoops } from './load';
import { recordProgramme, type Programme } from './national-programme';
import { loadAverage, ms, printTable, rate, ratio, say } from './report';
import { existingPostgres, throwawayPostgres, withClient, type ServerProcess } from './servers';
import { bearer, processorsCaughtUp, startSpinout } from './spinout';
import { viewCases, type ViewCase } from './view-cases';

/**
 * Section two: the views at national scale. A programme of `units` units is recorded through
 * the event store into a fresh PostgreSQL database, Spinout (processors in the same process)
 * starts on it and its projections build the views from the log; then each list endpoint is read
 * by `readers` concurrent clients over HTTP, and the statements its query issues are run raw
 * through pg by as many concurrent loops on a pool of the service's size.
 */
export interface ViewSettings {
  units: number;
  readers: number;
  seconds: number;
  poolSize: number;
  /** BENCH_HTTP_VIEWS_KEEP: leave the recorded database for later runs. */
  keep: boolean;
  /** BENCH_HTTP_VIEWS_DATABASE: measure a database a run kept, without recording. */
  database?: string;
}

const TABLES = [
  'events',
  'units',
  'reform_progress',
  'contracts',
  'sla_compliance',
  'settlements',
  'provider_scorecards',
  'audit_trail',
];

export async function viewsSection(settings: ViewSettings): Promise<void> {
  const database =
    settings.database === undefined
      ? await throwawayPostgres('views', { keep: settings.keep })
      : await existingPostgres(settings.database);
  let programme: Programme;
  if (settings.database === undefined) {
    say(`\nViews at scale: ${count(settings.units)} units recorded through the event store (PostgreSQL)`);
    await (await startSpinout(database.url, false)).stop(); // the service creates its tables
    programme = await record(database.url, settings.units);
    await withClient(database.url, (client) => keepProgramme(client, programme));
    if (settings.keep) say(`kept as ${database.name}: BENCH_HTTP_VIEWS_DATABASE=${database.name} measures it again`);
  } else {
    programme = await withClient(database.url, readProgramme);
    say(`\nViews at scale: ${count(programme.units)} units, recorded by an earlier run into ${database.name}`);
  }
  const server = await startAndCatchUp(database.url, programme.events);
  const pool = new Pool({ connectionString: database.url, max: settings.poolSize });
  try {
    const counts = await Promise.all(
      TABLES.map(
        async (table) =>
          `${table} ${count((await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n)}`,
      ),
    );
    say(`rows: ${counts.join(', ')}`);
    await pool.query('VACUUM (ANALYZE)'); // as autovacuum would have by now on a live system
    const rows = [
      ['view', 'matching', 'HTTP req/s', 'p50 ms', 'p99 ms', 'raw SQL req/s', 'p50 ms', 'p99 ms', 'HTTP/raw'],
    ];
    for (const viewCase of await viewCases(programme, new Date().toISOString().slice(0, 10)))
      rows.push(await measureCase(server, pool, viewCase, settings));
    say(
      `\nView lists, ${settings.readers} concurrent readers, ${settings.seconds} s each; "raw SQL": the statements of the endpoint's query`,
    );
    say(
      `run one after another through pg (pool of ${settings.poolSize}) by as many concurrent loops, in one-second turns with HTTP; HTTP/raw: ratio of the req/s.`,
    );
    printTable(rows, [1, 2, 3, 4, 5, 6, 7, 8]);
    say(`load average at the end: ${loadAverage()}`);
  } finally {
    await pool.end();
    await server.stop();
    await database.drop();
  }
}

/** The programme beside its events, so that a later run can read the same views (BENCH_HTTP_VIEWS_DATABASE). */
async function keepProgramme(client: Client, programme: Programme): Promise<void> {
  await client.query('CREATE TABLE bench_programme (programme jsonb NOT NULL)');
  await client.query('INSERT INTO bench_programme (programme) VALUES ($1)', [JSON.stringify(programme)]);
}

async function readProgramme(client: Client): Promise<Programme> {
  const { rows } = await client.query<{ programme: Programme }>('SELECT programme FROM bench_programme');
  if (rows.length !== 1) throw new Error('This database holds no programme recorded by bench:http');
  return rows[0].programme;
}

const count = (n: number | string) => Number(n).toLocaleString('en-US');

/** Starts the service with its processors on the recorded log and waits until they have read all of it. */
async function startAndCatchUp(url: string, events: number): Promise<ServerProcess> {
  const booting = Date.now();
  const server = await startSpinout(url, true);
  const started = Date.now();
  const { statuses, caughtUpMs } = await processorsCaughtUp(server, 6 * 3600_000);
  const seconds = (Date.now() - started) / 1000;
  say(
    `service up in ${((started - booting) / 1000).toFixed(1)} s; its ${statuses.length} processors (projections, process managers) read the log in ${seconds.toFixed(1)} s (${rate(events / seconds)} events/s)`,
  );
  const each = [...caughtUpMs].sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`);
  say(`  each caught up after: ${each.join(', ')}`);
  const parked = statuses.filter((status) => status.parked > 0);
  if (parked.length > 0)
    say(`  events parked: ${parked.map((status) => `${status.name} ${status.parked}`).join(', ')}`);
  return server;
}

async function record(url: string, units: number): Promise<Programme> {
  const writers = 8;
  const db = await openSqlDatabase({ url, poolSize: writers + 2 });
  try {
    const started = Date.now();
    process.stdout.write('recording:');
    const programme = await recordProgramme(new SqlEventStore(db, spinoutUpcasters()), units, writers, (done) =>
      process.stdout.write(` ${Math.round((done / units) * 100)}%`),
    );
    process.stdout.write('\n');
    const seconds = (Date.now() - started) / 1000;
    say(
      `recorded ${count(programme.units)} units of ${programme.agencies} agencies, ${programme.providers} providers, ${count(programme.contracts)} contracts: ${count(programme.events)} events in ${seconds.toFixed(1)} s`,
    );
    return programme;
  } finally {
    await db.close();
  }
}

async function measureCase(
  server: ServerProcess,
  pool: Pool,
  viewCase: ViewCase,
  settings: ViewSettings,
): Promise<string[]> {
  const headers = bearer('bench.office', 'reform_office');
  const first = await fetch(`${server.url}${viewCase.path}`, { headers });
  const body = (await first.json()) as { total?: number; items?: unknown[] };
  if (first.status !== 200) throw new Error(`GET ${viewCase.path} answered ${first.status}: ${JSON.stringify(body)}`);
  const matching = body.total !== undefined ? count(body.total) : `${body.items?.length ?? 0} on page`;
  const target = { url: server.url, path: viewCase.path, headers };
  const raw = async () => {
    for (const statement of viewCase.statements) await pool.query(statement.sql, [...statement.params]);
  };
  await closedLoop(target, settings.readers, 1); // warm-up
  await timedLoops(settings.readers, 0.5, raw);
  const slices = Math.max(1, Math.round(settings.seconds)); // one-second turns
  const seconds = settings.seconds / slices;
  const { http, direct } = await alternate(
    {
      http: { slice: () => closedLoop(target, settings.readers, seconds) },
      direct: { slice: () => timedLoops(settings.readers, seconds, raw) },
    },
    slices,
  );
  const failed = http.failed > 0 ? ` (${http.failed} failed)` : '';
  return [
    `${viewCase.label}${failed}`,
    matching,
    rate(http.rate),
    ms(http.p50),
    ms(http.p99),
    rate(direct.rate),
    ms(direct.p50),
    ms(direct.p99),
    ratio(http.rate / direct.rate),
  ];
}
