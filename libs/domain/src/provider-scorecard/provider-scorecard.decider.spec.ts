import { DomainError } from '../shared';
import { providerScorecardDecider as decider } from './provider-scorecard.decider';
import type {
  ProviderScorecardPublished,
  PublishProviderScorecard,
  ScorecardFigures,
} from './provider-scorecard.events';

const figures: ScorecardFigures = {
  score: 87.5,
  rating: 'approaching_target',
  weightTotal: 4,
  measurements: 3,
  contracts: 1,
  breaches: 1,
  criticalBreaches: 0,
  serviceCredits: [{ amountMinor: 400_00, currency: 'CNY' }],
  contractScores: [{ contractId: 'c-1', score: 87.5, measurements: 3 }],
};
const publish = (settlementEventId: string, period = '2025-05'): PublishProviderScorecard => ({
  type: 'PublishProviderScorecard',
  data: { providerId: 'p-1', period, figures, basedOn: { contractId: 'c-1', settlementEventId } },
  actor: 'system:pm-provider-scorecard',
  at: '2025-06-05T10:00:00.000Z',
});
const given = (events: ProviderScorecardPublished[]) => events.reduce(decider.evolve, decider.initialState);

describe('provider scorecard stream', () => {
  it('publishes revision 1, then 2 for the next settlement approval of the period', () => {
    const [first] = decider.decide(publish('s-1'), decider.initialState);
    expect(first).toEqual({
      type: 'ProviderScorecardPublished',
      data: {
        providerId: 'p-1',
        period: '2025-05',
        revision: 1,
        ...figures,
        basedOn: { contractId: 'c-1', settlementEventId: 's-1' },
        publishedAt: '2025-06-05T10:00:00.000Z',
        publishedBy: 'system:pm-provider-scorecard',
      },
    });
    const [second] = decider.decide(publish('s-2'), given([first]));
    expect(second.data.revision).toBe(2);
  });

  it('answers a settlement approval once: a replayed trigger decides nothing', () => {
    const [first] = decider.decide(publish('s-1'), decider.initialState);
    expect(decider.decide(publish('s-1'), given([first]))).toEqual([]);
  });

  it('refuses a period that is not a month', () => {
    expect(() => decider.decide(publish('s-1', '2025-13'), decider.initialState)).toThrow(DomainError);
  });
});
