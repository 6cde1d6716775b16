import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh SQLite file in a temporary folder, removed afterwards. */
export function createTestSqliteFile(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'spinout-test-'));
  return { path: join(dir, 'spinout.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
