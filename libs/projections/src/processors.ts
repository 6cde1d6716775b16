import type { Processor } from '@spinout/event-store';
import { AuditTrailProcessor } from './audit-trail/audit-trail.processor';
import { ContractsProcessor } from './contracts/contracts.processor';
import { ProviderScorecardsProcessor } from './provider-scorecards/provider-scorecards.processor';
import { ReformProgressProcessor } from './reform-progress/reform-progress.processor';
import { SettlementsProcessor } from './settlements/settlements.processor';
import { DEFAULT_PROJECTION_BATCH } from './shared/batch';
import { SlaComplianceProcessor } from './sla-compliance/sla-compliance.processor';
import { UnitsProcessor } from './units/units.processor';

export interface ProjectionProcessorOptions {
  /** Events per batch (default 1000). */
  batchSize?: number;
}

/** One processor per read model, each with its own checkpoint, for the processor runtime (ProcessorHost) to run. */
export function createProjectionProcessors(options: ProjectionProcessorOptions = {}): Processor[] {
  const batchSize = options.batchSize ?? DEFAULT_PROJECTION_BATCH;
  return [
    new UnitsProcessor(batchSize),
    new ReformProgressProcessor(batchSize),
    new ContractsProcessor(batchSize),
    new SlaComplianceProcessor(batchSize),
    new ProviderScorecardsProcessor(batchSize),
    new SettlementsProcessor(batchSize),
    new AuditTrailProcessor(batchSize),
  ];
}
