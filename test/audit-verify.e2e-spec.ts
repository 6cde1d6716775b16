import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { SqlEventStore, type SqlDatabase, type VerificationFinding } from '@spinout/event-store';
import { SQL_DATABASE } from '../apps/api/src/database/database.tokens';
import { DIALECTS, startTestApp, type TestApp } from './support/app';

const UNIT = {
  agency: 'Municipal Government Offices Administration',
  name: 'Print shop',
  category: 'printing',
  establishmentHeadcount: 4,
  annualCostBaseline: { amountMinor: 30_000_000, currency: 'CNY' },
  assets: [],
};
const PLAN = {
  mode: 'outsource',
  managementFunctionsKept: ['print standards'],
  rationale: 'A contracted print service at lower cost',
  targetAnnualCost: { amountMinor: 25_000_000 },
  targetDate: '2027-06-30',
};
const ROOT = join(__dirname, '..');

/** `npm run verify` as an auditor runs it: a child process on the service's database. */
function runVerify(
  databaseUrl: string,
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'verify', '--', ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

function byStream(
  findings: VerificationFinding[],
): Record<string, Array<Pick<VerificationFinding, 'kind' | 'streamVersion'>>> {
  const grouped: Record<string, Array<Pick<VerificationFinding, 'kind' | 'streamVersion'>>> = {};
  for (const { streamId, kind, streamVersion } of findings) (grouped[streamId] ??= []).push({ kind, streamVersion });
  return grouped;
}

/**
 * Tampering done with SQL straight against the database is reported by the library call, by
 * `npm run verify` (exit status 1) and by `GET /audit/verify`, every stream at once, and each
 * history says whether its stream verified.
 */
describe.each(DIALECTS)('verifying the event log on %s', (dialect) => {
  let t: TestApp;
  let db: SqlDatabase;
  const office = () => t.as('li.office', 'reform_office');
  const auditor = () => t.as('chen.audit', 'auditor');

  beforeAll(async () => {
    t = await startTestApp(dialect);
    db = t.app.get(SQL_DATABASE);
  });
  afterAll(async () => {
    await t.close();
  });

  async function unitWithPlan(): Promise<string> {
    const { body } = await t.http.post('/service-units').set(office()).send(UNIT).expect(201);
    await t.http.post(`/service-units/${body.id}/plan`).set(office()).send(PLAN).expect(201);
    await t.http
      .post(`/service-units/${body.id}/milestones`)
      .set(office())
      .send({ milestoneId: 'tender', kind: 'tender', title: 'Publish the tender', dueDate: '2027-02-01' })
      .expect(201);
    return body.id as string;
  }

  it('finds nothing in a clean log: exit status 0, ok over HTTP, histories verified', async () => {
    const id = await unitWithPlan();

    const cli = await runVerify(t.databaseUrl);
    expect(cli).toMatchObject({ status: 0, stdout: expect.stringContaining('No findings') });
    expect(cli.stdout).toMatch(/Verified the event log: [1-9][0-9]* events in [1-9][0-9]* streams?\./);

    const http = await t.http.get('/audit/verify').set(auditor()).expect(200);
    expect(http.body).toMatchObject({ ok: true, complete: true, findings: [] });
    expect(http.body.eventsChecked).toBeGreaterThanOrEqual(3);

    const history = await t.http.get(`/service-units/${id}/history`).set(auditor()).expect(200);
    expect(history.body).toMatchObject({ id, version: 3, verified: true });
    await t.http.get('/audit/verify').set(office()).expect(403);
  });

  it('reports a changed event, a deleted middle event, a deleted last event and a deleted stream, all at once, everywhere', async () => {
    const [changed, holed, cut, gone, clean] = [
      await unitWithPlan(),
      await unitWithPlan(),
      await unitWithPlan(),
      await unitWithPlan(),
      await unitWithPlan(),
    ];
    const stream = (id: string) => `serviceUnit-${id}`;
    const tampered =
      dialect === 'postgres'
        ? `jsonb_set(data, '{rationale}', '"Changed afterwards"')`
        : `json_set(data, '$.rationale', 'Changed afterwards')`;
    await db.query(`UPDATE events SET data = ${tampered} WHERE stream_id = $1 AND stream_version = 2`, [
      stream(changed),
    ]);
    await db.query('DELETE FROM events WHERE stream_id = $1 AND stream_version = 2', [stream(holed)]);
    await db.query('DELETE FROM events WHERE stream_id = $1 AND stream_version = 3', [stream(cut)]);
    await db.query('DELETE FROM events WHERE stream_id = $1', [stream(gone)]);
    const expected = {
      [stream(changed)]: [{ kind: 'hash_mismatch', streamVersion: 2 }],
      [stream(holed)]: [{ kind: 'version_gap', streamVersion: 3 }],
      [stream(cut)]: [{ kind: 'tail_missing', streamVersion: 3 }],
      [stream(gone)]: [{ kind: 'stream_missing', streamVersion: 3 }],
    };

    // The library call.
    const library = await new SqlEventStore(db).verify();
    expect(library.ok).toBe(false);
    expect(byStream(library.findings)).toEqual(expected);

    // The command: exit status 1, every stream named with its version and what is wrong.
    const cli = await runVerify(t.databaseUrl);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('4 findings in 4 streams');
    for (const [streamId, [finding]] of Object.entries(expected)) {
      expect(cli.stdout).toMatch(
        new RegExp(`${streamId}  version ${finding.streamVersion}  event \\S+\\n    ${finding.kind}: `),
      );
    }
    const json = await runVerify(t.databaseUrl, '--json');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, findings: library.findings });
    const one = await runVerify(t.databaseUrl, '--stream', stream(cut));
    expect(one.status).toBe(1);
    expect(one.stdout).toContain('1 finding in 1 stream');

    // The route: one page, and the same page by page.
    const http = await t.http.get('/audit/verify').set(auditor()).expect(200);
    expect(http.body).toMatchObject({
      ok: false,
      complete: true,
      streamsChecked: library.streamsChecked,
      eventsChecked: library.eventsChecked,
    });
    expect(http.body.findings).toEqual(library.findings);
    const paged: VerificationFinding[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await t.http
        .get('/audit/verify')
        .query({ limit: 2, ...(after ? { after } : {}) })
        .set(auditor())
        .expect(200);
      paged.push(...page.body.findings);
      after = page.body.next;
      expect(page.body.complete).toBe(after === undefined);
      pages += 1;
    } while (after !== undefined);
    expect(pages).toBeGreaterThan(3);
    expect(paged).toEqual(library.findings);

    // Each history says whether its stream verified.
    const history = async (id: string) =>
      (await t.http.get(`/service-units/${id}/history`).set(auditor()).expect(200)).body;
    expect(await history(changed)).toMatchObject({
      verified: false,
      findings: [expect.objectContaining({ kind: 'hash_mismatch', streamVersion: 2 })],
    });
    expect(await history(holed)).toMatchObject({
      verified: false,
      findings: [expect.objectContaining({ kind: 'version_gap' })],
    });
    expect(await history(cut)).toMatchObject({
      verified: false,
      version: 2,
      findings: [expect.objectContaining({ kind: 'tail_missing' })],
    });
    expect(await history(gone)).toMatchObject({
      verified: false,
      version: 0,
      events: [],
      findings: [expect.objectContaining({ kind: 'stream_missing' })],
    });
    const untouched = await history(clean);
    expect(untouched).toMatchObject({ verified: true, version: 3 });
    expect(untouched.findings).toBeUndefined();
  });

  it('refuses pages out of bounds', async () => {
    await t.http.get('/audit/verify?limit=0').set(auditor()).expect(400);
    await t.http.get('/audit/verify?limit=100001').set(auditor()).expect(400);
  });
});

describe('npm run verify arguments', () => {
  it('prints its usage on --help, and refuses unknown arguments with exit status 2', async () => {
    const help = await runVerify('sqlite:unused.sqlite', '--help');
    expect(help).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: npm run verify') });
    for (const args of [['--everything'], ['stray'], ['--stream']]) {
      const usage = await runVerify('sqlite:unused.sqlite', ...args);
      expect([args, usage.status]).toEqual([args, 2]);
      expect(usage.stderr).toContain('Usage: npm run verify');
    }
  });
});
