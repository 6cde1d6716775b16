// `npm test`: installs if needed, then runs every check the project has, in order: the
// formatting (Prettier), the lint rules (ESLint), the dependency rules, the type checker, and the
// Jest tiers (unit, integration on SQLite and PostgreSQL, end-to-end). PostgreSQL must answer at TEST_POSTGRES_URL
// (default postgres://postgres@127.0.0.1:5432/postgres); if it does not, this says how to provide one.
// The dashboard's browser test needs Debian's Chromium at /usr/bin/chromium; this installs it when it can.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './ensure-installed.mjs';

ensureInstalled();

const postgresUrl = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
if (!(await answers(postgresUrl.hostname, Number(postgresUrl.port || 5432)))) {
  process.stderr.write(
    `PostgreSQL does not answer at ${postgresUrl.host}. The integration and end-to-end tests run against a real PostgreSQL.\n` +
      'Start one (e.g. `docker compose up -d postgres`, or a local server with trust auth for user postgres),\n' +
      'or point TEST_POSTGRES_URL at a server where that user may create databases.\n',
  );
  process.exit(1);
}

ensureChromium();

const steps = [
  ['formatting', 'npx', ['prettier', '--check', '--log-level', 'warn', '**/*.{ts,js,mjs,cjs}']],
  ['lint', 'npx', ['eslint', 'apps', 'libs', 'test', 'bench', 'scripts']],
  ['dependency rules', 'npx', ['depcruise', 'apps', 'libs', '--config', '.dependency-cruiser.cjs']],
  ['type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  [
    'jest',
    'npx',
    ['jest', '--ci', '--json', `--outputFile=${join(root, '.cache', 'jest-results.json')}`, ...process.argv.slice(2)],
  ],
];
mkdirSync(join(root, '.cache'), { recursive: true });
for (const [name, command, args] of steps) {
  process.stdout.write(`\n== ${name} ==\n`);
  const status = run(command, args);
  if (name === 'jest') summariseJest();
  if (status !== 0) {
    process.stderr.write(`\n${name} failed (exit ${status}).\n`);
    process.exit(status);
  }
}

/**
 * The dashboard's browser test drives Debian's Chromium (never a downloaded browser build).
 * Installs it with apt-get when it is missing and we may; otherwise stops and says how.
 */
function ensureChromium() {
  const chromium = '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasAptGet = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasAptGet) {
    process.stdout.write(
      `\n== Chromium ==\n${chromium} is missing; the dashboard test needs it. Installing Debian's package:\n`,
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
      process.stdout.write(`$ apt-get ${args.join(' ')}\n`);
      const status = run('apt-get', args, { env });
      if (status !== 0) process.stderr.write(`apt-get ${args[0]} failed (exit ${status}).\n`);
    }
  }
  if (!existsSync(chromium)) {
    process.stderr.write(
      `Chromium is not installed at ${chromium}; the dashboard's end-to-end test runs in it.\n` +
        'Install it as root with: apt-get update && apt-get install -y --no-install-recommends chromium\n',
    );
    process.exit(1);
  }
}

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** One plain closing line with the counts, whatever reporter is in use. */
function summariseJest() {
  const file = join(root, '.cache', 'jest-results.json');
  if (!existsSync(file)) return;
  const results = JSON.parse(readFileSync(file, 'utf8'));
  process.stdout.write(
    `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
  );
}
