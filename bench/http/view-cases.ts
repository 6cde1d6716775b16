import type { SqlExecutor } from '@spinout/event-store';
import {
  encodeCursor,
  AuditTrailQuery,
  ContractsQuery,
  ProviderScorecardsQuery,
  ReformProgressQuery,
  SettlementsQuery,
  SlaComplianceQuery,
  UnitsQuery,
  type AuditTrailFilter,
  type ContractsFilter,
  type ReformProgressFilter,
  type ScorecardsFilter,
  type SettlementsFilter,
  type SlaComplianceFilter,
  type UnitsFilter,
} from '@spinout/projections';
import type { Programme } from './national-programme';

/**
 * The view list endpoints the national-scale section reads, each with the SQL its query issues.
 * The SQL is not copied here: each case calls the projections' own query class with the filter
 * the HTTP request carries, against an executor that only records the statements, so the raw
 * side runs exactly what the endpoint runs, in the same order, even after the queries change.
 */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

export interface ViewCase {
  label: string;
  /** Path and query string of the HTTP request. */
  path: string;
  statements: Statement[];
}

type Filter = Record<string, string | number | boolean | string[] | undefined>;

export async function viewCases(programme: Programme, today: string): Promise<ViewCase[]> {
  const { sample } = programme;
  const deepOffset = Math.max(0, Math.min(1_000_000, Math.floor(programme.units * 0.9)));
  const cases: Array<{ label: string; path: string; run: (db: SqlExecutor) => Promise<unknown> }> = [];
  const list =
    <F extends object>(path: string, query: (db: SqlExecutor, filter: F) => Promise<unknown>) =>
    (label: string, filter: F) =>
      cases.push({ label, path: `${path}${queryString(filter as Filter)}`, run: (db) => query(db, filter) });
  const units = list<UnitsFilter>('/views/units', (db, f) => new UnitsQuery(db, () => today).list(f));
  const progress = list<ReformProgressFilter>('/views/reform-progress', (db, f) =>
    new ReformProgressQuery(db, () => today).list(f),
  );
  const contracts = list<ContractsFilter>('/views/contracts', (db, f) => new ContractsQuery(db).list(f));
  const compliance = list<SlaComplianceFilter>('/views/sla-compliance', (db, f) => new SlaComplianceQuery(db).list(f));
  const settlements = list<SettlementsFilter>('/views/settlements', (db, f) => new SettlementsQuery(db).list(f));
  const scorecards = list<ScorecardsFilter>('/views/provider-scorecards', (db, f) =>
    new ProviderScorecardsQuery(db).list(f),
  );
  const audit = list<AuditTrailFilter>('/views/audit-trail', (db, f) => new AuditTrailQuery(db).list(f));

  units('units, first page', { limit: 50 });
  units('units in house', { stage: ['in_house'], limit: 50 });
  units('units of one agency', { agency: sample.agency, limit: 50 });
  units('units by baseline cost desc', { sort: 'baselineCost', order: 'desc', limit: 50 });
  units(`units at offset ${deepOffset}`, { offset: deepOffset, limit: 50 });
  units('units overdue', { overdue: true, asOf: today, limit: 50 });
  progress('reform progress', { limit: 50, asOf: today });
  contracts('contracts, first page', { limit: 50 });
  contracts('active contracts by compliance', { status: ['active'], sort: 'compliance', limit: 50 });
  compliance('SLA compliance, newest', { limit: 50 });
  compliance('SLA breaches of one provider', {
    providerId: sample.providerId,
    outcome: ['breached', 'critically_breached'],
    limit: 50,
  });
  settlements('settlements, newest', { limit: 50 });
  settlements('settlements of one agency', { agency: sample.agency, limit: 50 });
  scorecards('scorecards, newest', { limit: 50 });
  scorecards('scorecards of 2025-06 by rank', { periodFrom: '2025-06', periodTo: '2025-06', sort: 'rank', limit: 50 });
  // Keyset pages far into each list: the position after a sort value (and the lowest key) taken
  // from what the programme is known to hold, as a nextCursor would carry it.
  const after = (view: string, sort: string, order: 'asc' | 'desc', values: Array<string | number>) =>
    encodeCursor({ view, sort, order }, values);
  units('units after a cursor deep in the list', {
    cursor: after('units', 'name', 'asc', ['property unit', '']),
    limit: 50,
  });
  units('units in house after a cursor', {
    stage: ['in_house'],
    cursor: after('units', 'name', 'asc', ['property unit', '']),
    limit: 50,
  });
  units('units by baseline cost desc after a cursor', {
    sort: 'baselineCost',
    order: 'desc',
    cursor: after('units', 'baselineCost', 'desc', [150_000_000, '']),
    limit: 50,
  });
  contracts('contracts after a cursor', { cursor: after('contracts', 'contractId', 'asc', ['8']), limit: 50 });
  compliance('SLA compliance after a cursor', {
    cursor: after('sla_compliance', 'period', 'desc', ['2025-06', '', '']),
    limit: 50,
  });
  settlements('settlements after a cursor', {
    cursor: after('settlements', 'period', 'desc', ['2025-06', '']),
    limit: 50,
  });
  audit('audit trail of a contract', { streamId: sample.contractStreamId, limit: 50 });
  audit('audit trail of an office', { actor: sample.officeActor, limit: 50 });

  const out: ViewCase[] = [];
  for (const { label, path, run } of cases) out.push({ label, path, statements: await recorded(run) });
  return out;
}

/** The statements `work` sends to the database (it sees no rows). */
async function recorded(work: (db: SqlExecutor) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recorder: SqlExecutor = {
    dialect: 'postgres',
    query: async <Row>(sql: string, params: readonly unknown[] = []) => {
      statements.push({ sql, params });
      return [] as Row[];
    },
  };
  await work(recorder);
  return statements;
}

/** The query string the API's DTOs read back into `filter`: lists comma-separated, as the views accept them. */
function queryString(filter: Filter): string {
  const parts = Object.entries(filter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
