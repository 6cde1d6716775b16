// `npm start`: installs if needed, builds if the sources changed, and starts Spinout in one
// process on the embedded SQLite file (or whatever DATABASE_URL names).
// `npm start -- --demo` seeds the demo programme first; `npm run worker` starts the worker
// (processors, Kafka relay and consumer) as a process of its own instead.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, root, run } from './ensure-installed.mjs';

ensureInstalled();

const app = process.argv.includes('--worker') ? 'worker' : 'api';
const entry = join(root, 'dist', 'apps', app, 'src', 'main.js');
if (!existsSync(entry) || newestSource() > statSync(entry).mtimeMs) {
  process.stdout.write(`Building ${app}…\n`);
  if (run('npx', ['nest', 'build', app]) !== 0) process.exit(1);
}

const env = { ...process.env };
if (process.argv.includes('--demo')) env.SPINOUT_DEMO = '1';
process.exit(run(process.execPath, ['--enable-source-maps', entry], { env }));

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (name.endsWith('.ts')) newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const dir of ['apps', 'libs']) walk(join(root, dir));
  return Math.max(newest, statSync(join(root, 'package-lock.json')).mtimeMs);
}
