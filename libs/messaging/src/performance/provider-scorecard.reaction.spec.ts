import type { ContractState, PublishProviderScorecard, SlaDefinition } from '@spinout/domain';
import {
  after,
  AVAILABILITY,
  history,
  measure,
  PROVIDER_ID,
  RESPONSE,
  stateOf,
} from '@spinout/domain/contract/contract.fixtures';
import {
  reactToSettlementApproval,
  SCORECARD_PUBLISHER,
  type ProviderContractsAtApproval,
  type SettlementApprovalTrigger,
} from './provider-scorecard.reaction';

const PERIOD = '2025-05';
const CLEANING: SlaDefinition = {
  ...AVAILABILITY,
  slaId: 'cleaning-quality',
  title: 'Cleaning quality',
  metric: 'share of inspections passed',
};
/** Fractional weights: 0.1 met, 20.8 breached, 1.5 critically breached → 1050 / 22.4 = 46.875. */
const FRACTIONAL = [
  { ...AVAILABILITY, weight: 0.1 },
  { ...RESPONSE, weight: 20.8 },
  { ...CLEANING, weight: 1.5 },
];

/** A contract as its stream stands after drafting, activation and the given measurements of `PERIOD`. */
function contract(
  contractId: string,
  slas: SlaDefinition[],
  values: Record<string, number>,
  providerId = PROVIDER_ID,
): ContractState {
  const measurements = Object.entries(values).map(([slaId, value]) => {
    const recorded = measure(slaId, PERIOD, value);
    return { ...recorded, data: { ...recorded.data, contractId } };
  });
  return stateOf(after(history.active({ contractId, providerId, slas }), ...measurements));
}

const trigger: SettlementApprovalTrigger = {
  settlementEventId: 'evt-approval-1',
  contractId: 'contract-a',
  period: PERIOD,
  approvedAt: '2025-06-05T09:00:00.000Z',
};
const given = (state: ProviderContractsAtApproval) => ({
  when: (t: SettlementApprovalTrigger) => ({
    then: (expected: PublishProviderScorecard[]) =>
      expect(reactToSettlementApproval(t, state, 'cn_performance')).toEqual(expected),
  }),
});
const publish = (figures: object): PublishProviderScorecard[] => [
  expect.objectContaining({
    type: 'PublishProviderScorecard',
    data: {
      providerId: PROVIDER_ID,
      period: PERIOD,
      figures: expect.objectContaining(figures),
      basedOn: { contractId: 'contract-a', settlementEventId: 'evt-approval-1' },
    },
    actor: `system:${SCORECARD_PUBLISHER}`,
    at: trigger.approvedAt,
  }),
];

describe('scorecard publisher reacting to a settlement approval', () => {
  const fractional = contract('contract-a', FRACTIONAL, {
    [AVAILABILITY.slaId]: 97,
    [RESPONSE.slaId]: 6,
    [CLEANING.slaId]: 85,
  });

  it('publishes the half-up score of fractional weights: 46.875 → 46.88', () => {
    given({ approved: fractional, others: [] })
      .when(trigger)
      .then(
        publish({
          score: 46.88,
          rating: 'poor',
          ratingScheme: 'cn_performance',
          weightTotal: 22.4,
          measurements: 3,
          contracts: 1,
          breaches: 2,
          criticalBreaches: 1,
        }),
      );
  });

  it('grades in the scheme it is given', () => {
    expect(reactToSettlementApproval(trigger, { approved: fractional, others: [] }, 'uk_procurement_act')).toEqual(
      publish({ score: 46.88, rating: 'inadequate', ratingScheme: 'uk_procurement_act' }),
    );
  });

  it("scores every contract of the approved contract's provider, and only those", () => {
    const sameProvider = contract('contract-b', [AVAILABILITY], { [AVAILABILITY.slaId]: 97 }); // weight 2, met
    const otherProvider = contract('contract-c', [AVAILABILITY], { [AVAILABILITY.slaId]: 85 }, 'provider-other');
    const unknown: ContractState = { status: 'none' };
    given({ approved: fractional, others: [sameProvider, otherProvider, unknown] })
      .when(trigger)
      // (10 + 1040 + 0 + 200) / 24.4 = 51.229… → 51.23
      .then(
        publish({
          score: 51.23,
          weightTotal: 24.4,
          measurements: 4,
          contracts: 2,
          contractScores: [
            { contractId: 'contract-a', score: 46.88, measurements: 3 },
            { contractId: 'contract-b', score: 100, measurements: 1 },
          ],
        }),
      );
  });

  it('publishes nothing when none of the contracts was measured that month', () => {
    given({ approved: fractional, others: [] })
      .when({ ...trigger, period: '2025-06' })
      .then([]);
  });

  it('publishes nothing for an approval of a contract its stream does not know', () => {
    given({ approved: { status: 'none' }, others: [fractional] })
      .when(trigger)
      .then([]);
  });
});
