import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const DEV_SECRET_FILE = './data/dev-jwt-secret';

/**
 * Outside production a missing JWT_SECRET is replaced by a random secret kept in ./data, so a
 * newcomer can start the service and mint tokens (`npm run token`) without configuring anything.
 */
export function developmentSecret(file = DEV_SECRET_FILE): string {
  const path = resolve(file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
