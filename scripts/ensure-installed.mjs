// Installs the locked npm packages when node_modules is missing or older than package-lock.json.
// Plain Node with no dependencies, so `npm start` and `npm test` work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'node_modules', '.spinout-lock-hash');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function ensureInstalled() {
  const lockHash = createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) return;
  process.stdout.write('Installing npm packages (npm ci)…\n');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    process.stderr.write('npm ci failed; see the output above.\n');
    process.exit(1);
  }
  writeFileSync(stamp, lockHash);
}
