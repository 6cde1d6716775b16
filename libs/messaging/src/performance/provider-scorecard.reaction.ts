import {
  scoreProviderPeriod,
  type ContractState,
  type ExistingContract,
  type PublishProviderScorecard,
  type RatingSchemeId,
} from '@spinout/domain';

/** The scorecard publisher: the name of its checkpoint, and `system:<name>` is the actor of what it publishes. */
export const SCORECARD_PUBLISHER = 'pm-provider-scorecard';

/** A settlement approval, as the scorecard publisher reacts to it. */
export interface SettlementApprovalTrigger {
  /** The approval's event id: the revision it produces names it, so a replayed approval adds none. */
  readonly settlementEventId: string;
  readonly contractId: string;
  /** The settled month, YYYY-MM. */
  readonly period: string;
  /** When the approval happened: the scorecard is published as of then. */
  readonly approvedAt: string;
}

/** What the publisher knows when it reacts, every contract as its stream stood at the approval. */
export interface ProviderContractsAtApproval {
  readonly approved: ContractState;
  /** The other contracts indexed under the approved contract's provider. */
  readonly others: readonly ContractState[];
}

/**
 * The scorecard publisher's decision, pure: a settlement approval → publish the provider's
 * scorecard for that month over all its contracts, graded in `ratingScheme`, or nothing when none of them was measured that
 * month. The adapter loads the contracts and runs the command; whether this approval already
 * produced a revision is the scorecard stream's own decision.
 */
export function reactToSettlementApproval(
  trigger: SettlementApprovalTrigger,
  state: ProviderContractsAtApproval,
  ratingScheme: RatingSchemeId,
): PublishProviderScorecard[] {
  const { approved } = state;
  if (approved.status === 'none') return [];
  const providerId = approved.providerId;
  const others = state.others.filter(
    (c): c is ExistingContract =>
      c.status !== 'none' && c.providerId === providerId && c.contractId !== approved.contractId,
  );
  const figures = scoreProviderPeriod([approved, ...others], trigger.period, ratingScheme);
  if (figures === null) return [];
  return [
    {
      type: 'PublishProviderScorecard',
      data: {
        providerId,
        period: trigger.period,
        figures,
        basedOn: { contractId: trigger.contractId, settlementEventId: trigger.settlementEventId },
      },
      actor: `system:${SCORECARD_PUBLISHER}`,
      at: trigger.approvedAt,
    },
  ];
}
