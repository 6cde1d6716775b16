/**
 * The tamper check for auditors: `npm run verify [-- options]` walks every stream of the event
 * log (or one), checks each event against its hash and its link to the previous one, and each
 * stream against the head recorded when it was last appended to, and prints every finding.
 * Exit status: 0 nothing found, 1 findings, 2 usage error, 3 the check could not run.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ChainVerifier, openSqlDatabase, parseDatabaseUrl, type VerificationFinding } from '@spinout/event-store';
import { DEFAULT_DATABASE_URL } from '../config/app-config';
import { APP_ENTITIES, APP_MIGRATIONS } from '../database/migrations';
import { verificationText } from '../audit/verification-text';

const USAGE = `Usage: npm run verify -- [--stream STREAM_ID] [--json] [--database URL]

Verifies the hash chain of the event log in DATABASE_URL (default ${DEFAULT_DATABASE_URL}):
every event against its hash and its link to the previous event of its stream, and every stream
against the head recorded when it was last appended to (a deleted last event or stream shows).

  --stream STREAM_ID  only this stream, e.g. serviceUnit-<id>
  --json              print the report as JSON instead of text
  --database URL      the database to verify instead of DATABASE_URL
  --help              print this and exit

Exit status: 0 nothing found, 1 findings, 2 usage error, 3 the check could not run.
`;

/** Events per verification call: progress is reported between calls. */
const PAGE_EVENTS = 20_000;

interface Options {
  streamId?: string;
  json: boolean;
  databaseUrl: string;
}

class UsageError extends Error {}

function parse(args: string[]): Options | 'help' {
  const options: Options = { json: false, databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL };
  for (let i = 0; i < args.length; i += 1) {
    const [name, inline] =
      args[i].startsWith('--') && args[i].includes('=')
        ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)]
        : [args[i], undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--json' && inline === undefined) options.json = true;
    else if (name === '--stream') options.streamId = value();
    else if (name === '--database') options.databaseUrl = value();
    else throw new UsageError(`Unknown argument ${args[i]}`);
  }
  return options;
}

async function verify(options: Options): Promise<number> {
  const location = parseDatabaseUrl(options.databaseUrl);
  // Opening a SQLite file that is not there would create an empty log, which verifies.
  if (location.dialect === 'sqlite' && !existsSync(location.path))
    throw new Error(`there is no SQLite database at ${location.path}`);
  const db = await openSqlDatabase({ url: options.databaseUrl, migrations: APP_MIGRATIONS, entities: APP_ENTITIES });
  try {
    const verifier = new ChainVerifier(db);
    const totals = { streamsChecked: 0, eventsChecked: 0, findings: [] as VerificationFinding[] };
    let after: string | undefined;
    do {
      const page = await verifier.verify(
        options.streamId !== undefined ? { streamId: options.streamId } : { after, maxEvents: PAGE_EVENTS },
      );
      totals.streamsChecked += page.streamsChecked;
      totals.eventsChecked += page.eventsChecked;
      totals.findings.push(...page.findings);
      after = page.next;
      if (process.stderr.isTTY && after !== undefined)
        process.stderr.write(`\r${totals.eventsChecked} events in ${totals.streamsChecked} streams checked…`);
    } while (after !== undefined);
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const source = options.streamId !== undefined ? `stream ${options.streamId}` : 'the event log';
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ ok: totals.findings.length === 0, ...totals }, null, 2)}\n`
        : verificationText(totals, source),
    );
    return totals.findings.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await verify(options);
  } catch (error) {
    process.stderr.write(`Could not verify: ${(error as Error).message}\n`);
    return 3;
  }
}

void main().then((status) => process.exit(status));
