/** Read models of Spinout: tables, projectors, processors, queries and as-of reads. */
export { PROJECTION_ENTITIES, PROJECTION_TABLES, type TableShape } from './entities';
export { PROJECTION_MIGRATIONS } from './migrations';
export { createProjectionProcessors } from './processors';

export * from './query/list-query';
export { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH, type CursorValue } from './query/keyset';
export {
  COUNT_LIMIT,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  MAX_OFFSET,
  todayIn,
  TOTAL_MODES,
  type TotalMode,
} from './query/query-input';

export type { UnitRow, OpenMilestone } from './units/unit.row';
export { projectUnit } from './units/units.projection';
export { UnitsProcessor } from './units/units.processor';
export * from './units/units.query';

export type { ReformProgressRow } from './reform-progress/reform-progress.row';
export { contributionOf, projectProgress } from './reform-progress/reform-progress.projection';
export { ReformProgressProcessor } from './reform-progress/reform-progress.processor';
export * from './reform-progress/reform-progress.query';

export type { ContractRow, LatestOutcome } from './contracts/contract.row';
export { projectContract } from './contracts/contracts.projection';
export { ContractsProcessor } from './contracts/contracts.processor';
export * from './contracts/contracts.query';

export type { SlaComplianceRow } from './sla-compliance/sla-compliance.row';
export { projectSlaCompliance } from './sla-compliance/sla-compliance.projection';
export { SlaComplianceProcessor } from './sla-compliance/sla-compliance.processor';
export * from './sla-compliance/sla-compliance.query';

export type { ProviderScorecardRow, ScorecardEntryRow } from './provider-scorecards/provider-scorecard.row';
export * from './provider-scorecards/scorecard';
export { projectScorecard, withTrends } from './provider-scorecards/provider-scorecards.projection';
export { ProviderScorecardsProcessor } from './provider-scorecards/provider-scorecards.processor';
export * from './provider-scorecards/provider-scorecards.query';

export type { SettlementRow } from './settlements/settlement.row';
export { projectSettlement } from './settlements/settlements.projection';
export { SettlementsProcessor } from './settlements/settlements.processor';
export * from './settlements/settlements.query';

export type { AuditEntryRow } from './audit-trail/audit-entry.row';
export { projectAuditEntry } from './audit-trail/audit-trail.projection';
export { AuditTrailProcessor } from './audit-trail/audit-trail.processor';
export * from './audit-trail/audit-trail.query';

export * from './as-of/as-of';
export * from './as-of/unit-as-of';
export * from './as-of/provider-scorecard-as-of';
export { AsOfReader } from './as-of/as-of.reader';
