import { assertNever, invalid, type Decider } from '../shared';
import {
  PROVIDER_SCORECARD_PUBLISHED,
  type ProviderScorecardPublished,
  type PublishProviderScorecard,
} from './provider-scorecard.events';

/** A provider-period scorecard stream: how many revisions, and which settlement approvals they answer. */
export interface ProviderScorecardState {
  readonly revision: number;
  readonly basedOn: readonly string[];
}

/**
 * The scorecard stream of one provider and period. Publishing again for a settlement approval
 * that already produced a revision decides nothing, so a replayed trigger never adds a revision.
 */
export const providerScorecardDecider: Decider<
  PublishProviderScorecard,
  ProviderScorecardPublished,
  ProviderScorecardState
> = {
  initialState: { revision: 0, basedOn: [] },
  eventTypes: [PROVIDER_SCORECARD_PUBLISHED],
  evolve(state, event) {
    switch (event.type) {
      case 'ProviderScorecardPublished':
        return { revision: event.data.revision, basedOn: [...state.basedOn, event.data.basedOn.settlementEventId] };
      default:
        return assertNever(event.type);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'PublishProviderScorecard': {
        const { providerId, period, figures, basedOn } = command.data;
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
          throw invalid('invalid_period', `period must be a month YYYY-MM, got "${period}"`, { field: 'period' });
        if (state.basedOn.includes(basedOn.settlementEventId)) return [];
        return [
          {
            type: 'ProviderScorecardPublished',
            data: {
              providerId,
              period,
              revision: state.revision + 1,
              ...figures,
              basedOn,
              publishedAt: command.at,
              publishedBy: command.actor,
            },
          },
        ];
      }
      default:
        return assertNever(command.type);
    }
  },
};
