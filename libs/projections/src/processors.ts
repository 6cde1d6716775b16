import type { Processor } from '@spinout/event-store/processing/processor.port';
import { AuditTrailProcessor } from './audit-trail/audit-trail.processor';
import { ContractsProcessor } from './contracts/contracts.processor';
import { ProviderScorecardsProcessor } from './provider-scorecards/provider-scorecards.processor';
import { ReformProgressProcessor } from './reform-progress/reform-progress.processor';
import { SettlementsProcessor } from './settlements/settlements.processor';
import { SlaComplianceProcessor } from './sla-compliance/sla-compliance.processor';
import { UnitsProcessor } from './units/units.processor';

/** One processor per read model, each with its own checkpoint, for the processor runtime to run. */
export function createProjectionProcessors(): Processor[] {
  return [
    new UnitsProcessor(),
    new ReformProgressProcessor(),
    new ContractsProcessor(),
    new SlaComplianceProcessor(),
    new ProviderScorecardsProcessor(),
    new SettlementsProcessor(),
    new AuditTrailProcessor(),
  ];
}
