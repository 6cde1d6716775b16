/**
 * Prints a signed development token: `npm run token -- --sub alice --roles reform_office,approver`.
 * Uses JWT_SECRET, or outside production the generated secret the server uses too. Refuses to
 * run with NODE_ENV=production: there, people sign in through the identity provider, and a
 * token minted from the server's secret would bypass it.
 */
import { parseArgs } from 'node:util';
import { signToken, parseRoles } from '../auth/dev-token';
import { loadConfig } from '../config/app-config';

const USAGE = 'usage: npm run token -- [--sub NAME] [--roles role1,role2] [--ttl SECONDS]';

function main(): void {
  if (process.env.NODE_ENV === 'production')
    throw new Error('Development tokens are not minted when NODE_ENV=production');
  const { values } = parseArgs({
    strict: true,
    options: {
      sub: { type: 'string', default: 'dev-user' },
      roles: { type: 'string', default: 'reform_office,approver,contract_manager,procurement,auditor,viewer' },
      ttl: { type: 'string', default: '28800' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const config = loadConfig();
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > config.jwtMaxTtlSeconds) {
    throw new Error(
      `--ttl must be a whole number of seconds from 1 to ${config.jwtMaxTtlSeconds} (JWT_MAX_TTL_SECONDS)`,
    );
  }
  const token = signToken({
    subject: values.sub!,
    roles: parseRoles(values.roles!),
    secret: config.jwtSecret,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    ttlSeconds,
  });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
