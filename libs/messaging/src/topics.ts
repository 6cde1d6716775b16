/**
 * Kafka topics of the procurement integration. Names carry their contract version: a breaking
 * change to a payload is a new topic (`….v2`), published beside the old one for a while.
 */
export interface TopicNames {
  /** Out: procurement requested for a unit. */
  readonly procurementRequests: string;
  /** Out: contract signed, activated, amended, terminated, expired. */
  readonly contracts: string;
  /** Out: provider scorecards per period. */
  readonly providerPerformance: string;
  /** In: tender outcomes from the procurement system. */
  readonly tenderOutcomes: string;
  /** Out: inbound messages that could not be processed, with the reason. */
  readonly tenderOutcomesDeadLetter: string;
}

export const DEFAULT_TOPICS: TopicNames = {
  procurementRequests: 'spinout.procurement-requests.v1',
  contracts: 'spinout.contracts.v1',
  providerPerformance: 'spinout.provider-performance.v1',
  tenderOutcomes: 'procurement.tender-outcomes.v1',
  tenderOutcomesDeadLetter: 'procurement.tender-outcomes.v1.dlt',
};

/** CloudEvents `type` of every message Spinout publishes or accepts; stable forever, versioned by suffix. */
export const CE_TYPES = {
  procurementRequested: 'gov.spinout.procurement.requested.v1',
  contractSigned: 'gov.spinout.contract.signed.v1',
  contractActivated: 'gov.spinout.contract.activated.v1',
  contractAmended: 'gov.spinout.contract.amended.v1',
  contractTerminated: 'gov.spinout.contract.terminated.v1',
  contractExpired: 'gov.spinout.contract.expired.v1',
  providerScorecardPublished: 'gov.spinout.provider.scorecard-published.v1',
  tenderPublished: 'gov.procurement.tender.published.v1',
  awardDecided: 'gov.procurement.award.decided.v1',
  tenderCancelled: 'gov.procurement.tender.cancelled.v1',
  tenderUnsuccessful: 'gov.procurement.tender.unsuccessful.v1',
} as const;

export type OutboundCeType =
  | typeof CE_TYPES.procurementRequested
  | typeof CE_TYPES.contractSigned
  | typeof CE_TYPES.contractActivated
  | typeof CE_TYPES.contractAmended
  | typeof CE_TYPES.contractTerminated
  | typeof CE_TYPES.contractExpired
  | typeof CE_TYPES.providerScorecardPublished;

export type InboundCeType =
  | typeof CE_TYPES.tenderPublished
  | typeof CE_TYPES.awardDecided
  | typeof CE_TYPES.tenderCancelled
  | typeof CE_TYPES.tenderUnsuccessful;

export const INBOUND_CE_TYPES: readonly InboundCeType[] = [
  CE_TYPES.tenderPublished,
  CE_TYPES.awardDecided,
  CE_TYPES.tenderCancelled,
  CE_TYPES.tenderUnsuccessful,
];

/** Default CloudEvents `source` of what Spinout publishes. */
export const DEFAULT_CE_SOURCE = '/spinout';
