import { Command as CqrsCommand } from '@nestjs/cqrs';
import type { Command } from '@spinout/domain';
import type { AggregateName } from './aggregates';
import type { RequestContext } from './request-context';

export interface CommandOutcome {
  id: string;
  version: number;
}

/** The one CQRS command the API sends: a domain command addressed to one aggregate instance. */
export class ExecuteDomainCommand extends CqrsCommand<CommandOutcome> {
  constructor(
    readonly aggregate: AggregateName,
    readonly id: string,
    readonly command: Command,
    readonly context: RequestContext,
    /** Deterministic event ids (inbound messages, process managers); random when absent. */
    readonly eventIds?: (index: number) => string,
  ) {
    super();
  }
}
