import type { AmendmentRecord, MeasurementRecord, RatingSchemeId, SlaDefinition, SlaOutcome } from '../contract';
import { scoreProviderPeriod, weightOf, type ScoredContract } from './provider-scorecard.scoring';
import { round2 } from './weighted-score';

const sla = (slaId: string, weight: number): SlaDefinition => ({
  slaId,
  title: slaId,
  metric: slaId,
  unit: '%',
  direction: 'higher_is_better',
  target: 95,
  criticalThreshold: 90,
  weight,
  creditRule: { kind: 'fixed_percent', percentOfCharge: 4 },
  capPercent: 10,
});
const measured = (
  slaId: string,
  period: string,
  outcome: SlaOutcome,
  credit = 0,
  currency = 'CNY',
): MeasurementRecord => ({
  slaId,
  period,
  value: 1,
  outcome,
  credit: { amountMinor: credit, currency },
  corrected: false,
  recordedBy: 'cm',
  recordedAt: `${period}-28T00:00:00Z`,
});
const contract = (
  contractId: string,
  slas: SlaDefinition[],
  measurements: MeasurementRecord[],
  amendments: AmendmentRecord[] = [],
): ScoredContract => ({
  contractId,
  slas,
  amendments,
  measurements: Object.fromEntries(measurements.map((m) => [`${m.slaId}:${m.period}`, m])),
});

describe('provider scorecard for a period', () => {
  const a = contract(
    'contract-a',
    [sla('repair', 2), sla('cleanliness', 1)],
    [
      measured('repair', '2025-05', 'met'),
      measured('cleanliness', '2025-05', 'breached', 400_00),
      measured('repair', '2025-04', 'critically_breached', 999_00), // another month: ignored
    ],
  );
  const b = contract('contract-b', [sla('patrol', 1)], [measured('patrol', '2025-05', 'critically_breached', 1000_00)]);

  it('weights every SLA measured that month across all contracts (hand-worked: (2×100 + 1×50 + 1×0) / 4 = 62.5)', () => {
    expect(scoreProviderPeriod([b, a], '2025-05', 'cn_performance')).toEqual({
      score: 62.5,
      rating: 'fair',
      ratingScheme: 'cn_performance',
      weightTotal: 4,
      measurements: 3,
      contracts: 2,
      breaches: 2,
      criticalBreaches: 1,
      serviceCredits: [{ amountMinor: 1400_00, currency: 'CNY' }],
      contractScores: [
        { contractId: 'contract-a', score: 83.33, measurements: 2 }, // 250 / 3
        { contractId: 'contract-b', score: 0, measurements: 1 },
      ],
    });
  });

  it('grades the rounded score in the scheme it is given, and records the scheme', () => {
    const allMet = contract('c', [sla('x', 1)], [measured('x', '2025-05', 'met')]);
    const threeQuarters = contract(
      'c',
      [sla('x', 1), sla('y', 1)],
      [measured('x', '2025-05', 'met'), measured('y', '2025-05', 'breached')],
    );
    const graded = (contracts: ScoredContract[], scheme: RatingSchemeId) => {
      const figures = scoreProviderPeriod(contracts, '2025-05', scheme);
      return [figures?.score, figures?.rating, figures?.ratingScheme];
    };
    expect(graded([allMet], 'cn_performance')).toEqual([100, 'excellent', 'cn_performance']);
    expect(graded([threeQuarters], 'cn_performance')).toEqual([75, 'fair', 'cn_performance']);
    expect(graded([b], 'cn_performance')).toEqual([0, 'poor', 'cn_performance']);
    expect(graded([allMet], 'uk_procurement_act')).toEqual([100, 'good', 'uk_procurement_act']);
    expect(graded([threeQuarters], 'uk_procurement_act')).toEqual([75, 'approaching_target', 'uk_procurement_act']);
    expect(graded([b], 'uk_procurement_act')).toEqual([0, 'inadequate', 'uk_procurement_act']);
  });

  it('has nothing to score when no contract was measured that month', () => {
    expect(scoreProviderPeriod([a, b], '2025-06', 'cn_performance')).toBeNull();
    expect(scoreProviderPeriod([], '2025-05', 'cn_performance')).toBeNull();
  });

  it('sums credits per currency', () => {
    const usd = contract('contract-usd', [sla('x', 1)], [measured('x', '2025-05', 'breached', 50_00, 'USD')]);
    expect(scoreProviderPeriod([a, usd], '2025-05', 'cn_performance')?.serviceCredits).toEqual([
      { amountMinor: 400_00, currency: 'CNY' },
      { amountMinor: 50_00, currency: 'USD' },
    ]);
  });

  it('keeps the last known weight of an SLA an amendment removed', () => {
    const amendment: AmendmentRecord = {
      amendmentId: 'am-1',
      version: 1,
      rationale: 'r',
      changes: { slas: [sla('repair', 3), sla('gone', 5)] },
      amendedBy: 'cm',
      amendedAt: '2025-06-01T00:00:00Z',
    };
    const amended = contract('c', [sla('repair', 3)], [], [amendment]);
    expect(weightOf(amended, 'repair')).toBe(3);
    expect(weightOf(amended, 'gone')).toBe(5);
    expect(weightOf(amended, 'never-defined')).toBe(1);
  });

  it('rounds half up to two decimals without binary artefacts', () => {
    expect(round2(83.335)).toBe(83.34);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(200 / 3)).toBe(66.67);
  });
});
