/**
 * The HTTP path end to end, against a bare NestJS baseline measured in the same run.
 *
 *   npm run bench:http
 *
 * Every server is a child process of its own (the load generator keeps its own event loop) on a
 * fresh database: a throwaway PostgreSQL database on BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), or a temporary SQLite file; all are dropped at
 * the end, also after a failure or Ctrl-C. Spinout runs from its real entry point
 * (built with `nest build api` and run as `npm start` runs it; the baseline compiled with tsc) with real JWT bearer auth.
 *
 * Section one — Spinout on PostgreSQL with its processors in the same process, on PostgreSQL with
 * RUN_PROCESSORS=false, and on SQLite, each beside the baseline (bench/http/baseline.server.ts:
 * NestJS 11 + Express, the same body validated by class-validator, one INSERT of a row of the
 * event's size through a pg pool of Spinout's size). Every measure takes turns between Spinout
 * and the baseline in 2-second slices, so that load from elsewhere on the machine weighs on both
 * alike: register-unit commands in a closed loop (BENCH_HTTP_CONNECTIONS, default 16, each POST a
 * distinct unit), the same commands in an open loop at a fixed rate (BENCH_HTTP_RATE, default
 * 200/s), GET of one aggregate, a list of 50 (/views/units; the baseline's table given as many
 * rows) and /health. After each slice of Spinout its processors are let catch up, untimed.
 * Printed with each figure's ratio to the baseline and the targets of issue 14 (printed, never
 * asserted).
 *
 * Section two — the views at scale: BENCH_HTTP_UNITS units (default 2,000; 100000 for national
 * scale) recorded through the event store, the projections let build the views, then every view
 * list endpoint read by BENCH_HTTP_READERS concurrent clients (default 8) for
 * BENCH_HTTP_VIEW_SECONDS (default 5), in one-second turns with the same SQL run raw through pg.
 * BENCH_HTTP_VIEWS_KEEP=1 leaves the recorded database in place and prints its name;
 * BENCH_HTTP_VIEWS_DATABASE=<that name> measures it again without recording (a national-scale
 * log takes most of an hour to record and project on two cores). Drop it by hand when done.
 *
 * Settings: BENCH_HTTP_SECONDS per measure and side (default 10); BENCH_HTTP_ONLY, a
 * comma-separated subset of postgres, postgres-api, sqlite, views. A default run takes about
 * twelve minutes on two cores.
 */
import { cpus } from 'node:os';
import { commandsSection } from './http/commands-section';
import { loadAverage, say } from './http/report';
import { cleanUp, cleanUpOnExit, withAdmin } from './http/servers';
import { viewsSection } from './http/views-section';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${process.env[name]}"`);
  return value;
};
const ONLY = (process.env.BENCH_HTTP_ONLY ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter((key) => key !== '');
const chosen = (key: string) => ONLY.length === 0 || ONLY.includes(key);
/** Spinout's pool: openSqlDatabase's default, which the service does not override. */
const POOL_SIZE = 10;

async function main(): Promise<void> {
  cleanUpOnExit();
  const seconds = number('BENCH_HTTP_SECONDS', 10);
  const postgres = await withAdmin(
    async (admin) => (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version,
  );
  say(
    `HTTP bench: node ${process.version}, ${cpus().length} cores (load average ${loadAverage()}), PostgreSQL ${postgres}, pool ${POOL_SIZE}, ${seconds} s per measure`,
  );
  try {
    if (['postgres', 'postgres-api', 'sqlite'].some(chosen)) {
      await commandsSection({
        seconds,
        connections: number('BENCH_HTTP_CONNECTIONS', 16),
        rate: number('BENCH_HTTP_RATE', 200),
        poolSize: POOL_SIZE,
        chosen,
      });
    }
    if (chosen('views')) {
      await viewsSection({
        units: number('BENCH_HTTP_UNITS', 2000),
        readers: number('BENCH_HTTP_READERS', 8),
        seconds: number('BENCH_HTTP_VIEW_SECONDS', 5),
        poolSize: POOL_SIZE,
        keep: process.env.BENCH_HTTP_VIEWS_KEEP === '1',
        database: process.env.BENCH_HTTP_VIEWS_DATABASE || undefined,
      });
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
