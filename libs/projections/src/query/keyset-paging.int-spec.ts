import { DomainError } from '@spinout/domain';
import { DATABASES } from '../../../event-store/test/databases';
import type { ProjectionDb } from '../../test/harness';
import { projectedScenario } from '../../test/scenario';
import { CONTRACT_SORT_KEYS, ContractsQuery } from '../contracts/contracts.query';
import { PROVIDER_SCORECARDS_TABLE, type ProviderScorecardRow } from '../provider-scorecards/provider-scorecard.row';
import { ProviderScorecardsQuery, SCORECARD_SORT_KEYS } from '../provider-scorecards/provider-scorecards.query';
import { REFORM_PROGRESS_SORT_KEYS, ReformProgressQuery } from '../reform-progress/reform-progress.query';
import { SETTLEMENT_SORT_KEYS, SettlementsQuery } from '../settlements/settlements.query';
import { SLA_COMPLIANCE_TABLE, type SlaComplianceRow } from '../sla-compliance/sla-compliance.row';
import { SLA_COMPLIANCE_SORT_KEYS, SlaComplianceQuery } from '../sla-compliance/sla-compliance.query';
import { upsertRows } from '../sql/statements';
import { UNITS_TABLE, type UnitRow } from '../units/unit.row';
import { UNIT_SORT_KEYS, UnitsQuery, type UnitSortKey } from '../units/units.query';
import type { Page, PageRequest, SortOrder } from './list-query';

const JUNE = () => '2025-06-01';
const AGENCY = 'keysetagency';
const NAMES = ['amber', 'birch', 'cedar', 'alder', 'beech'];

/** Forty units of one agency whose every sortable column repeats, and NULLs where the column allows them. */
function unit(i: number, overrides: Partial<UnitRow> = {}): UnitRow {
  return {
    unitId: `k${String(i).padStart(3, '0')}`,
    agency: AGENCY,
    name: NAMES[i % NAMES.length],
    category: (['canteen', 'cleaning', 'property'] as const)[i % 3],
    currency: 'CNY',
    stage: (['in_house', 'procurement', 'outsourced'] as const)[i % 3],
    establishment: i % 4,
    baselineCostMinor: (i % 5) * 1000,
    registeredAt: '2025-01-01T00:00:00.000Z',
    planMode: null,
    planStatus: null,
    planRevision: null,
    targetAnnualCostMinor: null,
    targetDate: null,
    procurementId: null,
    providerId: i % 2 === 0 ? 'keysetprovider' : null,
    contractId: null,
    contractStatus: null,
    contractMonthlyChargeMinor: null,
    contractedAnnualCostMinor: i % 3 === 0 ? null : (i % 4) * 100,
    staffTransferred: 0,
    staffRedeployed: 0,
    staffRetired: 0,
    staffLeft: 0,
    staffInHouse: i % 4,
    assetsCount: 0,
    assetsHandedOver: 0,
    milestonesTotal: 0,
    milestonesCompleted: 0,
    openMilestones: [],
    nextMilestoneId: null,
    nextMilestoneTitle: null,
    nextMilestoneDue: i % 4 === 0 ? null : `2025-0${1 + (i % 3)}-15`,
    version: 1,
    updatedAt: `2025-02-0${1 + (i % 5)}T00:00:00.000Z`,
    ...overrides,
  };
}
const UNITS = Array.from({ length: 40 }, (_, i) => unit(i));

/** Two contracts' SLAs over five months, values and outcomes repeating. */
const SLA_ROWS: SlaComplianceRow[] = ['kc1', 'kc2', 'kc3'].flatMap((contractId, c) =>
  ['alpha', 'beta'].flatMap((slaId, s) =>
    ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'].map((period, m) => ({
      contractId,
      slaId,
      period,
      value: [90, 95.5, 90][(c + s + m) % 3],
      direction: 'higher_is_better' as const,
      target: 95,
      criticalThreshold: 85,
      outcome: (['met', 'breached', 'met'] as const)[(c + s + m) % 3],
      creditMinor: ((c + m) % 2) * 500,
      currency: 'CNY',
      corrected: false,
      corrections: 0,
      firstValue: 90,
      recordedAt: '2024-06-01T00:00:00.000Z',
      rectificationId: null,
      rectificationDueDate: null,
      rectificationStatus: null,
      updatedAt: `2024-06-0${1 + m}T00:00:00.000Z`,
    })),
  ),
);

/** Five providers over three earlier months: equal scores (equal ranks) and trends, some NULL. */
const SCORECARD_ROWS: ProviderScorecardRow[] = ['kp1', 'kp2', 'kp3', 'kp4', 'kp5'].flatMap((providerId, p) =>
  ['2023-10', '2023-11', '2023-12'].map((period, m) => ({
    providerId,
    period,
    score: [100, 50, 50, 0, 100][(p + m) % 5],
    weightedPoints: 1,
    weightTotal: 1,
    measurements: 1,
    contracts: 1,
    breaches: (p + m) % 2,
    criticalBreaches: 0,
    creditsMinor: ((p + m) % 3) * 100,
    currency: 'CNY',
    previousPeriod: null,
    previousScore: null,
    trend: m === 0 ? null : ((p + m) % 3) * 10 - 10,
    updatedAt: '2024-01-01T00:00:00.000Z',
  })),
);

async function everyPage<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await read(cursor);
    rows.push(...page.items);
    if (page.nextCursor === null) return rows;
    expect(page.items.length).toBeGreaterThan(0);
    expect(pages).toBeLessThan(500);
    cursor = page.nextCursor;
  }
}

describe.each(DATABASES)('keyset paging on $name', (kind) => {
  let p: ProjectionDb;

  beforeAll(async () => {
    p = await projectedScenario(kind);
    await upsertRows(p.db, UNITS_TABLE, UNITS);
    await upsertRows(p.db, SLA_COMPLIANCE_TABLE, SLA_ROWS);
    await upsertRows(p.db, PROVIDER_SCORECARDS_TABLE, SCORECARD_ROWS);
  }, 120_000);
  afterAll(() => p?.dispose());

  const units = () => new UnitsQuery(p.db, JUNE);
  const idOf = (row: object) =>
    JSON.stringify(
      Object.entries(row).filter(([key]) => /^(unitId|contractId|slaId|period|providerId|agency|category)$/.test(key)),
    );

  /** Pages of 3 after each cursor give exactly the rows, in the order, of one offset page holding them all. */
  async function pagesMatch<F>(
    query: { list(filter: F): Promise<Page<object>> },
    filter: NoInfer<F> & PageRequest,
  ): Promise<number> {
    const whole = await query.list({ ...filter, limit: 200 });
    expect(whole.nextCursor).toBeNull();
    const paged = await everyPage((cursor) => query.list({ ...filter, limit: 3, cursor }));
    expect(paged.map(idOf)).toEqual(whole.items.map(idOf));
    expect(new Set(paged.map(idOf)).size).toBe(paged.length);
    return paged.length;
  }

  const orders: SortOrder[] = ['asc', 'desc'];
  const every = <K extends string>(keys: Record<K, unknown>) =>
    (Object.keys(keys) as K[]).flatMap((sort) => orders.map((order) => [sort, order] as const));

  it.each(every(UNIT_SORT_KEYS))('pages units by %s %s, ties and NULLs included, as one list', async (sort, order) => {
    expect(await pagesMatch(units(), { sort, order })).toBe(48);
    // The order itself: the sort column (NULLs last either way), then the unit id, ascending.
    const column = UNIT_SORT_KEYS[sort];
    const value = (u: UnitRow) => u[column] as string | number | null;
    const expected = [...UNITS].sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      if (x !== y) {
        if (x === null || y === null) return x === null ? 1 : -1;
        return (x < y ? -1 : 1) * (order === 'asc' ? 1 : -1);
      }
      return a.unitId < b.unitId ? -1 : 1;
    });
    const paged = await everyPage((cursor) => units().list({ agency: AGENCY, sort, order, limit: 7, cursor }));
    expect(paged.map((u) => u.unitId)).toEqual(expected.map((u) => u.unitId));
  });

  it.each(every(SLA_COMPLIANCE_SORT_KEYS))('pages SLA compliance by %s %s as one list', async (sort, order) => {
    expect(await pagesMatch(new SlaComplianceQuery(p.db), { sort, order })).toBeGreaterThan(SLA_ROWS.length);
  });

  it.each(every(SCORECARD_SORT_KEYS))(
    'pages provider scorecards by %s %s as one list, ranks shared',
    async (sort, order) => {
      expect(await pagesMatch(new ProviderScorecardsQuery(p.db), { sort, order })).toBeGreaterThan(
        SCORECARD_ROWS.length,
      );
    },
  );

  it.each(every(CONTRACT_SORT_KEYS))('pages contracts by %s %s as one list', async (sort, order) => {
    expect(await pagesMatch(new ContractsQuery(p.db), { sort, order })).toBeGreaterThanOrEqual(4);
  });

  it.each(every(SETTLEMENT_SORT_KEYS))('pages settlements by %s %s as one list', async (sort, order) => {
    expect(await pagesMatch(new SettlementsQuery(p.db), { sort, order })).toBeGreaterThan(2);
  });

  it.each(every(REFORM_PROGRESS_SORT_KEYS))('pages reform progress by %s %s as one list', async (sort, order) => {
    expect(await pagesMatch(new ReformProgressQuery(p.db, JUNE), { sort, order })).toBeGreaterThan(4);
  });

  it('pages with filters, and the default order of each list', async () => {
    expect(await pagesMatch(units(), { agency: AGENCY, stage: ['in_house', 'outsourced'] })).toBe(27);
    expect(
      await pagesMatch(units(), { providerId: 'keysetprovider', sort: 'contractedAnnualCost', order: 'desc' }),
    ).toBe(20);
    expect(await pagesMatch(units(), { overdue: true, sort: 'nextMilestoneDue' })).toBeGreaterThan(20);
    expect(
      await pagesMatch(new SlaComplianceQuery(p.db), { outcome: ['breached'], periodFrom: '2024-02' }),
    ).toBeGreaterThan(5);
    expect(
      await pagesMatch(new ProviderScorecardsQuery(p.db), { periodFrom: '2023-11', periodTo: '2023-12', sort: 'rank' }),
    ).toBe(10);
    // Grades are score ranges (the default scheme: 优 ≥ 90, 中 60–80, 差 below 60); the rows above
    // score 100 six times, 50 and 0 nine times.
    const seeded = { periodFrom: '2023-10', periodTo: '2023-12' };
    expect(await pagesMatch(new ProviderScorecardsQuery(p.db), { ...seeded, rating: ['excellent'] })).toBe(6);
    expect(
      await pagesMatch(new ProviderScorecardsQuery(p.db), { ...seeded, rating: ['fair', 'poor'], sort: 'score' }),
    ).toBe(9);
  });

  it('continues an offset page from its nextCursor', async () => {
    const whole = (await units().list({ agency: AGENCY, sort: 'baselineCost', order: 'desc', limit: 200 })).items.map(
      (u) => u.unitId,
    );
    const offsetPage = await units().list({
      agency: AGENCY,
      sort: 'baselineCost',
      order: 'desc',
      limit: 5,
      offset: 10,
    });
    expect(offsetPage.items.map((u) => u.unitId)).toEqual(whole.slice(10, 15));
    const next = await units().list({
      agency: AGENCY,
      sort: 'baselineCost',
      order: 'desc',
      limit: 5,
      cursor: offsetPage.nextCursor ?? undefined,
    });
    expect(next.items.map((u) => u.unitId)).toEqual(whole.slice(15, 20));
    expect(next.offset).toBeUndefined();
  });

  it('neither repeats nor skips a row that was there when rows are added between pages', async () => {
    const before = (await units().list({ agency: AGENCY, sort: 'name', limit: 200 })).items.map((u) => u.unitId);
    const first = await units().list({ agency: AGENCY, sort: 'name', limit: 10 });
    const last = first.items[first.items.length - 1];
    const added = [
      unit(900, { name: 'aaaaa' }), // before the position: not read again
      unit(901, { name: last.name, unitId: 'k000a' }), // the same name, a lower id: before the position
      unit(902, { name: last.name, unitId: 'kzzzz' }), // the same name, a higher id: after it
      unit(903, { name: 'zzzzz' }), // after the position
    ];
    try {
      await upsertRows(p.db, UNITS_TABLE, added);
      const rest = await everyPage((cursor) =>
        units().list({ agency: AGENCY, sort: 'name', limit: 10, cursor: cursor ?? first.nextCursor ?? undefined }),
      );
      const read = [...first.items, ...rest].map((u) => u.unitId);
      expect(new Set(read).size).toBe(read.length);
      expect(read.filter((id) => before.includes(id))).toEqual(before);
      expect(read.filter((id) => !before.includes(id))).toEqual(['kzzzz', 'k903']);
    } finally {
      await p.db.query(`DELETE FROM units WHERE unit_id IN ('k900', 'k000a', 'kzzzz', 'k903')`);
    }
  });

  it('counts on a page without a cursor, on any page when asked, and not after a cursor unless asked', async () => {
    const first = await units().list({ agency: AGENCY, limit: 5 });
    expect(first).toMatchObject({ total: 40, limit: 5, offset: 0 });
    const second = await units().list({ agency: AGENCY, limit: 5, cursor: first.nextCursor ?? undefined });
    expect(second.total).toBeUndefined();
    expect(second.totalExceeds).toBeUndefined();
    expect(
      await units().list({ agency: AGENCY, limit: 5, cursor: first.nextCursor ?? undefined, total: 'exact' }),
    ).toMatchObject({ total: 40 });
    const uncounted = await units().list({ agency: AGENCY, limit: 5, total: 'none' });
    expect([uncounted.total, uncounted.totalExceeds, uncounted.items.length]).toEqual([undefined, undefined, 5]);
  });

  it('counts within the page statement, and still answers a total for an empty page or one past the end', async () => {
    const first = await units().list({ agency: AGENCY, limit: 5 });
    expect(Object.keys(first.items[0]).sort()).toEqual([...Object.keys(unit(1)), 'overdueMilestones'].sort());
    expect(await units().list({ agency: 'no such agency', limit: 5 })).toMatchObject({ items: [], total: 0 });
    expect(await units().list({ agency: AGENCY, limit: 5, offset: 40 })).toMatchObject({ items: [], total: 40 });
    expect(await units().list({ agency: AGENCY, limit: 5, offset: 500, total: 'exact' })).toMatchObject({
      items: [],
      total: 40,
    });
    const last = await units().list({ agency: AGENCY, limit: 5, offset: 38 });
    expect([last.items.length, last.total]).toEqual([2, 40]);
  });

  it('stops counting past 10,000 rows unless asked for an exact total', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) =>
      unit(i + 1000, { agency: 'keysetcrowd', unitId: `m${String(i).padStart(5, '0')}` }),
    );
    try {
      await upsertRows(p.db, UNITS_TABLE, many);
      const capped = await units().list({ agency: 'keysetcrowd', limit: 1 });
      expect([capped.total, capped.totalExceeds]).toEqual([undefined, 10_000]);
      expect((await units().list({ agency: 'keysetcrowd', limit: 1, total: 'exact' })).total).toBe(10_001);
    } finally {
      await p.db.query(`DELETE FROM units WHERE agency = 'keysetcrowd'`);
    }
  }, 60_000);

  describe('refusals, before any statement reaches the database', () => {
    const refused = async (promise: Promise<unknown>, field: string) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_query', details: { field } });
    };
    const cursorOf = async (sort?: UnitSortKey) =>
      (await units().list({ agency: AGENCY, limit: 2, sort })).nextCursor as string;
    const tampered = (cursor: string, change: (payload: { after: unknown[] } & Record<string, unknown>) => void) => {
      const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      change(payload);
      return Buffer.from(JSON.stringify(payload)).toString('base64url');
    };

    it('refuses a cursor with an offset, or from another sort, order or list', async () => {
      const byName = await cursorOf();
      await refused(units().list({ agency: AGENCY, cursor: byName, offset: 0 }), 'offset');
      await refused(units().list({ agency: AGENCY, cursor: byName, sort: 'stage' }), 'cursor');
      await refused(units().list({ agency: AGENCY, cursor: byName, order: 'desc' }), 'cursor');
      await refused(new ContractsQuery(p.db).list({ cursor: byName }), 'cursor');
      await refused(units().list({ total: 'approximate' as never }), 'total');
    });

    it('refuses tampered cursors on the database too', async () => {
      const byCost = await cursorOf('baselineCost');
      for (const cursor of [
        tampered(byCost, (c) => (c.after[0] = '0; DROP TABLE units --')),
        tampered(byCost, (c) => (c.after[0] = 1e308 * 10)),
        tampered(byCost, (c) => (c.after[1] = null)),
        tampered(byCost, (c) => (c.after[1] = 'k\u0000')),
        tampered(byCost, (c) => c.after.push('extra')),
        tampered(byCost, (c) => (c.view = 'contracts')),
        `${byCost}!`,
        byCost.slice(1),
      ]) {
        await refused(units().list({ agency: AGENCY, sort: 'baselineCost', cursor }), 'cursor');
      }
      // A well-formed position that no row holds is still a position: the rows after it.
      const between = tampered(byCost, (c) => (c.after = [2500, '']));
      expect(
        (await units().list({ agency: AGENCY, sort: 'baselineCost', cursor: between, limit: 200 })).items.map(
          (u) => u.baselineCostMinor,
        ),
      ).toEqual([...Array<number>(8).fill(3000), ...Array<number>(8).fill(4000)]);
    });
  });
});
