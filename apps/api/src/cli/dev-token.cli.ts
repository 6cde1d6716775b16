/**
 * Prints a signed development token: `npm run token -- --sub alice --roles reform_office,approver`.
 * Uses JWT_SECRET, or outside production the generated secret the server uses too.
 */
import { parseArgs } from 'node:util';
import { signToken, parseRoles } from '../auth/dev-token';
import { loadConfig } from '../config/app-config';

function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string', default: 'dev-user' },
      roles: { type: 'string', default: 'reform_office,approver,contract_manager,procurement,auditor,viewer' },
      ttl: { type: 'string', default: '28800' },
    },
  });
  const config = loadConfig();
  const token = signToken({ subject: values.sub!, roles: parseRoles(values.roles!), secret: config.jwtSecret, issuer: config.jwtIssuer, ttlSeconds: Number(values.ttl) });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
