/** The contract aggregate: terms, SLA performance, service credits and settlement, as a pure decider. */
export * from './contract.values';
export * from './contract.commands';
export * from './contract.events';
export * from './contract.state';
export { evolveContract } from './contract.evolve';
export { contractDecider, contractStreamId, decideContract, streamId } from './contract.decider';
export { CONTRACT_ERRORS, CONTRACT_ERROR_CODES, type ContractErrorCode } from './contract.errors';
export { DEFAULT_RECTIFICATION_DAYS } from './performance.decide';
export { MAX_MEASUREMENT_MAGNITUDE } from './measurement-range';
export { evaluateSla, evaluateSlaOutcome, percentOfMoney } from './sla-evaluation';
export type { SlaEvaluation } from './sla-evaluation';
export { periodSlaCredits, settlementFigures } from './settlement';
export { checkTerminationRule } from './termination-rule';
export type { TerminationRuleCheck } from './termination-rule';
export * from './scorecard';
