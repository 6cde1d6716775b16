import { DATABASES } from '../../event-store/test/databases';
import { dumpTables, openProjectionDb, Runtime, type ProjectionDb } from '../test/harness';
import { AGENCY_A, AGENCY_B, FINANCE_APPROVER, P1, P2, P3, Scenario } from '../test/scenario';
import { createProjectionProcessors } from './processors';
import { getRow } from './query/list-query';
import { CONTRACTS_TABLE } from './contracts/contract.row';
import { PROVIDER_SCORECARDS_TABLE } from './provider-scorecards/provider-scorecard.row';
import { REFORM_PROGRESS_TABLE } from './reform-progress/reform-progress.row';
import { SETTLEMENTS_TABLE } from './settlements/settlement.row';
import { SLA_COMPLIANCE_TABLE } from './sla-compliance/sla-compliance.row';
import { UNITS_TABLE } from './units/unit.row';

/**
 * The whole scenario (test/scenario.ts) appended through the event store with the deciders,
 * projected by the processor runtime while it happens (in small batches, so the story is cut
 * mid-stream), checked against figures worked out by hand, then rebuilt from zero by the
 * runtime, in small batches and in large ones, to the same tables row for row.
 */
describe.each(DATABASES)('projections over a realistic reform on $name', (kind) => {
  let p: ProjectionDb;
  let runtime: Runtime;
  let live: Awaited<ReturnType<typeof dumpTables>>;

  beforeAll(async () => {
    p = await openProjectionDb(kind);
    runtime = new Runtime(p, createProjectionProcessors({ batchSize: 7 }));
    runtime.start();
    const scenario = new Scenario(p.store);
    for (const phase of [
      scenario.phase1Registrations,
      scenario.phase2Reform,
      scenario.phase3Performance,
      scenario.phase4Changes,
    ]) {
      await phase.call(scenario);
      await runtime.settle();
    }
    await runtime.stop();
    live = await dumpTables(p.db);
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    await p?.dispose();
  });

  const row = <R>(table: Parameters<typeof getRow<R>>[1], ...key: string[]) => getRow(p.db, table, key);

  it('keeps a row per unit with its stage, contract, staff, assets and milestones', async () => {
    expect(await row(UNITS_TABLE, 'u1')).toMatchObject({
      stage: 'outsourced',
      providerId: P1,
      contractId: 'c1',
      contractStatus: 'active',
      contractMonthlyChargeMinor: 20_000_000,
      contractedAnnualCostMinor: 240_000_000,
      staffTransferred: 14,
      staffRedeployed: 3,
      staffRetired: 2,
      staffLeft: 1,
      staffInHouse: 0,
      assetsCount: 2,
      assetsHandedOver: 2,
      milestonesTotal: 1,
      milestonesCompleted: 1,
      openMilestones: [],
      nextMilestoneDue: null,
    });
    expect(await row(UNITS_TABLE, 'u2')).toMatchObject({
      stage: 'transition',
      contractId: 'c2',
      contractMonthlyChargeMinor: 12_000_000,
      contractedAnnualCostMinor: 144_000_000,
      staffTransferred: 4,
      staffInHouse: 6,
    });
    expect(await row(UNITS_TABLE, 'u3')).toMatchObject({
      stage: 'plan_proposed',
      planMode: 'spin_off',
      milestonesTotal: 2,
      milestonesCompleted: 1,
      nextMilestoneId: 'approval',
      nextMilestoneDue: '2025-02-01',
    });
    expect(await row(UNITS_TABLE, 'u4')).toMatchObject({
      stage: 'awarded',
      providerId: P1,
      contractId: 'c3',
      contractStatus: 'active',
      contractedAnnualCostMinor: 180_000_000,
    });
    expect(await row(UNITS_TABLE, 'u5')).toMatchObject({ stage: 'retained', planMode: 'retain' });
    expect(await row(UNITS_TABLE, 'u6')).toMatchObject({ stage: 'charge_back' });
    expect(await row(UNITS_TABLE, 'u7')).toMatchObject({ stage: 'in_house', nextMilestoneDue: '2025-09-30' });
    expect(await row(UNITS_TABLE, 'u8')).toMatchObject({
      stage: 'plan_approved',
      contractId: null,
      providerId: null,
      contractedAnnualCostMinor: null,
      staffTransferred: 9,
      staffInHouse: 0,
    });
    const u1Stream = await p.store.readStream('serviceUnit-u1');
    expect((await row(UNITS_TABLE, 'u1'))?.version).toBe(u1Stream.length);
  });

  it('sums reform progress per agency and category', async () => {
    expect(await row(REFORM_PROGRESS_TABLE, AGENCY_A, 'canteen')).toMatchObject({
      unitsTotal: 3,
      unitsOutsourced: 1,
      unitsTransition: 1,
      unitsPlanProposed: 1,
      unitsInHouse: 0,
      establishment: 36,
      staffInHouse: 12,
      staffTransferred: 18,
      staffRedeployed: 3,
      staffRetired: 2,
      staffLeft: 1,
      baselineCostMinor: 530_000_000, // 3,000,000 + 1,500,000 + 800,000 CNY
      contractedUnitsBaselineMinor: 450_000_000, // u1 and u2
      contractedAnnualCostMinor: 384_000_000, // 12 × 200,000 + 12 × 120,000 (c2 as amended)
      realisedSavingsMinor: 66_000_000, // (3,000,000 − 2,400,000) + (1,500,000 − 1,440,000)
      openMilestones: 1,
      milestoneDueDates: { '2025-02-01': 1 },
      nextMilestoneDue: '2025-02-01',
      currency: 'CNY',
    });
    expect(await row(REFORM_PROGRESS_TABLE, AGENCY_A, 'property')).toMatchObject({
      unitsTotal: 1,
      unitsAwarded: 1,
      staffInHouse: 15,
      baselineCostMinor: 200_000_000,
      contractedAnnualCostMinor: 180_000_000,
      realisedSavingsMinor: 0,
    });
    expect(await row(REFORM_PROGRESS_TABLE, AGENCY_B, 'canteen')).toMatchObject({
      unitsTotal: 1,
      unitsRetained: 1,
      establishment: 8,
      contractedAnnualCostMinor: 0,
    });
    expect(await row(REFORM_PROGRESS_TABLE, AGENCY_B, 'cleaning')).toMatchObject({
      unitsTotal: 2,
      unitsChargeBack: 1,
      unitsInHouse: 1,
      establishment: 17,
      staffInHouse: 17,
      baselineCostMinor: 140_000_000,
      milestoneDueDates: { '2025-09-30': 1 },
    });
    expect(await row(REFORM_PROGRESS_TABLE, AGENCY_B, 'property')).toMatchObject({
      unitsTotal: 1,
      unitsPlanApproved: 1,
      staffTransferred: 9,
      staffInHouse: 0,
      contractedAnnualCostMinor: 0,
      realisedSavingsMinor: 0,
    });
  });

  it('keeps a row per contract with compliance, breaches, credits and payments', async () => {
    expect(await row(CONTRACTS_TABLE, 'c1')).toMatchObject({
      status: 'active',
      providerId: P1,
      unitId: 'u1',
      agency: AGENCY_A,
      monthlyChargeMinor: 20_000_000,
      slaCount: 2,
      measurements: 6,
      corrections: 1,
      breaches: 2,
      criticalBreaches: 0,
      creditsTotalMinor: 1_500_000,
      creditsAppliedMinor: 1_000_000,
      paidMinor: 20_000_000,
      compliancePercent: 100,
      openRectifications: 1,
    });
    expect(await row(CONTRACTS_TABLE, 'c2')).toMatchObject({
      monthlyChargeMinor: 12_000_000,
      amendments: 1,
      breaches: 2,
      criticalBreaches: 1,
      creditsTotalMinor: 660_000,
      compliancePercent: 0,
      openRectifications: 0,
    });
    expect(await row(CONTRACTS_TABLE, 'c3')).toMatchObject({
      breaches: 2,
      criticalBreaches: 2,
      creditsTotalMinor: 2_250_000,
      compliancePercent: 0,
      openRectifications: 2,
    });
    expect(await row(CONTRACTS_TABLE, 'c4')).toMatchObject({
      status: 'terminated',
      terminationReason: 'convenience',
      breaches: 1,
      criticalBreaches: 1,
      creditsTotalMinor: 1_000_000,
      compliancePercent: 50,
    });
  });

  it('keeps a row per SLA and period, corrections and rectification plans included', async () => {
    expect(await p.db.query('SELECT contract_id FROM sla_compliance')).toHaveLength(15);
    expect(await row(SLA_COMPLIANCE_TABLE, 'c1', 'availability', '2025-03')).toMatchObject({
      value: 95,
      firstValue: 88,
      outcome: 'met',
      creditMinor: 0,
      corrected: true,
      corrections: 1,
      rectificationStatus: 'open',
    });
    expect(await row(SLA_COMPLIANCE_TABLE, 'c3', 'response', '2025-02')).toMatchObject({
      value: 9,
      target: 4,
      outcome: 'critically_breached',
      creditMinor: 1_500_000,
      corrected: false,
    });
    expect(await row(SLA_COMPLIANCE_TABLE, 'c2', 'meal-satisfaction', '2025-03')).toMatchObject({
      outcome: 'critically_breached',
      creditMinor: 330_000,
      rectificationStatus: 'closed',
    });
  });

  it('keeps a row per settlement: invoiced, recalculated, approved, paid', async () => {
    expect(await row(SETTLEMENTS_TABLE, 'c1', '2025-01')).toMatchObject({
      status: 'paid',
      grossMinor: 20_000_000,
      creditsMinor: 0,
      netMinor: 20_000_000,
      paidMinor: 20_000_000,
      paymentRef: 'PAY-c1-01',
    });
    expect(await row(SETTLEMENTS_TABLE, 'c1', '2025-02')).toMatchObject({
      status: 'invoiced',
      slaCreditsMinor: 1_500_000,
      creditsMinor: 1_000_000,
      netMinor: 19_000_000,
    });
    expect(await row(SETTLEMENTS_TABLE, 'c1', '2025-03')).toMatchObject({
      status: 'approved',
      slaCreditsMinor: 0,
      creditsMinor: 0,
      netMinor: 20_000_000,
      recalculations: 1,
      approvedBy: FINANCE_APPROVER,
    });
  });

  it('scores providers per period across their contracts, with trends', async () => {
    const scores = async (providerId: string) =>
      (
        await p.db.query<{ period: string; score: number; trend: number | null }>(
          'SELECT period, score, trend FROM provider_scorecards WHERE provider_id = $1 ORDER BY period',
          [providerId],
        )
      ).map((r) => [r.period, Number(r.score), r.trend === null ? null : Number(r.trend)]);
    // P1, c1 (weights 2, 1) and c3 (2, 1): Jan all met; Feb (2×50 + 1×50 + 2×0 + 1×0) / 6 = 25; Mar (corrected) all met.
    expect(await scores(P1)).toEqual([
      ['2025-01', 100, null],
      ['2025-02', 25, -75],
      ['2025-03', 100, 75],
    ]);
    expect(await scores(P2)).toEqual([
      ['2025-01', 100, null],
      ['2025-02', 50, -50],
      ['2025-03', 0, -50],
    ]);
    expect(await scores(P3)).toEqual([
      ['2025-01', 100, null],
      ['2025-02', 0, -100],
    ]);
    expect(await row(PROVIDER_SCORECARDS_TABLE, P1, '2025-02')).toMatchObject({
      score: 25,
      measurements: 4,
      contracts: 2,
      breaches: 4,
      criticalBreaches: 2,
      creditsMinor: 3_750_000,
      weightTotal: 6,
      previousPeriod: '2025-01',
    });
  });

  it('records every event in the audit trail, readable per stream and per actor', async () => {
    const all = await p.store.readAll(null, 100_000);
    const [{ count }] = await p.db.query<{ count: number | string }>('SELECT COUNT(*) AS count FROM audit_trail');
    expect(Number(count)).toBe(all.events.length);
    const approvals = await p.db.query<{ type: string }>(
      'SELECT type FROM audit_trail WHERE actor = $1 ORDER BY global_position',
      [FINANCE_APPROVER],
    );
    expect(approvals.map((a) => a.type)).toEqual(['SettlementApproved', 'SettlementApproved']);
    const stream = await p.db.query<{ stream_version: number }>(
      "SELECT stream_version FROM audit_trail WHERE stream_id = 'contract-c1' ORDER BY global_position",
    );
    expect(stream.map((s) => Number(s.stream_version))).toEqual(
      (await p.store.readStream('contract-c1')).map((e) => e.streamVersion),
    );
    const [correction] = await p.db.query<{ reason: string }>(
      "SELECT reason FROM audit_trail WHERE type = 'SlaMeasurementCorrected'",
    );
    expect(correction.reason).toBe('Outage was planned maintenance');
  });

  it('rebuilds every table from zero to exactly the live rows, in one batch size or another', async () => {
    await runtime.rebuildAll(); // batches of 7
    expect(await dumpTables(p.db)).toEqual(live);
    const large = new Runtime(p, createProjectionProcessors({ batchSize: 1000 }));
    await large.rebuildAll();
    expect(await dumpTables(p.db)).toEqual(live);
    const single = new Runtime(p, createProjectionProcessors({ batchSize: 1 }));
    await single.rebuildAll();
    expect(await dumpTables(p.db)).toEqual(live);
  }, 120_000);
});
