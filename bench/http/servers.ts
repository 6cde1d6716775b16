import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * What the HTTP bench starts and must take down again whatever happens: servers as child
 * processes (each on an event loop of its own, apart from the load generator's), throwaway
 * PostgreSQL databases and temporary SQLite folders.
 */
export const ROOT = join(__dirname, '..', '..');
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];

/** Runs every cleanup registered so far, newest first; safe to call more than once. */
export async function cleanUp(): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  while (cleanups.length > 0)
    await (cleanups.pop() as () => Promise<void>)().catch((error: unknown) =>
      process.stderr.write(`cleanup: ${String(error)}\n`),
    );
}

/** Child servers die with the bench, whichever way it ends; a signal also drops the databases. */
export function cleanUpOnExit(): void {
  process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping servers and dropping the bench databases\n`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}

export interface ServerProcess {
  url: string;
  /** The last lines the server printed. */
  log(): string;
  stop(): Promise<void>;
}

/** Where the compiled servers are: Spinout as `npm start` builds it, the baseline beside the bench's other output. */
const SPINOUT_ENTRY = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const BASELINE_OUT = join(ROOT, '.cache', 'bench-http');

/**
 * Compiles both servers, so that each runs as JavaScript the way Spinout runs in production
 * (`npm start` runs the build): through ts-node a server would also load Node's REPL, and with
 * it the `domain` module, which wraps every event emitted.
 */
export function buildServers(): { spinout: string; baseline: string } {
  const build = (args: string[]) => {
    const result = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`npx ${args.join(' ')} failed (exit ${result.status})`);
  };
  build(['nest', 'build', 'api']);
  build([
    'tsc',
    join('bench', 'http', 'baseline.server.ts'),
    '--outDir',
    BASELINE_OUT,
    '--rootDir',
    join('bench', 'http'),
    '--module',
    'commonjs',
    '--target',
    'ES2022',
    '--strict',
    '--esModuleInterop',
    '--skipLibCheck',
    '--experimentalDecorators',
    '--emitDecoratorMetadata',
    '--types',
    'node',
  ]);
  return { spinout: SPINOUT_ENTRY, baseline: join(BASELINE_OUT, 'baseline.server.js') };
}

/** Starts a compiled `entry` (`buildServers`) and waits until `readyPath` answers 200. */
export async function startServer(
  entry: string,
  env: Record<string, string>,
  readyPath: string,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString()) > 200 && output.shift();
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const log = () => output.join('').slice(-10_000);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode} while starting:\n${log()}`);
    const ready = await fetch(`${url}${readyPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, log, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${entry} did not answer ${readyPath} within 120 s:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A fresh PostgreSQL database, dropped at cleanup (or earlier through `drop`); with `keep`, left
 * in place for a later run (`existingPostgres`).
 */
export async function throwawayPostgres(
  label: string,
  options: { keep?: boolean } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `spinout_bench_http_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  let dropped = options.keep === true;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  cleanups.push(drop);
  return { name, url: databaseUrl(name), drop };
}

/** A database an earlier run kept: used as it is, never dropped. */
export async function existingPostgres(name: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const found = await withAdmin((admin) => admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
  if (found.rowCount !== 1) throw new Error(`No database named "${name}" on ${new URL(POSTGRES_URL).host}`);
  return { name, url: databaseUrl(name), drop: async () => undefined };
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A SQLite file in a fresh temporary folder, removed at cleanup. */
export function throwawaySqlite(): { url: string; remove(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'spinout-bench-http-'));
  const remove = async () => rmSync(dir, { recursive: true, force: true });
  cleanups.push(remove);
  return { url: `sqlite:${join(dir, 'spinout.sqlite')}`, remove };
}

export function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  return withClient(POSTGRES_URL, work);
}

/** One client on `url` for `work`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
