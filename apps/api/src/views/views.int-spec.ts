import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { EventStore, SqlDatabase } from '@spinout/event-store';
import { createProjectionProcessors } from '@spinout/projections';
import { TEST_JWT_SECRET, testAppConfig } from '../../../../test/support/app';
import { createEmptyDatabase } from '../../../../test/support/empty-database';
import { Runtime } from '../../../../libs/projections/test/harness';
import { AGENCY_A, AVAILABILITY, P1, P2, P3, RESPONSE, Scenario } from '../../../../libs/projections/test/scenario';
import { signToken } from '../auth/dev-token';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import type { Role } from '../auth/roles';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DatabaseModule } from '../database/database.module';
import { EVENT_STORE, SQL_DATABASE } from '../database/database.tokens';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { createValidationPipe } from '../http/validation';
import { ViewsModule } from './views.module';

const SECRET = TEST_JWT_SECRET;

@Module({})
class ConfigHolder {}

/** The views with what the app gives them: database, JWT roles guard, problem+json filter, validation pipe. */
@Module({})
class ViewsTestModule {
  static with(config: AppConfig): DynamicModule {
    return {
      module: ViewsTestModule,
      imports: [
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: APP_CONFIG, useValue: config }],
          exports: [APP_CONFIG],
        },
        DatabaseModule,
        JwtModule.register({ secret: SECRET, verifyOptions: { issuer: 'spinout', algorithms: ['HS256'] } }),
        ViewsModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}

const DIALECTS = ['sqlite', 'postgres'] as const;

describe.each(DIALECTS)('views over HTTP on %s', (dialect) => {
  let app: INestApplication;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof request>;
  const as = (...roles: Role[]) => ({
    Authorization: `Bearer ${signToken({ subject: 'user:reader', roles, secret: SECRET, issuer: 'spinout' })}`,
  });
  const viewer = () => as('viewer');
  const unitId = randomUUID();
  const contractId = randomUUID();
  const providerId = randomUUID();

  beforeAll(async () => {
    const database = await createEmptyDatabase(dialect, 'spinout_views');
    drop = database.drop;
    const config = testAppConfig({ databaseUrl: database.url, runProcessors: false, processorPollMs: 20 });
    const moduleRef = await Test.createTestingModule({ imports: [ViewsTestModule.with(config)] }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    http = request(app.getHttpServer());

    const store = app.get<EventStore>(EVENT_STORE);
    const scenario = new Scenario(store);
    await scenario.phase1Registrations();
    await scenario.phase2Reform();
    await scenario.phase3Performance();
    await scenario.phase4Changes();
    // One more unit, contract and provider with UUIDs, for the as-of routes.
    await scenario.provider(providerId, 'Uuid Services Co., Ltd.', '91440300093677088', ['property']);
    await scenario.register(unitId, AGENCY_A, 'security', 4, 40_000_000);
    await scenario.contracted(unitId, contractId, providerId, AGENCY_A, 3_000_000, [AVAILABILITY, RESPONSE]);
    await scenario.measure(contractId, 'availability', '2025-01', 92, '2025-02-03');
    const runtime = new Runtime({ db: app.get<SqlDatabase>(SQL_DATABASE), store }, createProjectionProcessors());
    runtime.start();
    await runtime.settle();
    await runtime.stop();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('lists units with filters, sorting and paging', async () => {
    const res = await http
      .get('/views/units')
      .query({ agency: AGENCY_A, stage: 'outsourced,transition', sort: 'baselineCost', order: 'desc' })
      .set(viewer())
      .expect(200);
    expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(res.body.items.map((u: { unitId: string }) => u.unitId)).toEqual(['u1', 'u2']);
    const overdue = await http.get('/views/units?overdue=true&asOf=2025-06-01').set(viewer()).expect(200);
    expect(
      overdue.body.items.map((u: { unitId: string; overdueMilestones: number }) => [u.unitId, u.overdueMilestones]),
    ).toEqual([['u3', 1]]);
    expect((await http.get('/views/units/u1').set(viewer()).expect(200)).body).toMatchObject({
      stage: 'outsourced',
      contractedAnnualCostMinor: 240_000_000,
    });
  });

  it('answers invalid queries with problem+json naming the field', async () => {
    const limit = await http
      .get('/views/units?limit=500')
      .set(viewer())
      .expect(400)
      .expect('Content-Type', /application\/problem\+json/);
    expect(limit.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    const sort = await http.get('/views/units?sort=password').set(viewer()).expect(400);
    expect(sort.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
    const stage = await http.get('/views/units?stage=outsourced,gone').set(viewer()).expect(400);
    expect(stage.body.errors).toEqual([expect.objectContaining({ field: 'stage' })]);
    await http.get('/views/units?color=red').set(viewer()).expect(400);
    await http.get('/views/sla-compliance?periodFrom=2025-1').set(viewer()).expect(400);
    const audit = await http.get('/views/audit-trail').set(as('auditor')).expect(400);
    expect(audit.body).toMatchObject({ code: 'invalid_query', errors: [{ field: 'streamId' }] });
  });

  it('admits only the roles of each view', async () => {
    await http.get('/views/units').expect(401);
    await http.get('/views/audit-trail?streamId=contract-c1').set(viewer()).expect(403);
    await http.get('/views/settlements').set(viewer()).expect(403);
    await http.get('/views/settlements').set(as('approver')).expect(200);
  });

  it('shows reform progress with overdue milestones as of a date', async () => {
    const res = await http
      .get('/views/reform-progress')
      .query({ agency: AGENCY_A, asOf: '2025-06-01' })
      .set(viewer())
      .expect(200);
    expect(
      res.body.items.map((r: { category: string; overdueMilestones: number; realisedSavingsMinor: number }) => [
        r.category,
        r.overdueMilestones,
        r.realisedSavingsMinor,
      ]),
    ).toEqual([
      ['canteen', 1, 66_000_000],
      ['property', 0, 0],
      ['security', 0, 0],
    ]);
    await http
      .get(`/views/reform-progress/${encodeURIComponent(AGENCY_A)}/canteen`)
      .set(viewer())
      .expect(200);
    await http
      .get(`/views/reform-progress/${encodeURIComponent(AGENCY_A)}/printing`)
      .set(viewer())
      .expect(404);
  });

  it('lists contracts, SLA compliance and settlements', async () => {
    const contracts = await http.get(`/views/contracts?providerId=${P1}`).set(viewer()).expect(200);
    expect(contracts.body.items.map((c: { contractId: string }) => c.contractId)).toEqual(['c1', 'c3']);
    const critical = await http
      .get('/views/sla-compliance?outcome=critically_breached&periodFrom=2025-03')
      .set(viewer())
      .expect(200);
    expect(critical.body.items).toEqual([
      expect.objectContaining({
        contractId: 'c2',
        slaId: 'meal-satisfaction',
        period: '2025-03',
        rectificationStatus: 'closed',
      }),
    ]);
    const paid = await http
      .get(`/views/settlements?providerId=${P1}&status=paid`)
      .set(as('contract_manager'))
      .expect(200);
    expect(paid.body.items).toEqual([
      expect.objectContaining({ contractId: 'c1', period: '2025-01', netMinor: 20_000_000 }),
    ]);
  });

  it('ranks provider scorecards per period and shows the figures behind a score', async () => {
    const february = await http
      .get('/views/provider-scorecards?periodFrom=2025-02&periodTo=2025-02&sort=rank')
      .set(viewer())
      .expect(200);
    expect(
      february.body.items.map(
        (s: { providerId: string; score: number; rank: number; rating: string; ratingLabels: object }) => [
          s.providerId,
          s.score,
          s.rank,
          s.rating,
          s.ratingLabels,
        ],
      ),
    ).toEqual([
      [P2, 50, 1, 'poor', { 'zh-CN': '差', en: 'Poor' }],
      [P1, 25, 2, 'poor', { 'zh-CN': '差', en: 'Poor' }],
      [P3, 0, 3, 'poor', { 'zh-CN': '差', en: 'Poor' }],
    ]);
    // Grades of the configured scheme only: another scheme's code is a bad request that says which.
    const refused = await http.get('/views/provider-scorecards?rating=inadequate').set(viewer()).expect(400);
    expect(refused.body).toMatchObject({ code: 'invalid_query' });
    expect(JSON.stringify(refused.body)).toContain('excellent, good, fair, poor');
    const one = await http.get(`/views/provider-scorecards/${P1}/2025-02`).set(viewer()).expect(200);
    expect(one.body).toMatchObject({ score: 25, trend: -75, rank: 2 });
    expect(one.body.entries).toHaveLength(4);
  });

  it('pages every list after a cursor into the list one offset page gives, and counts as asked', async () => {
    const lists: Array<[string, Role]> = [
      ['/views/units', 'viewer'],
      ['/views/reform-progress', 'viewer'],
      ['/views/contracts', 'viewer'],
      ['/views/sla-compliance', 'viewer'],
      ['/views/settlements', 'approver'],
      ['/views/provider-scorecards', 'viewer'],
    ];
    for (const [path, role] of lists) {
      const whole = (await http.get(path).query({ limit: 200 }).set(as(role)).expect(200)).body;
      expect(whole).toMatchObject({ total: whole.items.length, limit: 200, offset: 0, nextCursor: null });
      const items: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: unknown[]; total?: number; nextCursor: string | null } = (
          await http
            .get(path)
            .query({ limit: 2, ...(cursor === null ? {} : { cursor }) })
            .set(as(role))
            .expect(200)
        ).body;
        expect(page.total === undefined).toBe(cursor !== null);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect([path, items]).toEqual([path, whole.items]);
    }
    const first = (await http.get('/views/units').query({ limit: 2, sort: 'name' }).set(viewer()).expect(200)).body;
    const counted = await http
      .get('/views/units')
      .query({ limit: 2, sort: 'name', cursor: first.nextCursor, total: 'exact' })
      .set(viewer())
      .expect(200);
    expect(counted.body).toMatchObject({ total: first.total, limit: 2 });
    expect(counted.body.offset).toBeUndefined();
    expect(
      (await http.get('/views/units').query({ limit: 2, total: 'none' }).set(viewer()).expect(200)).body.total,
    ).toBeUndefined();
  });

  it('answers a malformed, tampered or misused cursor with 400 problem+json naming the field, never 500', async () => {
    const cursor: string = (await http.get('/views/units').query({ limit: 2 }).set(viewer()).expect(200)).body
      .nextCursor;
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const forged = (after: unknown[]) => Buffer.from(JSON.stringify({ ...payload, after })).toString('base64url');
    const cases: Array<[string, Record<string, string | number>, string]> = [
      ['/views/units', { cursor, offset: 0 }, 'offset'],
      ['/views/units', { cursor, offset: 50 }, 'offset'],
      ['/views/units', { cursor, sort: 'stage' }, 'cursor'],
      ['/views/units', { cursor, order: 'desc' }, 'cursor'],
      ['/views/contracts', { cursor }, 'cursor'],
      ['/views/units', { cursor: cursor.slice(0, -4) }, 'cursor'],
      ['/views/units', { cursor: `${cursor}=` }, 'cursor'],
      ['/views/units', { cursor: 'not a cursor' }, 'cursor'],
      ['/views/units', { cursor: '' }, 'cursor'],
      ['/views/units', { cursor: 'A'.repeat(3000) }, 'cursor'],
      ['/views/units', { cursor: forged([1, 'u1']) }, 'cursor'],
      ['/views/units', { cursor: forged(['x', null]) }, 'cursor'],
      ['/views/units', { cursor: forged(["'; DROP TABLE units; --", 'u1', 'extra']) }, 'cursor'],
      ['/views/units', { cursor: forged(['x\u0000', 'u1']) }, 'cursor'],
      ['/views/units', { total: 'approximate' }, 'total'],
    ];
    for (const [path, query, field] of cases) {
      const res = await http.get(path).query(query).set(viewer());
      expect([path, query, res.status, res.type]).toEqual([path, query, 400, 'application/problem+json']);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    const twice = await http.get(`/views/units?cursor=${cursor}&cursor=${cursor}`).set(viewer()).expect(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('pages the audit trail of a stream with a cursor', async () => {
    const first = await http.get('/views/audit-trail?streamId=contract-c1&limit=5').set(as('auditor')).expect(200);
    expect(first.body.items).toHaveLength(5);
    const second = await http
      .get(`/views/audit-trail?streamId=contract-c1&limit=5&cursor=${first.body.nextCursor}`)
      .set(as('auditor'))
      .expect(200);
    expect(second.body.items[0].streamVersion).toBe(6);
  });

  it('folds a unit, a contract and a provider scorecard as of a date from the log', async () => {
    const unit = await http.get(`/service-units/${unitId}/as-of?date=2024-12-18`).set(viewer()).expect(200);
    // The end of 18 December in Beijing, the default business time zone.
    expect(unit.body).toMatchObject({ id: unitId, asOf: '2024-12-18T15:59:59.999Z', state: { stage: 'procurement' } });
    await http.get(`/service-units/${unitId}/as-of?date=2024-11-30`).set(viewer()).expect(404);
    const bad = await http.get(`/service-units/${unitId}/as-of?date=soon`).set(viewer()).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'date' })]);
    await http.get(`/service-units/${unitId}/as-of`).set(viewer()).expect(400);

    const contract = await http.get(`/contracts/${contractId}/as-of?date=2024-12-31`).set(viewer()).expect(200);
    expect(contract.body.state).toMatchObject({ status: 'signed' });

    const scorecard = await http
      .get(`/providers/${providerId}/scorecard/as-of?date=2025-03-01`)
      .set(viewer())
      .expect(200);
    expect(scorecard.body.latest).toMatchObject({
      period: '2025-01',
      score: 50,
      rating: 'poor',
      ratingScheme: 'cn_performance',
    });
    const before = await http.get(`/providers/${providerId}/scorecard/as-of?date=2025-02-01`).set(viewer()).expect(200);
    expect(before.body).toMatchObject({ periods: [], latest: null });
  });
});
