import { DIALECTS, startTestApp, type TestApp } from './support/app';
import { eventually } from './support/eventually';

/**
 * The demo programme seeded at start-up, and every view checked against figures computed here
 * from the aggregates themselves (GET /service-units/{id}, GET /contracts/{id}: folded from the
 * log, independent of the projections).
 */
interface Page<T> {
  items: T[];
  total: number;
}
interface Measurement {
  slaId: string;
  period: string;
  outcome: 'met' | 'breached' | 'critically_breached';
}
interface Contract {
  contractId: string;
  providerId: string;
  slas: Array<{ slaId: string; weight: number }>;
  measurements: Record<string, Measurement>;
  settlements: Record<
    string,
    {
      period: string;
      gross: { amountMinor: number };
      credits: { amountMinor: number };
      net: { amountMinor: number };
      status: string;
    }
  >;
}

const SCORE = { met: 100, breached: 50, critically_breached: 0 } as const;
/** The default scheme's grades (RATING_SCHEME=cn_performance): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below. */
const band = (score: number) => (score >= 90 ? 'excellent' : score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor');

describe.each(DIALECTS)('demo programme and views on %s', (dialect) => {
  let t: TestApp;
  const viewer = () => t.as('dash', 'viewer');
  const manager = () => t.as('cm', 'contract_manager');

  beforeAll(async () => {
    t = await startTestApp(dialect, { seedDemo: true });
    await eventually(
      async () => {
        const health = await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200);
        for (const processor of health.body.processors)
          expect([processor.name, processor.lag, processor.parked]).toEqual([processor.name, 0, 0]);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  async function all<T>(path: string, auth = viewer()): Promise<T[]> {
    const res = await t.http.get(path).query({ limit: 200 }).set(auth).expect(200);
    const page = res.body as Page<T>;
    expect(page.items).toHaveLength(page.total);
    return page.items;
  }

  it('shows every unit in the stage its own history gives, and progress per agency and category that adds up', async () => {
    const rows = await all<{ unitId: string; stage: string; agency: string; category: string }>('/views/units');
    expect(rows).toHaveLength(25);
    const stages = new Map<string, number>();
    const units: Array<{ agency: string; category: string; stage: string; baseline: number }> = [];
    for (const row of rows) {
      const unit = await t.http.get(`/service-units/${row.unitId}`).set(viewer()).expect(200);
      expect([row.unitId, row.stage, row.agency, row.category]).toEqual([
        row.unitId,
        unit.body.stage,
        unit.body.agency,
        unit.body.category,
      ]);
      stages.set(unit.body.stage, (stages.get(unit.body.stage) ?? 0) + 1);
      units.push({
        agency: unit.body.agency,
        category: unit.body.category,
        stage: unit.body.stage,
        baseline: unit.body.annualCostBaseline.amountMinor,
      });
    }
    expect([...stages.keys()].sort()).toEqual([
      'awarded',
      'charge_back',
      'in_house',
      'outsourced',
      'plan_approved',
      'plan_proposed',
      'procurement',
      'retained',
      'spun_off',
      'transition',
    ]);
    expect(new Set(rows.map((r) => r.agency)).size).toBeGreaterThanOrEqual(3);

    const progress = await all<{
      agency: string;
      category: string;
      unitsTotal: number;
      unitsOutsourced: number;
      baselineCostMinor: number;
    }>('/views/reform-progress');
    for (const group of progress) {
      const members = units.filter((u) => u.agency === group.agency && u.category === group.category);
      expect([group.agency, group.category, group.unitsTotal, group.unitsOutsourced, group.baselineCostMinor]).toEqual([
        group.agency,
        group.category,
        members.length,
        members.filter((u) => u.stage === 'outsourced').length,
        members.reduce((sum, u) => sum + u.baseline, 0),
      ]);
    }
    expect(progress.reduce((sum, g) => sum + g.unitsTotal, 0)).toBe(25);
  });

  it('settles every contract and month exactly as the contracts themselves computed, and scores providers from the measurements', async () => {
    const ids = (await all<{ contractId: string }>('/views/contracts')).map((c) => c.contractId);
    const contracts: Contract[] = [];
    for (const id of ids)
      contracts.push((await t.http.get(`/contracts/${id}`).set(manager()).expect(200)).body as Contract);

    const settlements = await all<{
      contractId: string;
      period: string;
      grossMinor: number;
      creditsMinor: number;
      netMinor: number;
      status: string;
    }>('/views/settlements', manager());
    const expected = contracts.flatMap((c) =>
      Object.values(c.settlements).map((s) => [
        c.contractId,
        s.period,
        s.gross.amountMinor,
        s.credits.amountMinor,
        s.net.amountMinor,
        s.status,
      ]),
    );
    expect(
      settlements.map((s) => [s.contractId, s.period, s.grossMinor, s.creditsMinor, s.netMinor, s.status]).sort(),
    ).toEqual(expected.sort());
    expect(settlements.length).toBeGreaterThan(50);

    // Score per provider and month: Σ weight × (100 | 50 | 0) / Σ weight over the latest measurement of each SLA.
    const points = new Map<string, { weighted: number; weights: number }>();
    for (const contract of contracts) {
      for (const m of Object.values(contract.measurements)) {
        const weight = contract.slas.find((s) => s.slaId === m.slaId)!.weight;
        const key = `${contract.providerId}|${m.period}`;
        const sum = points.get(key) ?? { weighted: 0, weights: 0 };
        points.set(key, { weighted: sum.weighted + weight * SCORE[m.outcome], weights: sum.weights + weight });
      }
    }
    const scorecards = await all<{ providerId: string; period: string; score: number; rating: string }>(
      '/views/provider-scorecards',
    );
    expect(scorecards).toHaveLength(points.size);
    for (const card of scorecards) {
      const sum = points.get(`${card.providerId}|${card.period}`)!;
      const score = Math.round((sum.weighted / sum.weights) * 100) / 100;
      expect([card.providerId, card.period, card.score, card.rating]).toEqual([
        card.providerId,
        card.period,
        score,
        band(score),
      ]);
    }
    expect(new Set(scorecards.map((c) => c.rating)).size).toBeGreaterThan(1);
  });

  it('starting again with the demo flag appends nothing', async () => {
    const before = (await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200)).body.processors.find(
      (p: { name: string }) => p.name === 'projection:audit-trail',
    ).checkpoint;
    const again = await startTestApp(dialect, { seedDemo: true, runProcessors: false, databaseUrl: t.databaseUrl });
    try {
      const audit = await again.http
        .get('/views/audit-trail')
        .query({ actor: 'demo:li.office', limit: 1 })
        .set(again.as('a', 'auditor'))
        .expect(200);
      expect(audit.body.items.length).toBe(1);
    } finally {
      await again.close();
    }
    await eventually(async () => {
      const after = (await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200)).body.processors.find(
        (p: { name: string }) => p.name === 'projection:audit-trail',
      );
      expect([after.checkpoint, after.lag]).toEqual([before, 0]);
    });
  });
});
