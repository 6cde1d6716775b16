import { DomainError } from '@spinout/domain';
import { DATABASES } from '../../event-store/test/databases';
import type { ProjectionDb } from '../test/harness';
import { AGENCY_A, AGENCY_B, FINANCE_APPROVER, P1, P2, P3, projectedScenario } from '../test/scenario';
import { AsOfReader } from './as-of/as-of.reader';
import { AuditTrailQuery } from './audit-trail/audit-trail.query';
import { ContractsQuery } from './contracts/contracts.query';
import { ProviderScorecardsQuery } from './provider-scorecards/provider-scorecards.query';
import { ReformProgressQuery } from './reform-progress/reform-progress.query';
import { SettlementsQuery } from './settlements/settlements.query';
import { SlaComplianceQuery } from './sla-compliance/sla-compliance.query';
import { UnitsQuery } from './units/units.query';

const JUNE = () => '2025-06-01';

describe.each(DATABASES)('query services and as-of reads on $name', (kind) => {
  let p: ProjectionDb;

  beforeAll(async () => {
    p = await projectedScenario(kind);
  }, 120_000);
  afterAll(() => p?.dispose());

  const rejects = async (promise: Promise<unknown>, field: string) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'invalid', details: { field } });
  };

  describe('units', () => {
    const units = () => new UnitsQuery(p.db, JUNE);

    it('filters by agency, category and stage, sorts and pages', async () => {
      expect((await units().list({ agency: AGENCY_A })).total).toBe(4);
      const canteens = await units().list({
        agency: AGENCY_A,
        category: 'canteen',
        sort: 'baselineCost',
        order: 'desc',
      });
      expect(canteens.items.map((u) => u.unitId)).toEqual(['u1', 'u2', 'u3']);
      expect((await units().list({ stage: ['outsourced', 'transition'] })).items.map((u) => u.unitId)).toEqual([
        'u1',
        'u2',
      ]);
      const page = await units().list({ sort: 'name', limit: 3, offset: 3 });
      expect(page).toMatchObject({ total: 8, limit: 3, offset: 3 });
      expect(page.items.map((u) => u.unitId)).toEqual(['u4', 'u5', 'u6']);
      expect((await units().list({ providerId: P1 })).items.map((u) => u.unitId)).toEqual(['u1', 'u4']);
    });

    it('counts overdue milestones as of the reference date', async () => {
      expect((await units().list({ overdue: true })).items.map((u) => [u.unitId, u.overdueMilestones])).toEqual([
        ['u3', 1],
      ]);
      expect((await units().list({ overdue: true, asOf: '2025-10-01' })).items.map((u) => u.unitId)).toEqual([
        'u3',
        'u7',
      ]);
      expect(await units().get('u3', '2025-01-20')).toMatchObject({
        overdueMilestones: 0,
        nextMilestoneDue: '2025-02-01',
      });
      expect(await units().get('nope')).toBeUndefined();
    });

    it('rejects unknown sort keys, bad enums and limits above 200', async () => {
      await rejects(units().list({ sort: 'staff_in_house; DROP TABLE units' as never }), 'sort');
      await rejects(units().list({ stage: ['gone'] }), 'stage');
      await rejects(units().list({ limit: 201 }), 'limit');
      await rejects(units().list({ asOf: '2025-13-01' }), 'asOf');
    });
  });

  describe('reform progress', () => {
    it('computes overdue milestones as of the day asked about', async () => {
      const progress = new ReformProgressQuery(p.db, JUNE);
      const june = await progress.list({ sort: 'baselineCost', order: 'desc' });
      expect(june.items.map((r) => [r.agency, r.category, r.overdueMilestones])).toEqual([
        [AGENCY_A, 'canteen', 1],
        [AGENCY_A, 'property', 0],
        [AGENCY_B, 'cleaning', 0],
        [AGENCY_B, 'property', 0],
        [AGENCY_B, 'canteen', 0],
      ]);
      expect((await progress.get(AGENCY_B, 'cleaning', '2025-10-01'))?.overdueMilestones).toBe(1);
      expect((await progress.list({ overdueOnly: true })).items.map((r) => r.category)).toEqual(['canteen']);
    });
  });

  describe('contracts, SLA compliance and settlements', () => {
    it('lists contracts by provider, status and period', async () => {
      const contracts = new ContractsQuery(p.db);
      expect((await contracts.list({ providerId: P1 })).items.map((c) => c.contractId)).toEqual(['c1', 'c3']);
      expect((await contracts.list({ status: ['terminated'] })).items.map((c) => c.contractId)).toEqual(['c4']);
      expect((await contracts.list({ activeFrom: '2026-01-01' })).total).toBe(0);
      expect(
        (
          await contracts.list({ activeFrom: '2025-06-01', activeTo: '2025-06-30', sort: 'compliance', order: 'desc' })
        ).items.map((c) => [c.contractId, c.compliancePercent]),
      ).toEqual([
        ['c1', 100],
        ['c4', 50],
        ['c2', 0],
        ['c3', 0],
      ]);
      expect(await contracts.contractIdsOf(P1)).toEqual(['c1', 'c3']);
    });

    it('lists SLA compliance by provider, period range, outcome and correction', async () => {
      const sla = new SlaComplianceQuery(p.db);
      expect((await sla.list({ providerId: P1, periodFrom: '2025-02' })).total).toBe(6);
      expect(
        (await sla.list({ outcome: ['critically_breached'] })).items.map(
          (r) => `${r.contractId}/${r.slaId}/${r.period}`,
        ),
      ).toEqual([
        'c2/meal-satisfaction/2025-03',
        'c3/availability/2025-02',
        'c3/response/2025-02',
        'c4/response/2025-02',
      ]);
      expect((await sla.list({ corrected: true })).items.map((r) => [r.contractId, r.period])).toEqual([
        ['c1', '2025-03'],
      ]);
      await rejects(sla.list({ periodFrom: '2025-1' }), 'periodFrom');
    });

    it('lists settlements by provider and status', async () => {
      const settlements = new SettlementsQuery(p.db);
      expect((await settlements.list({ providerId: P1 })).items.map((s) => s.period)).toEqual([
        '2025-03',
        '2025-02',
        '2025-01',
      ]);
      expect((await settlements.list({ status: ['paid'] })).items.map((s) => [s.contractId, s.netMinor])).toEqual([
        ['c1', 20_000_000],
      ]);
      expect((await settlements.list({ agency: AGENCY_B })).total).toBe(0);
      expect(await settlements.get('c1', '2025-02')).toMatchObject({ creditsMinor: 1_000_000, netMinor: 19_000_000 });
    });
  });

  describe('provider scorecards', () => {
    it('ranks providers within each period at query time, ties sharing a rank', async () => {
      const scorecards = new ProviderScorecardsQuery(p.db);
      const ranks = (await scorecards.list({ sort: 'rank', periodFrom: '2025-02', periodTo: '2025-02' })).items.map(
        (s) => [s.providerId, s.score, s.rank, s.rankedProviders],
      );
      expect(ranks).toEqual([
        [P2, 50, 1, 3],
        [P1, 25, 2, 3],
        [P3, 0, 3, 3],
      ]);
      const january = await scorecards.list({ periodFrom: '2025-01', periodTo: '2025-01' });
      expect(january.items.map((s) => s.rank)).toEqual([1, 1, 1]);
      // A provider's rank is among all providers, not among the rows a filter keeps.
      const p1 = await scorecards.list({ providerId: P1 });
      expect(p1.items.map((s) => [s.period, s.score, s.trend, s.rank, s.rating, s.ratingGrade, s.ratingLabel])).toEqual(
        [
          ['2025-03', 100, 75, 1, 'excellent', 1, 'Excellent'],
          ['2025-02', 25, -75, 2, 'poor', 4, 'Poor'],
          ['2025-01', 100, null, 1, 'excellent', 1, 'Excellent'],
        ],
      );
      // The rating filter is the grade's range of scores, in the scheme the query was given.
      const poor = await scorecards.list({ rating: ['poor'] });
      expect([poor.total, poor.items.map((s) => [s.providerId, s.period, s.score])]).toEqual([
        4,
        [
          [P2, '2025-03', 0],
          [P2, '2025-02', 50],
          [P1, '2025-02', 25],
          [P3, '2025-02', 0],
        ],
      ]);
      const ukBands = new ProviderScorecardsQuery(p.db, 'uk_procurement_act');
      const goodOrInadequate = await ukBands.list({ rating: ['good', 'inadequate'], limit: 3 });
      expect([goodOrInadequate.total, goodOrInadequate.items.map((s) => [s.providerId, s.period, s.rating])]).toEqual([
        7,
        [
          [P1, '2025-03', 'good'],
          [P2, '2025-03', 'inadequate'],
          [P1, '2025-02', 'inadequate'],
        ],
      ]);
      const next = await ukBands.list({ rating: ['good', 'inadequate'], cursor: goodOrInadequate.nextCursor! });
      expect(next.items.map((s) => [s.providerId, s.period, s.rating])).toEqual([
        [P3, '2025-02', 'inadequate'],
        [P1, '2025-01', 'good'],
        [P2, '2025-01', 'good'],
        [P3, '2025-01', 'good'],
      ]);
      await rejects(ukBands.list({ rating: ['poor'] }), 'rating');
      expect(await scorecards.get(P2, '2025-03')).toMatchObject({ score: 0, rank: 2, rankedProviders: 2 });
      expect(
        (await scorecards.entries(P1, '2025-02')).map((e) => [
          e.contractId,
          e.slaId,
          e.weight,
          e.outcome,
          e.creditMinor,
        ]),
      ).toEqual([
        ['c1', 'availability', 2, 'breached', 1_000_000],
        ['c1', 'response', 1, 'breached', 500_000],
        ['c3', 'availability', 2, 'critically_breached', 750_000],
        ['c3', 'response', 1, 'critically_breached', 1_500_000],
      ]);
    });
  });

  describe('audit trail', () => {
    it('pages a stream with a cursor, and reads per actor', async () => {
      const audit = new AuditTrailQuery(p.db);
      const stream = await p.store.readStream('contract-c1');
      const seen: number[] = [];
      let cursor: number | undefined;
      do {
        const page = await audit.list({ streamId: 'contract-c1', limit: 5, cursor });
        seen.push(...page.items.map((e) => e.streamVersion));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(stream.map((e) => e.streamVersion));
      const approvals = await audit.list({ actor: FINANCE_APPROVER, order: 'desc' });
      expect(approvals.items.map((e) => e.type)).toEqual(['SettlementApproved', 'SettlementApproved']);
      const request = await audit.list({ streamId: 'contract-c1', correlationId: stream[0].metadata.correlationId });
      expect(request.items.map((e) => [e.streamVersion, e.type])).toEqual([[1, 'ContractDrafted']]);
      await rejects(audit.list({}), 'streamId');
    });
  });

  describe('as of a date, from the log', () => {
    const reader = () => new AsOfReader(p.store, new ContractsQuery(p.db));

    it('gives a unit as it stood on a date', async () => {
      expect((await reader().unit('u1', '2024-12-18'))?.state).toMatchObject({ stage: 'procurement' });
      expect((await reader().unit('u1', '2025-02-01'))?.state).toMatchObject({ stage: 'outsourced', contractId: 'c1' });
      expect(await reader().unit('u1', '2024-11-30')).toBeUndefined();
      expect(await reader().unit('nope', '2025-01-01')).toBeUndefined();
    });

    it('gives a contract as it stood on a date', async () => {
      const march = await reader().contract('c1', '2025-03-06');
      expect(march?.state).toMatchObject({ status: 'active', settlements: { '2025-02': { status: 'invoiced' } } });
      expect(Object.keys((march?.state as { measurements: object }).measurements)).toHaveLength(4);
      expect((await reader().contract('c4', '2025-04-20'))?.state).toMatchObject({ status: 'terminated' });
    });

    it('gives a provider scorecard as of a date, and as of today the live view', async () => {
      const march = await reader().providerScorecard(P1, '2025-03-10');
      expect(march?.periods.map((s) => [s.period, s.score, s.trend])).toEqual([
        ['2025-01', 100, null],
        ['2025-02', 25, -75],
      ]);
      const today = await reader().providerScorecard(P1, new Date().toISOString().slice(0, 10));
      const live = await new ProviderScorecardsQuery(p.db).list({ providerId: P1, sort: 'period', order: 'asc' });
      expect(today?.periods).toEqual(live.items.map(({ rank: _r, rankedProviders: _n, ...row }) => row));
      expect(await reader().providerScorecard('nobody', '2025-03-10')).toBeUndefined();
      await rejects(reader().providerScorecard(P1, 'March'), 'date');
    });
  });
});
